import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { countedMessage } from '../../../utils/i18n';
import { getMessageFrom, languages, readSurface, surfaceFiles, type Messages } from './messages';

const messagesOf = (lang: string): Messages => Object.assign({}, ...surfaceFiles(lang).map((f) => readSurface(lang, f))) as Messages;

/** The browser answers in `lang`, as Chromium does with --lang. */
function speak(lang: string | Messages) {
  const messages = typeof lang === 'string' ? messagesOf(lang) : lang;
  (fakeBrowser.i18n as { getMessage: unknown }).getMessage = getMessageFrom(messages);
}

const COUNTS = [1, 2, 5, 12, 22, 25];

beforeEach(() => {
  fakeBrowser.reset();
});

describe('countedMessage in Polish', () => {
  beforeEach(() => speak('pl'));

  const say = (base: string) => COUNTS.map((n) => countedMessage(base, n, 'pl'));

  it('people: 1 osoba, 2 osoby, 5 osób', () => {
    expect(say('optionsPeople')).toEqual(['1 osoba', '2 osoby', '5 osób', '12 osób', '22 osoby', '25 osób']);
  });

  it('encounters: 1 spotkanie, 2 spotkania, 5 spotkań', () => {
    expect(say('optionsEncounters')).toEqual(['1 spotkanie', '2 spotkania', '5 spotkań', '12 spotkań', '22 spotkania', '25 spotkań']);
  });

  it('events: 1 wydarzenie, 2 wydarzenia, 5 wydarzeń', () => {
    expect(say('optionsEvents')).toEqual(['1 wydarzenie', '2 wydarzenia', '5 wydarzeń', '12 wydarzeń', '22 wydarzenia', '25 wydarzeń']);
  });

  it('days: 1 dzień, 2 dni, 5 dni', () => {
    expect(say('popupOverdueDays')).toEqual(['1 dzień po terminie', '2 dni po terminie', '5 dni po terminie', '12 dni po terminie', '22 dni po terminie', '25 dni po terminie']);
  });

  it('agrees the verb with the count in the daily notification', () => {
    expect(say('popupNotifyTitle')).toEqual([
      'Kith: 1 osoba czeka na kontakt',
      'Kith: 2 osoby czekają na kontakt',
      'Kith: 5 osób czeka na kontakt',
      'Kith: 12 osób czeka na kontakt',
      'Kith: 22 osoby czekają na kontakt',
      'Kith: 25 osób czeka na kontakt',
    ]);
  });

  it('says 0 with the form of 5 (0 osób), and 21 with it too (21 osób, not 21 osoba)', () => {
    expect(countedMessage('optionsPeople', 0, 'pl')).toBe('0 osób');
    expect(countedMessage('optionsPeople', 21, 'pl')).toBe('21 osób');
    expect(countedMessage('optionsPeople', 104, 'pl')).toBe('104 osoby');
  });
});

describe('countedMessage', () => {
  it('uses the English forms in English: 1 person, 2 people', () => {
    speak('en');
    expect(COUNTS.map((n) => countedMessage('optionsPeople', n, 'en'))).toEqual(['1 person', '2 people', '5 people', '12 people', '22 people', '25 people']);
  });

  it('falls back to _other when a translation lacks a form its language needs', () => {
    const { optionsPeople_few: _few, ...incomplete } = messagesOf('pl');
    speak(incomplete);
    expect(countedMessage('optionsPeople', 2, 'pl')).toBe('2 osoby');
    expect(countedMessage('optionsPeople', 5, 'pl')).toBe('5 osób');
  });

  it('shows the count as given (formatted) while choosing the form by the number', () => {
    speak('pl');
    expect(countedMessage('optionsPeople', 30000, 'pl', '30 000')).toBe('30 000 osób');
  });

  it('follows English rules when the language tag is broken', () => {
    speak('en');
    expect(countedMessage('optionsPeople', 1, 'not a language!')).toBe('1 person');
    expect(countedMessage('optionsPeople', 3, 'not a language!')).toBe('3 people');
  });

  it('works for every counted message of every locale', () => {
    for (const lang of languages()) {
      const messages = messagesOf(lang);
      speak(messages);
      for (const base of new Set(Object.keys(messages).flatMap((k) => /^(.+)_other$/.exec(k)?.[1] ?? []))) {
        for (const n of [0, 1, 2, 5, 22, 1000]) {
          const text = countedMessage(base, n, lang);
          expect(text, `${lang} ${base} ${n}`).not.toMatch(/_(one|few|many|other)$/);
          if (n !== 1) expect(text, `${lang} ${base} ${n}`).toContain(String(n));
        }
      }
    }
  });
});

describe('the surfaces use the messages’ language', () => {
  beforeEach(() => {
    // Each surface keeps its language, rules and formatters once read: start from nothing.
    vi.resetModules();
  });

  it('popup: counted phrases and dates in Polish', async () => {
    speak('pl');
    const popup = await import('../../../utils/phrases');
    expect(popup.messagesLocale()).toBe('pl');
    expect([1, 2, 5].map((n) => popup.plural('popupCadence', n))).toEqual(['codziennie', 'co 2 dni', 'co 5 dni']);
    expect(popup.dueText({ due: '2026-12-01', overdueDays: 3 }, '2026-12-04')).toBe('3 dni po terminie');
    expect(popup.formatDueDay('2026-12-08', '2026-12-04')).toBe('wt., 8 gru');
    expect(popup.formatDueDay('2027-01-05', '2026-12-04')).toBe('wt., 5 sty 2027');
    expect(popup.formatPastDay('2025-12-07', '2026-12-04')).toBe('7 gru 2025');
    expect(popup.formatPastDay('2014-06', '2026-12-04')).toBe('czerwiec 2014');
    expect(popup.dueText({ due: '2026-12-05', overdueDays: 0 }, '2026-12-04')).toBe('Na jutro');
  });

  it('options: counts grouped the Polish way and the right form', async () => {
    speak('pl');
    const options = await import('../../../components/shared/counts');
    expect(options.optionsLocale()).toBe('pl');
    expect([1, 2, 5, 12, 22, 25].map((n) => options.countPhrase('optionsEncounters', n))).toEqual([
      '1 spotkanie',
      '2 spotkania',
      '5 spotkań',
      '12 spotkań',
      '22 spotkania',
      '25 spotkań',
    ]);
    expect(options.countPhrase('optionsPeople', 30000)).toBe('30\u00a0000 osób');
  });

  it('English stays English', async () => {
    speak('en');
    const popup = await import('../../../utils/phrases');
    const options = await import('../../../components/shared/counts');
    expect(popup.plural('popupOverdueDays', 1)).toBe('1 day overdue');
    expect(popup.plural('popupOverdueDays', 2)).toBe('2 days overdue');
    expect(popup.formatDueDay('2026-12-08', '2026-12-04')).toBe('Tue 8 Dec');
    expect(options.countPhrase('optionsPeople', 30000)).toBe('30,000 people');
  });
});
