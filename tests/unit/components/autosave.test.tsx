// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { autosaver, join, RETRY_DELAYS } from '../../../components/shared/autosave';
import { Sidebar } from '../../../components/sidebar/Sidebar';
import { createHandler } from '../../../entrypoints/background/router';
import { closeKithDb } from '../../../utils/db';
import type { PersonView } from '../../../utils/messages';
import { SIDEBAR, handlerDeps, pageSender } from '../handler-harness';
import { englishMessage } from '../english';


afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.restoreAllMocks();
});

/** Lets `ms` of fake time pass in small steps, with real turns of the event loop between them for IndexedDB. */
async function pass(ms: number) {
  for (let t = 0; t < ms; t += 50) {
    await act(async () => {
      await vi.advanceTimersByTimeAsync(50);
    });
    for (let i = 0; i < 10; i++) await new Promise((r) => setImmediate(r));
  }
}

const view = (notes: string) => ({ person: { notes } }) as unknown as PersonView;

describe('autosaver', () => {
  it('sends what is not stored yet when the page goes away: a change behind a save in flight, or one waiting to try again', async () => {
    vi.useFakeTimers();
    const sent: unknown[] = [];
    let answer: ((v: PersonView) => void) | undefined;
    const inFlight = autosaver((patch) => {
      sent.push(patch);
      return new Promise<PersonView>((r) => (answer = r));
    }, vi.fn());
    inFlight.change({ notes: 'Met' });
    inFlight.change({ notes: 'Met at the bar' });
    expect(sent).toEqual([{ notes: 'Met' }]);
    window.dispatchEvent(new Event('pagehide'));
    expect(sent).toHaveLength(2);
    expect(sent[1]).toMatchObject({ notes: 'Met at the bar' });
    answer?.(view('Met'));

    const failed: unknown[] = [];
    const retrying = autosaver(async (patch) => {
      failed.push(patch);
      throw new Error('no room');
    }, vi.fn());
    retrying.change({ notes: 'Call on Friday' });
    await vi.advanceTimersByTimeAsync(0);
    expect(failed).toHaveLength(1);
    window.dispatchEvent(new Event('pagehide'));
    expect(failed).toHaveLength(2);
    expect(failed[1]).toMatchObject({ notes: 'Call on Friday' });
  });

  it('keeps failed changes, tries again after 2 s, 5 s, 15 s, then every 30 s, and stops once one lands', async () => {
    vi.useFakeTimers();
    const sent: unknown[] = [];
    let fail = true;
    const report = vi.fn();
    const saver = autosaver(async (patch) => {
      sent.push(patch);
      if (fail) throw new Error('no room');
      return view(patch.notes ?? '');
    }, report);
    saver.change({ notes: 'Met at the bar' });
    await vi.advanceTimersByTimeAsync(0);
    expect(sent).toHaveLength(1);
    expect(saver.error).toBe('no room');
    expect(saver.unsaved()).toEqual({ notes: 'Met at the bar' });
    // Each pause, and nothing before it ends.
    for (const [i, pause] of [...RETRY_DELAYS, 30_000, 30_000].entries()) {
      await vi.advanceTimersByTimeAsync(pause - 1);
      expect(sent).toHaveLength(i + 1);
      await vi.advanceTimersByTimeAsync(1);
      expect(sent).toHaveLength(i + 2);
    }
    expect(saver.unsaved()).toEqual({ notes: 'Met at the bar' });
    fail = false;
    await vi.advanceTimersByTimeAsync(30_000);
    expect(saver.error).toBe('');
    expect(saver.unsaved()).toBeUndefined();
    expect(report).toHaveBeenLastCalledWith(view('Met at the bar'));
    const tries = sent.length;
    await vi.advanceTimersByTimeAsync(120_000);
    expect(sent).toHaveLength(tries);
  });

  it('sends one save at a time; changes made meanwhile follow, joined with what is not stored yet', async () => {
    const sent: unknown[] = [];
    const answers: ((ok: boolean) => void)[] = [];
    const saver = autosaver(
      (patch) =>
        new Promise((res, rej) => {
          sent.push(patch);
          answers.push((ok) => (ok ? res(view('')) : rej(new Error('busy'))));
        }),
      () => undefined,
    );
    saver.change({ notes: 'a' });
    saver.change({ tags: ['vc'] });
    saver.change({ followUp: { due: '2026-12-01' } });
    expect(sent).toEqual([{ notes: 'a' }]);
    // The first fails: a change from the user sends everything at once, without waiting for the pause.
    answers[0](false);
    await Promise.resolve();
    saver.change({ followUp: { note: 'deck' } });
    expect(sent[1]).toEqual({ notes: 'a', tags: ['vc'], followUp: { due: '2026-12-01', note: 'deck' } });
    answers[1](true);
    await Promise.resolve();
    expect(saver.unsaved()).toBeUndefined();
    expect(sent).toHaveLength(2);
  });

  it('joins follow-up changes field by field, and lays them over the stored person', () => {
    expect(join({ followUp: { due: '2026-12-01', cadenceDays: 30 } }, { followUp: { due: null } })).toEqual({ followUp: { due: null, cadenceDays: 30 } });
    expect(join({ notes: 'a', tags: ['x'] }, { notes: 'b' })).toEqual({ notes: 'b', tags: ['x'], followUp: {} });
    expect(join({ notes: 'a' }, undefined)).toEqual({ notes: 'a' });
  });
});

