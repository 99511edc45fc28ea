import { describe, expect, it } from 'vitest';
import { mergedLocales } from '../../../scripts/locales';
import { languages, readSurface, surfaceFiles, type Message, type Messages } from './messages';

const SOURCE = 'en';
const PLURAL = /^(.+)_(zero|one|two|few|many|other)$/;

/** Every category the language's rules select for a whole count a person may see (0 to 1000). */
function integerCategories(lang: string): Set<string> {
  const rules = new Intl.PluralRules(lang);
  const categories = new Set<string>(['other']);
  for (let n = 0; n <= 1000; n++) categories.add(rules.select(n));
  return categories;
}

/** How many whole counts from 0 to 1000 fall in each category. */
function integersPerCategory(lang: string): Map<string, number> {
  const rules = new Intl.PluralRules(lang);
  const counts = new Map<string, number>();
  for (let n = 0; n <= 1000; n++) counts.set(rules.select(n), (counts.get(rules.select(n)) ?? 0) + 1);
  return counts;
}

const all = (lang: string): Messages => Object.assign({}, ...surfaceFiles(lang).map((f) => readSurface(lang, f))) as Messages;
const english = all(SOURCE);
const countedBases = new Set(Object.keys(english).flatMap((k) => PLURAL.exec(k)?.[1] ?? []));

/** The $n a message uses, in its text and in its placeholders' content. */
function substitutions(m: Message): string[] {
  const used = [m.message, ...Object.values(m.placeholders ?? {}).map((p) => p.content)].join(' ');
  return [...new Set(used.match(/\$\d/g) ?? [])].sort();
}
const placeholderNames = (m: Message) => Object.keys(m.placeholders ?? {}).sort();

/** The English message a translated key answers to: itself, or for a plural form English lacks, _other. */
function englishFor(key: string): Message | undefined {
  if (english[key]) return english[key];
  const base = PLURAL.exec(key)?.[1];
  return base && countedBases.has(base) ? english[`${base}_other`] : undefined;
}

describe('locale files', () => {
  it('ships English and Polish', () => {
    expect(languages()).toEqual(['en', 'pl']);
  });

  for (const lang of languages()) {
    describe(lang, () => {
      const messages = all(lang);
      const categories = integerCategories(lang);

      it('has one file per surface, named as in English', () => {
        expect(surfaceFiles(lang)).toEqual(surfaceFiles(SOURCE));
      });

      it('keeps each message in the same surface file as English', () => {
        for (const file of surfaceFiles(SOURCE)) {
          const own = readSurface(lang, file);
          const expected = Object.keys(readSurface(SOURCE, file)).filter((k) => !PLURAL.test(k));
          expect(Object.keys(own).filter((k) => !PLURAL.test(k)), `${lang}/${file}`).toEqual(expect.arrayContaining(expected));
          for (const key of Object.keys(own)) {
            const base = PLURAL.exec(key)?.[1];
            const home = base && countedBases.has(base) ? `${base}_other` : key;
            expect(readSurface(SOURCE, file)[home], `${lang}/${file}: ${key} belongs in another file`).toBeDefined();
          }
        }
      });

      it('has every English message', () => {
        const missing = Object.keys(english).filter((k) => !PLURAL.test(k) && !(k in messages));
        expect(missing).toEqual([]);
      });

      it('has no message English does not have, and no plural form its language never uses', () => {
        const extra = Object.keys(messages).filter((key) => {
          const m = PLURAL.exec(key);
          if (m && countedBases.has(m[1]!)) return !categories.has(m[2]!);
          return !(key in english);
        });
        expect(extra).toEqual([]);
      });

      it('has every plural form its language selects for counts 0 to 1000, for every counted message', () => {
        const missing = [...countedBases].flatMap((base) => [...categories].map((c) => `${base}_${c}`)).filter((k) => !(k in messages));
        expect(missing).toEqual([]);
      });

      it('keeps the placeholders of English: the same $n and the same names', () => {
        for (const [key, m] of Object.entries(messages)) {
          const source = englishFor(key)!;
          expect(substitutions(m), `${lang}: ${key}`).toEqual(substitutions(source));
          expect(placeholderNames(m), `${lang}: ${key}`).toEqual(placeholderNames(source));
          expect(m.placeholders ?? {}, `${lang}: ${key}`).toEqual(source.placeholders ?? {});
        }
      });

      it('shows the count in every plural form that stands for more than one number', () => {
        const perCategory = integersPerCategory(lang);
        for (const base of countedBases) {
          for (const c of categories) {
            // _other holds fractions even where no whole number selects it.
            if ((perCategory.get(c) ?? Infinity) > 1) expect(messages[`${base}_${c}`]!.message, `${lang}: ${base}_${c}`).toContain('$1');
          }
        }
      });

      it('says no message empty', () => {
        expect(Object.entries(messages).filter(([, m]) => typeof m.message !== 'string' || !m.message.trim())).toEqual([]);
      });

      it('names its own language for dates, plurals and the page', () => {
        expect(messages.popupDateLocale!.message).toBe(lang);
        expect(messages.optionsLang!.message).toBe(lang);
        expect(Intl.getCanonicalLocales(lang)).toEqual([lang]);
      });

      it('fits the stores: a name up to 75 characters, a description up to 132', () => {
        expect(messages.extName!.message.length).toBeLessThanOrEqual(75);
        expect(messages.extDescription!.message.length).toBeLessThanOrEqual(132);
        expect(messages.extDescription!.message).not.toBe('');
      });
    });
  }
});

describe('Polish', () => {
  const polish = all('pl');

  // The words that are the same in both languages: names, numbers and Kith's own name.
  const SAME_IN_POLISH = new Set(['Kith', 'Kith: $1', '✓ Kith', 'LinkedIn', 'GitHub', 'X', 'XING', 'Mastodon', '4.0', 'Link', 'Import']);

  it('translates every message (no English left in a Polish browser)', () => {
    const untranslated = Object.keys(english).filter((k) => polish[k]?.message === english[k]!.message && !SAME_IN_POLISH.has(english[k]!.message));
    expect(untranslated).toEqual([]);
  });

  it('quotes with Polish quotation marks („…”), never English ones', () => {
    for (const [key, { message }] of Object.entries(polish)) {
      expect(message, key).not.toMatch(/[“"‘]/);
      expect((message.match(/„/g) ?? []).length, key).toBe((message.match(/”/g) ?? []).length);
    }
  });

  it('writes an ellipsis as one character, as English does', () => {
    for (const [key, { message }] of Object.entries(polish)) expect(message, key).not.toContain('...');
  });
});

describe('mergedLocales (the build)', () => {
  const built = new Map(mergedLocales(process.cwd()).map(({ lang, json }) => [lang, JSON.parse(json) as Messages]));

  it('builds a messages.json for English and for Polish', () => {
    expect([...built.keys()].sort()).toEqual(['en', 'pl']);
  });

  for (const lang of ['en', 'pl']) {
    it(`puts every ${lang} surface's messages into one file, unchanged`, () => {
      expect(built.get(lang)).toEqual(all(lang));
      const count = surfaceFiles(lang).reduce((n, f) => n + Object.keys(readSurface(lang, f)).length, 0);
      expect(Object.keys(built.get(lang)!)).toHaveLength(count);
    });
  }

  it('gives Polish every English message plus its extra plural forms', () => {
    const en = Object.keys(built.get('en')!);
    const pl = Object.keys(built.get('pl')!);
    expect(pl).toEqual(expect.arrayContaining(en));
    expect(pl.filter((k) => !en.includes(k)).every((k) => /_(few|many)$/.test(k))).toBe(true);
  });
});
