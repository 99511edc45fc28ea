// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { act, cleanup, renderHook, waitFor } from '@testing-library/preact';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { usePerson, type PersonRequest, type RecordEncounter } from '../../../components/shared/usePerson';
import { createHandler, type SenderInfo } from '../../../entrypoints/background/router';
import { send } from '../../../utils/client';
import { closeKithDb } from '../../../utils/db';
import type { PersonView } from '../../../utils/messages';
import { SIDEBAR, handlerDeps, pageSender } from '../handler-harness';

const ANNA = { site: 'linkedin' as const, keys: ['linkedin:anna-nowak'], url: 'https://www.linkedin.com/in/anna-nowak/', name: 'Anna Nowak' };
const BOB = { site: 'linkedin' as const, keys: ['linkedin:bob-kowalski'], url: 'https://www.linkedin.com/in/bob-kowalski/', name: 'Bob Kowalski' };

let dbName: string;
let handle: ReturnType<typeof createHandler>;
/** The names of the messages the panel sent, in order. */
let asked: string[];
/** Answers still on their way, awaited before the database closes. */
let inFlight: Promise<unknown>[];
/** While set, saves wait for it before they reach the background. */
let savesWait: Promise<void> | undefined;

/** The background's change notice as the browser delivers it; `tab` makes it a web page's instead. */
async function notice(ids: string[], tab?: { id: number }) {
  await fakeBrowser.runtime.onMessage.trigger({ kithChanged: ids }, { id: fakeBrowser.runtime.id, tab } as never, () => undefined);
}

/** Wires the panel's messages to the real background handler, as `sender`, and its change notices back to the panel. */
function background(sender: SenderInfo) {
  (fakeBrowser.runtime as { sendMessage: unknown }).sendMessage = (m: { kith: string }) => {
    asked.push(m.kith);
    const reply = m.kith === 'person.update' && savesWait ? savesWait.then(() => handle(m, sender)) : handle(m, sender);
    inFlight.push(reply);
    return reply;
  };
}

/** What another view (a tab, the popup) does: it goes straight to the background, which then sends its change notice. */
async function elsewhere<T>(name: string, payload: unknown): Promise<T> {
  const reply = await handle({ kith: name, payload }, pageSender('popup.html'));
  if (!reply.ok) throw new Error(reply.error);
  return reply.value as T;
}

beforeEach(() => {
  fakeBrowser.reset();
  asked = [];
  inFlight = [];
  savesWait = undefined;
  dbName = `kith-use-person-${Math.random()}`;
  // Every change notice reaches the panel as the background's broadcast would (our id, not from a tab).
  handle = createHandler(
    handlerDeps(dbName, new Date(2026, 10, 20, 12), (ids) => void notice(ids)),
  );
});
afterEach(async () => {
  cleanup();
  // A change notice from a test's last step may have sent one more question.
  await new Promise((r) => setTimeout(r, 20));
  await Promise.allSettled(inFlight);
  await closeKithDb(dbName);
});

const recordNothing: RecordEncounter = () => Promise.reject(new Error('not expected'));

function panel(request: PersonRequest, record: RecordEncounter = recordNothing) {
  return renderHook((props: { request: PersonRequest }) => usePerson(props.request, record), { initialProps: { request } });
}