describe('the sidebar when the browser has no room left', () => {
  let dbName: string;
  let handle: ReturnType<typeof createHandler>;

  beforeEach(async () => {
    fakeBrowser.reset();
    (fakeBrowser.i18n as { getMessage: unknown }).getMessage = englishMessage;
    dbName = `kith-autosave-${Math.random()}`;
    handle = createHandler(handlerDeps(dbName, new Date(), () => undefined));
    // The content script's messages go to the real background handler, on its own database.
    (fakeBrowser.runtime as { sendMessage: unknown }).sendMessage = (m: unknown) => handle(m, SIDEBAR);
    await handle(
      {
        kith: 'encounter.record',
        payload: {
          profile: { site: 'linkedin', keys: ['linkedin:anna-nowak'], url: 'https://www.linkedin.com/in/anna-nowak/', name: 'Anna Nowak' },
          encounter: { date: '2026-11-20', kind: 'in-person' },
        },
      },
      SIDEBAR,
    );
  });
  afterEach(() => closeKithDb(dbName));

  it('keeps what the user typed and chose, says it is not saved, and saves it when writes work again', async () => {
    const profile = { site: 'linkedin' as const, keys: ['linkedin:anna-nowak'], url: 'https://www.linkedin.com/in/anna-nowak/', name: 'Anna Nowak', readable: true };
    render(<Sidebar profile={profile} presentation="page" open onOpen={() => undefined} onClose={() => undefined} focusRequest={0} postMeetingDays={2} />);
    const notes = (await screen.findByLabelText('Notes')) as HTMLTextAreaElement;

    // Every write is refused, as by a browser whose storage is full.
    const put = vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
      throw new DOMException('Simulated', 'QuotaExceededError');
    });
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    fireEvent.input(notes, { target: { value: 'Met at the bar; wants the pilot deck.' } });
    fireEvent.input(screen.getByLabelText('Add tag'), { target: { value: 'investor' } });
    fireEvent.keyDown(screen.getByLabelText('Add tag'), { key: 'Enter' });
    fireEvent.change(screen.getByLabelText('Cadence'), { target: { value: '30' } });
    await pass(1000);

    const alert = screen.getByRole('alert');
    expect(alert.textContent).toBe(
      "Not saved yet. The browser has no room left for Kith's data (is the disk full?), so nothing was changed. Kith keeps trying by itself while this page is open.",
    );
    expect(notes.value).toBe('Met at the bar; wants the pilot deck.');
    expect(screen.getByRole('list', { name: 'Tags' }).textContent).toContain('investor');
    expect((screen.getByLabelText('Cadence') as HTMLSelectElement).value).toBe('30');
    expect(screen.getAllByRole('status').map((s) => s.textContent)).toContain('Saving…');
    const stored = async () => ((await handle({ kith: 'person.lookup', payload: { keys: ['linkedin:anna-nowak'] } }, pageSender('network.html'))) as { value: PersonView }).value.person;
    expect((await stored()).notes).toBe('');

    // Room again: the next try (5 s after the second failure) stores everything, and the alert goes.
    put.mockRestore();
    await pass(6000);
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getAllByRole('status').map((s) => s.textContent)).toContain('Saved');
    const person = await stored();
    expect([person.notes, person.tags, person.followUp.cadenceDays]).toEqual(['Met at the bar; wants the pilot deck.', ['investor'], 30]);
    expect(notes.value).toBe('Met at the bar; wants the pilot deck.');
  });
});
