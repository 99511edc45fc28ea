// @vitest-environment jsdom
/** The parts that let a user take a change back or see where a follow-up stands, against the real background. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createHandler } from '../../../entrypoints/background/router';
import { closeKithDb } from '../../../utils/db';
import type { PersonView } from '../../../utils/messages';
import { usePerson } from '../../../components/shared/usePerson';
import { EncounterSection } from '../../../components/shared/EncounterSection';
import { PersonActions } from '../../../components/shared/PersonActions';
import { FollowUpEditor } from '../../../components/shared/FollowUpEditor';
import { UndoBar, useUndo, UNDO_MS } from '../../../components/shared/UndoBar';
import { EncounterForm } from '../../../components/shared/EncounterForm';
import { addDays, localDay } from '../../../utils/dates';
import { handlerDeps, pageSender } from '../handler-harness';

let dbName: string;
let handle: ReturnType<typeof createHandler>;
let inFlight: Promise<unknown>[];

beforeEach(() => {
  fakeBrowser.reset();
  inFlight = [];
  dbName = `kith-everyday-${Math.random()}`;
  const notice = (ids: string[]) => void fakeBrowser.runtime.onMessage.trigger({ kithChanged: ids }, { id: fakeBrowser.runtime.id } as never, () => undefined);
  handle = createHandler(handlerDeps(dbName, new Date(), notice));
  (fakeBrowser.runtime as { sendMessage: unknown }).sendMessage = (m: unknown) => {
    const reply = handle(m, pageSender('network.html'));
    inFlight.push(reply);
    return reply;
  };
});
afterEach(async () => {
  cleanup();
  await new Promise((r) => setTimeout(r, 20));
  await Promise.allSettled(inFlight);
  await closeKithDb(dbName);
});

async function kith<T>(name: string, payload: unknown): Promise<T> {
  const reply = await handle({ kith: name, payload }, pageSender('network.html'));
  if (!reply.ok) throw new Error(reply.error);
  return reply.value as T;
}

async function saveAnna(dates: string[]): Promise<string> {
  let id: string | undefined;
  for (const date of dates) {
    const view: PersonView = await kith('encounter.record', {
      ...(id ? { personId: id } : { profile: { site: 'linkedin', keys: ['linkedin:anna'], url: 'https://www.linkedin.com/in/anna/', name: 'Anna Nowak' } }),
      encounter: { date, kind: 'in-person' },
    });
    id = view.person.id;
  }
  return id!;
}

/** The person's panel as a surface shows it: how you met, and rename and delete. */
function Panel({ id, onDeleted }: { id: string; onDeleted: (name: string, undo: () => Promise<unknown>) => void }) {
  const { view, act: show } = usePerson({ id }, () => Promise.reject(new Error('not expected')));
  if (!view) return <p>{view === null ? 'gone' : 'loading'}</p>;
  return (
    <>
      <h2>{view.person.name}</h2>
      <PersonActions view={view} act={show} onDeleted={onDeleted} />
      <EncounterSection view={view} act={show} />
    </>
  );
}