describe('usePerson by a profile’s keys (the sidebar)', () => {
  beforeEach(() => background(SIDEBAR));

  it('says nobody is saved, records the first encounter with `record`, then shows the person', async () => {
    const record: RecordEncounter = (encounter, followUpDue) => send('encounter.record', { profile: ANNA, encounter, followUpDue });
    const { result } = panel({ keys: ANNA.keys }, record);
    expect(result.current.view).toBeUndefined();
    await waitFor(() => expect(result.current.view).toBeNull());
    expect(result.current.person).toBeUndefined();
    expect(result.current.saver).toBeUndefined();

    act(() => result.current.openForm({ place: 'Warsaw' }));
    const form = result.current.form;
    if (!form) throw new Error('the form did not open');
    expect(form.key).toBe('new');
    expect(form.props.initial).toEqual({ place: 'Warsaw' });
    expect(form.props.firstInPerson).toBe(true);
    expect(form.props.current).toEqual({});
    await act(() => form.props.onSave({ date: '2026-11-20', kind: 'in-person', place: 'Warsaw' }, '2026-11-22'));

    expect(result.current.form).toBe(false);
    expect(result.current.person?.name).toBe('Anna Nowak');
    expect(result.current.view?.encounters.map((e) => e.place)).toEqual(['Warsaw']);
    expect(result.current.person?.followUp.due).toBe('2026-11-22');
    expect(result.current.error).toBe('');
  });

  it('asks again about any change while nobody is saved, and then only about changes to the person shown', async () => {
    const { result } = panel({ keys: ANNA.keys });
    await waitFor(() => expect(result.current.view).toBeNull());

    // Saved from another tab: the notice names someone the panel cannot know yet, so it asks again.
    await elsewhere('encounter.record', { profile: ANNA, encounter: { date: '2026-11-20', kind: 'event' } });
    await waitFor(() => expect(result.current.person?.name).toBe('Anna Nowak'));

    // Someone else changes: nothing to ask.
    const lookups = asked.filter((n) => n === 'person.lookup').length;
    await elsewhere('encounter.record', { profile: BOB, encounter: { date: '2026-11-20', kind: 'call' } });
    await new Promise((r) => setTimeout(r, 50));
    expect(asked.filter((n) => n === 'person.lookup')).toHaveLength(lookups);

    // Anna changes elsewhere: shown here.
    await elsewhere('person.update', { id: result.current.person!.id, patch: { notes: 'Loves sailing' } });
    await waitFor(() => expect(result.current.person?.notes).toBe('Loves sailing'));
  });
});

