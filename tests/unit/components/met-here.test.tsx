// @vitest-environment jsdom
/**
 * "Met here" in one click (components/sidebar/MetHere.tsx): what it records, the follow-up it sets,
 * and "Add a note" joining the encounter just saved, against the real background handler.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createHandler } from '../../../entrypoints/background/router';
import { closeKithDb } from '../../../utils/db';
import type { PersonView } from '../../../utils/messages';
import { MetHereDone, metHereEncounter, metHereFollowUp } from '../../../components/sidebar/MetHere';
import { handlerDeps, pageSender } from '../handler-harness';
import { englishMessage } from '../english';

const PAGE = pageSender('sidebar.html');
let dbName: string;
let handle: ReturnType<typeof createHandler>;

async function kith<T>(name: string, payload: unknown): Promise<T> {
  const reply = await handle({ kith: name, payload }, PAGE);
  if (!reply.ok) throw new Error(reply.error);
  return reply.value as T;
}

beforeEach(() => {
  fakeBrowser.reset();
  (fakeBrowser.i18n as { getMessage: unknown }).getMessage = englishMessage;
  dbName = `kith-met-here-${Math.random()}`;
  handle = createHandler(handlerDeps(dbName, new Date('2026-06-19T10:00:00Z'), () => undefined));
  (fakeBrowser.runtime as { sendMessage: unknown }).sendMessage = (m: unknown) => handle(m, PAGE);
});
afterEach(async () => {
  cleanup();
  await closeKithDb(dbName);
});

const HERE = { id: 'ev1', eventName: 'Grow Up Start Up', place: 'Warsaw, EXPO XXI', until: '2026-06-20' };

describe('what "Met here" records', () => {
  it('an event meeting today at the checked-in event and its place', () => {
    expect(metHereEncounter(HERE, '2026-06-19')).toEqual({ date: '2026-06-19', kind: 'event', event: { id: 'ev1' }, place: 'Warsaw, EXPO XXI' });
    const { place: _place, ...noPlace } = HERE;
    expect(metHereEncounter(noPlace, '2026-06-19')).toEqual({ date: '2026-06-19', kind: 'event', event: { id: 'ev1' } });
  });

  it('the post-meeting follow-up after a first meeting, none after an earlier one or with the setting off', () => {
    expect(metHereFollowUp(null, {}, '2026-06-19', 2)).toBe('2026-06-21');
    expect(metHereFollowUp(null, {}, '2026-06-19', 0)).toBeUndefined();
    const met = { encounters: [{ kind: 'in-person' }] } as PersonView;
    expect(metHereFollowUp(met, {}, '2026-06-19', 2)).toBeUndefined();
    const onlyEmailed = { encounters: [{ kind: 'email' }] } as PersonView;
    expect(metHereFollowUp(onlyEmailed, {}, '2026-06-19', 2)).toBe('2026-06-21');
    // Already due sooner: nothing to suggest.
    expect(metHereFollowUp(null, { due: '2026-06-20' }, '2026-06-19', 2)).toBeUndefined();
  });
});

describe('MetHereDone', () => {
  it('says what was saved, and "Add a note" joins the encounter just recorded', async () => {
    const event = await kith<{ id: string }>('event.create', { name: 'Grow Up Start Up', start: '2026-06-19', place: 'Warsaw' });
    const view = await kith<PersonView>('encounter.record', {
      profile: { site: 'linkedin', keys: ['linkedin:anna'], url: 'https://www.linkedin.com/in/anna/', name: 'Anna Nowak' },
      encounter: metHereEncounter({ ...HERE, id: event.id }, '2026-06-19'),
    });
    const encounter = view.encounters[0]!;
    let shown: PersonView | null = view;
    const act = (reply: Promise<PersonView | null>) => reply.then((v) => void (shown = v));
    render(<MetHereDone encounter={encounter} eventName="Grow Up Start Up" followUpDue="2026-06-21" act={act} />);
    expect(screen.getByRole('status').textContent).toBe('Saved: met at Grow Up Start Up, 19 Jun 2026. Follow up on 21 Jun 2026.');

    fireEvent.click(screen.getByRole('button', { name: 'Add a note' }));
    const note = screen.getByRole('textbox', { name: 'Note' });
    expect(document.activeElement).toBe(note);
    fireEvent.input(note, { target: { value: '  Asked about the pilot ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save note' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toContain('Note saved.'));
    expect(shown!.encounters).toHaveLength(1);
    expect(shown!.encounters[0]).toMatchObject({ id: encounter.id, kind: 'event', date: '2026-06-19', place: 'Warsaw, EXPO XXI', eventId: event.id, note: 'Asked about the pilot' });
    expect(screen.getByRole('button', { name: 'Edit the note' })).toBeTruthy();
  });

  it('keeps the typed note when saving it fails', async () => {
    const encounter = { id: 'gone', personId: 'p', date: '2026-06-19', kind: 'event', createdAt: 0, updatedAt: 0 } as PersonView['encounters'][number];
    const act = (reply: Promise<PersonView | null>) => reply.then(() => undefined);
    render(<MetHereDone encounter={encounter} eventName="Grow Up Start Up" followUpDue={undefined} act={act} />);
    expect(screen.getByRole('status').textContent).toBe('Saved: met at Grow Up Start Up, 19 Jun 2026.');
    fireEvent.click(screen.getByRole('button', { name: 'Add a note' }));
    fireEvent.input(screen.getByRole('textbox', { name: 'Note' }), { target: { value: 'typed' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save note' }));
    await waitFor(() => expect((screen.getByRole('button', { name: 'Save note' }) as HTMLButtonElement).disabled).toBe(false));
    expect((screen.getByRole('textbox', { name: 'Note' }) as HTMLTextAreaElement).value).toBe('typed');
  });
});