describe('EncounterSection', () => {
  it('deletes an encounter with Undo, recomputes the last touch, and has no heading once none are left', async () => {
    const id = await saveAnna(['2026-05-01', '2026-06-10']);
    render(<Panel id={id} onDeleted={() => undefined} />);
    const section = await screen.findByRole('region', { name: 'How you met' });
    expect(section.textContent).toContain('Last touch: 10 Jun 2026');

    fireEvent.click(within(section).getByRole('button', { name: 'Delete encounter of 10 Jun 2026' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toContain('Deleted: encounter of 10 Jun 2026.'));
    expect(screen.getByRole('region', { name: 'How you met' }).textContent).toContain('Last touch: 1 May 2026');

    fireEvent.click(screen.getByRole('button', { name: 'Undo' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toContain('Undone.'));
    await waitFor(() => expect(screen.getByRole('region', { name: 'How you met' }).textContent).toContain('Last touch: 10 Jun 2026'));
    expect(within(screen.getByRole('list', { name: 'Encounters' })).getAllByRole('listitem')).toHaveLength(2);

    for (const day of ['10 Jun 2026', '1 May 2026']) {
      fireEvent.click(await screen.findByRole('button', { name: `Delete encounter of ${day}` }));
      await waitFor(() => expect(screen.queryByRole('button', { name: `Delete encounter of ${day}` })).toBeNull());
    }
    await waitFor(() => expect(screen.queryByRole('region', { name: 'How you met' })).toBeNull());
    await waitFor(() => expect(screen.queryByText(/Last touch/)).toBeNull());
    // The Undo of the last one stays, though its section went.
    expect(screen.getByRole('status').textContent).toContain('Deleted: encounter of 1 May 2026.');
    fireEvent.click(screen.getByRole('button', { name: 'Undo' }));
    await screen.findByRole('region', { name: 'How you met' });
  });
});

describe('PersonActions', () => {
  it('renames a person, and refuses an empty name', async () => {
    const id = await saveAnna(['2026-05-01']);
    render(<Panel id={id} onDeleted={() => undefined} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Rename' }));
    const field = screen.getByRole('textbox', { name: 'Name' }) as HTMLInputElement;
    expect(field.value).toBe('Anna Nowak');
    fireEvent.input(field, { target: { value: '   ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save name' }));
    expect(screen.getByRole('alert').textContent).toBe('Type a name.');
    fireEvent.input(field, { target: { value: 'Anna Nowak-Kowalska' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save name' }));
    await screen.findByRole('heading', { name: 'Anna Nowak-Kowalska' });
    expect((await kith<unknown[]>('people.search', { query: 'kowalska' })).length).toBe(1);
    expect(await kith<unknown[]>('people.search', { query: 'nowak-k' })).toHaveLength(1);
  });

  it('deletes a person only after asking, saying what goes with them; the caller gets an undo that puts them back', async () => {
    const id = await saveAnna(['2026-05-01', '2026-06-10']);
    const onDeleted = vi.fn();
    render(<Panel id={id} onDeleted={onDeleted} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Delete person…' }));
    const ask = screen.getByRole('group', { name: 'Delete Anna Nowak?' });
    expect(ask.textContent).toContain('Their 2 encounters, tags, notes and follow-up go with them.');
    // The keyboard is on Cancel, not on Delete.
    expect(document.activeElement).toBe(within(ask).getByRole('button', { name: 'Cancel' }));
    fireEvent.click(within(ask).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('group', { name: 'Delete Anna Nowak?' })).toBeNull();
    expect(onDeleted).not.toHaveBeenCalled();

    fireEvent.click(screen.getByRole('button', { name: 'Delete person…' }));
    fireEvent.click(within(screen.getByRole('group', { name: 'Delete Anna Nowak?' })).getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(onDeleted).toHaveBeenCalledWith('Anna Nowak', expect.any(Function)));
    expect(await kith('person.get', { id })).toBeNull();
    await act(() => onDeleted.mock.calls[0][1]());
    expect((await kith<PersonView>('person.get', { id })).encounters).toHaveLength(2);
  });
});

describe('FollowUpEditor', () => {
  const today = localDay();
  it('says how late a follow-up is, and that one is due today', () => {
    const { rerender } = render(<FollowUpEditor value={{ due: addDays(today, -1) }} onChange={() => undefined} />);
    expect(screen.getByText('1 day overdue')).toBeTruthy();
    expect(screen.getByLabelText('Next follow-up').getAttribute('aria-describedby')).toBe('kith-due-standing');
    rerender(<FollowUpEditor value={{ due: addDays(today, -3) }} onChange={() => undefined} />);
    expect(screen.getByText('3 days overdue')).toBeTruthy();
    rerender(<FollowUpEditor value={{ due: today }} onChange={() => undefined} />);
    expect(screen.getByText('Due today')).toBeTruthy();
    rerender(<FollowUpEditor value={{ due: addDays(today, 5) }} onChange={() => undefined} />);
    expect(screen.queryByText(/overdue|Due/)).toBeNull();
  });

  it('Clear can be undone', async () => {
    const onChange = vi.fn();
    render(<FollowUpEditor value={{ due: addDays(today, 2), cadenceDays: 30, note: 'send the deck' }} onChange={onChange} />);
    fireEvent.click(screen.getByRole('button', { name: 'Clear follow-up' }));
    expect(onChange).toHaveBeenLastCalledWith({ due: null, cadenceDays: null, note: null });
    expect(screen.getByRole('status').textContent).toContain('Follow-up cleared.');
    fireEvent.click(screen.getByRole('button', { name: 'Undo' }));
    await waitFor(() => expect(onChange).toHaveBeenLastCalledWith({ due: addDays(today, 2), cadenceDays: 30, note: 'send the deck' }));
  });
});

describe('EncounterForm', () => {
  const form = (initial: object) =>
    render(<EncounterForm events={[]} firstInPerson current={{}} postMeetingDays={0} initial={initial} onSave={async () => undefined} onCancel={() => undefined} />);
  it('"Met here" (the check-in\'s event prefilled) is a meeting at an event; otherwise in person; an edit keeps its kind', () => {
    form({ eventName: 'Grow Up Start Up', place: 'Warsaw' });
    expect((screen.getByLabelText('Kind') as HTMLSelectElement).value).toBe('event');
    expect((screen.getByLabelText('Event') as HTMLInputElement).value).toBe('Grow Up Start Up');
    cleanup();
    form({});
    expect((screen.getByLabelText('Kind') as HTMLSelectElement).value).toBe('in-person');
    cleanup();
    form({ kind: 'call', eventName: 'Grow Up Start Up' });
    expect((screen.getByLabelText('Kind') as HTMLSelectElement).value).toBe('call');
  });
});

describe('UndoBar', () => {
  function Offer() {
    const undo = useUndo();
    return (
      <>
        <button type="button" onClick={() => undo.offer('Deleted: Anna', async () => undefined)}>
          go
        </button>
        <UndoBar state={undo} />
      </>
    );
  }

  it('offers Undo for a few seconds, and longer while the pointer or the keyboard is on it', async () => {
    vi.useFakeTimers();
    try {
      render(<Offer />);
      fireEvent.click(screen.getByRole('button', { name: 'go' }));
      const bar = screen.getByRole('status');
      expect(bar.textContent).toContain('Deleted: Anna');
      await act(async () => void (await vi.advanceTimersByTimeAsync(UNDO_MS - 100)));
      fireEvent.mouseEnter(bar.parentElement!);
      await act(async () => void (await vi.advanceTimersByTimeAsync(UNDO_MS * 3)));
      expect(bar.textContent).toContain('Deleted: Anna');
      fireEvent.mouseLeave(bar.parentElement!);
      await act(async () => void (await vi.advanceTimersByTimeAsync(UNDO_MS + 10)));
      expect(bar.textContent).toBe('');
    } finally {
      vi.useRealTimers();
    }
  });

  it('takes the keyboard to Undo when the change took away the control it was on', async () => {
    render(<Offer />);
    // The button that was pressed is gone (as a deleted row's would be).
    (document.activeElement as HTMLElement | null)?.blur();
    fireEvent.click(screen.getByRole('button', { name: 'go' }));
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Undo' })));
  });
});