describe('usePerson by id (the network page)', () => {
  let anna: PersonView;
  let bob: PersonView;
  beforeEach(async () => {
    anna = await elsewhere<PersonView>('encounter.record', { profile: ANNA, encounter: { date: '2026-06-19', kind: 'event', place: 'Warsaw' } });
    bob = await elsewhere<PersonView>('encounter.record', { profile: BOB, encounter: { date: '2026-11-01', kind: 'call' } });
    background(pageSender('network.html'));
  });

  it('shows the person, asks again when they or anyone may have changed, never for someone else', async () => {
    const { result } = panel({ id: anna.person.id });
    await waitFor(() => expect(result.current.person?.name).toBe('Anna Nowak'));
    const gets = () => asked.filter((n) => n === 'person.get').length;
    expect(gets()).toBe(1);

    await elsewhere('person.update', { id: bob.person.id, patch: { notes: 'Bob' } });
    await new Promise((r) => setTimeout(r, 50));
    expect(gets()).toBe(1);

    await act(() => notice([]));
    await waitFor(() => expect(gets()).toBe(2));

    // A notice from a web page's tab is not the background's: ignored.
    await act(() => notice([], { id: 7 }));
    await elsewhere('person.update', { id: anna.person.id, patch: { tags: ['sailing'] } });
    await waitFor(() => expect(result.current.person?.tags).toEqual(['sailing']));
    expect(gets()).toBe(3);
  });

  it('edits an encounter in the same form, with its events, and records new ones with `record`', async () => {
    await elsewhere('event.create', { name: 'Grow Up Start Up', place: 'Warsaw' });
    const record: RecordEncounter = (encounter) => send('encounter.record', { personId: anna.person.id, encounter });
    const { result } = panel({ id: anna.person.id }, record);
    await waitFor(() => expect(result.current.view).toBeTruthy());
    const met = result.current.view!.encounters[0];

    act(() => result.current.openForm(met, met.id));
    const editing = result.current.form;
    if (!editing) throw new Error('the form did not open');
    expect(editing.key).toBe(met.id);
    expect(editing.props.initial).toBe(met);
    // Editing the first meeting is not a new first meeting: no follow-up suggestion.
    expect(editing.props.firstInPerson).toBe(false);
    await waitFor(() => expect((result.current.form as typeof editing).props.events.map((e) => e.name)).toContain('Grow Up Start Up'));

    await act(() => editing.props.onSave({ date: '2026-06-20', kind: 'event', place: 'Kraków' }, undefined));
    expect(result.current.form).toBe(false);
    expect(result.current.view!.encounters.map((e) => [e.id, e.place])).toEqual([[met.id, 'Kraków']]);

    // A new one, after an event meeting: not the first in person.
    act(() => result.current.openForm({}));
    const recording = result.current.form;
    if (!recording) throw new Error('the form did not open');
    expect([recording.key, recording.props.firstInPerson]).toEqual(['new', false]);
    await act(() => recording.props.onSave({ date: '2026-11-20', kind: 'call' }, undefined));
    expect(result.current.view!.encounters.map((e) => e.kind)).toEqual(['call', 'event']);

    // Cancel closes it.
    act(() => result.current.openForm({}));
    act(() => (result.current.form as typeof recording).props.onCancel());
    expect(result.current.form).toBe(false);
  });

  it('shows a failed action’s error and passes it on; the next answer clears it', async () => {
    const { result } = panel({ id: anna.person.id });
    await waitFor(() => expect(result.current.view).toBeTruthy());
    let thrown: unknown;
    await act(() => result.current.act(send('encounter.delete', { id: 'no-such-encounter' })).catch((e) => (thrown = e)));
    expect(thrown).toBeInstanceOf(Error);
    expect(result.current.error).toBe((thrown as Error).message);
    expect(result.current.error).not.toBe('');
    expect(result.current.person?.name).toBe('Anna Nowak');

    await act(() => result.current.act(send('person.update', { id: anna.person.id, patch: { notes: 'ok' } })));
    expect(result.current.error).toBe('');
    expect(result.current.person?.notes).toBe('ok');
  });

  it('shows changes before they are stored, keeps each person’s saver across a switch, and resets the panel on one', async () => {
    const { result, rerender } = panel({ id: anna.person.id });
    await waitFor(() => expect(result.current.view).toBeTruthy());
    const annasSaver = result.current.saver;
    let saveLands!: () => void;
    savesWait = new Promise((r) => (saveLands = r));
    act(() => result.current.saver!.change({ notes: 'Met at the bar', followUp: { cadenceDays: 30 } }));
    // On screen at once, before the save lands.
    expect(result.current.person?.notes).toBe('Met at the bar');
    expect(result.current.person?.followUp.cadenceDays).toBe(30);
    act(() => result.current.openForm({}));

    // Another person: loading again, the form closed, and Anna's answer, landing now, not shown over Bob.
    rerender({ request: { id: bob.person.id } });
    expect(result.current.view).toBeUndefined();
    expect(result.current.form).toBe(false);
    await waitFor(() => expect(result.current.person?.name).toBe('Bob Kowalski'));
    expect(result.current.saver).not.toBe(annasSaver);
    saveLands();
    await act(async () => {
      await Promise.allSettled(inFlight);
    });
    expect(result.current.person?.name).toBe('Bob Kowalski');

    rerender({ request: { id: anna.person.id } });
    await waitFor(() => expect(result.current.person?.name).toBe('Anna Nowak'));
    expect(result.current.saver).toBe(annasSaver);
    expect(result.current.saver!.unsaved()).toBeUndefined();
    expect([result.current.person?.notes, result.current.person?.followUp.cadenceDays]).toEqual(['Met at the bar', 30]);
  });

  it('offers no first-meeting follow-up when editing, even for someone never met in person', async () => {
    const { result } = panel({ id: bob.person.id });
    await waitFor(() => expect(result.current.view).toBeTruthy());
    const call = result.current.view!.encounters[0];
    act(() => result.current.openForm({}));
    expect(result.current.form && result.current.form.props.firstInPerson).toBe(true);
    act(() => result.current.openForm(call, call.id));
    expect(result.current.form && result.current.form.props.firstInPerson).toBe(false);
  });

  it('says when the person is no longer saved', async () => {
    const { result } = panel({ id: bob.person.id });
    await waitFor(() => expect(result.current.view).toBeTruthy());
    await elsewhere('person.delete', { id: bob.person.id });
    await waitFor(() => expect(result.current.view).toBeNull());
    expect(result.current.person).toBeUndefined();
  });
});
