// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, act } from '@testing-library/preact';
import { NotesEditor } from '../../../components/shared/NotesEditor';
import { TagEditor } from '../../../components/shared/TagEditor';
import { EncounterForm } from '../../../components/shared/EncounterForm';
import { FollowUpEditor } from '../../../components/shared/FollowUpEditor';
import { EncounterList } from '../../../components/shared/EncounterList';
import { addDays, localDay } from '../../../utils/dates';

afterEach(cleanup);

describe('NotesEditor', () => {
  it('saves as you type and never loses a keystroke typed while a save is in flight', async () => {
    vi.useFakeTimers();
    const saved: string[] = [];
    let release!: () => void;
    const onSave = vi.fn((text: string) => {
      saved.push(text);
      return new Promise<void>((r) => (release = r));
    });
    const { rerender } = render(<NotesEditor value="" saving={false} onSave={onSave} />);
    const box = screen.getByLabelText('notesLabel') as HTMLTextAreaElement;
    fireEvent.input(box, { target: { value: 'Met at' } });
    await act(async () => {
      await vi.advanceTimersByTimeAsync(500);
    });
    expect(saved).toEqual(['Met at']);
    // More typing while the first save is still on its way, and a stale echo of the first save arrives.
    fireEvent.input(box, { target: { value: 'Met at the bar' } });
    rerender(<NotesEditor value="Met at" saving onSave={onSave} />);
    expect(box.value).toBe('Met at the bar');
    await act(async () => release());
    await act(async () => {
      await vi.advanceTimersByTimeAsync(500);
    });
    expect(saved).toEqual(['Met at', 'Met at the bar']);
    vi.useRealTimers();
  });

  it('flushes a pending save on blur, says "Saving" until it is stored, and takes outside changes when idle', () => {
    const onSave = vi.fn();
    const { rerender } = render(<NotesEditor value="a" saving={false} onSave={onSave} />);
    const box = screen.getByLabelText('notesLabel') as HTMLTextAreaElement;
    const status = screen.getByRole('status');
    expect(status.textContent).toBe('');
    fireEvent.input(box, { target: { value: 'ab' } });
    expect(status.textContent).toBe('notesSaving');
    fireEvent.blur(box);
    expect(onSave).toHaveBeenCalledWith('ab');
    // Sent but not stored yet (a save in flight, or failed and waiting for its next try).
    rerender(<NotesEditor value="ab" saving onSave={onSave} />);
    expect(status.textContent).toBe('notesSaving');
    rerender(<NotesEditor value="ab" saving={false} onSave={onSave} />);
    expect(status.textContent).toBe('notesSaved');
    rerender(<NotesEditor value="from another tab" saving={false} onSave={onSave} />);
    expect(box.value).toBe('from another tab');
  });
});

describe('TagEditor', () => {
  it('adds on Enter or comma, ignores duplicates, removes by button', () => {
    const onChange = vi.fn();
    render(<TagEditor tags={['vc']} known={['vc', 'founder']} onChange={onChange} />);
    const input = screen.getByLabelText('tagsAdd');
    fireEvent.input(input, { target: { value: 'founder' } });
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(onChange).toHaveBeenLastCalledWith(['vc', 'founder']);
    fireEvent.input(input, { target: { value: 'vc' } });
    fireEvent.keyDown(input, { key: ',' });
    expect(onChange).toHaveBeenCalledTimes(1);
    fireEvent.click(screen.getByLabelText('tagsRemove'));
    expect(onChange).toHaveBeenLastCalledWith([]);
    // Suggestions leave out tags already on the person.
    expect([...document.querySelectorAll('#kith-known-tags option')].map((o) => o.getAttribute('value'))).toEqual(['founder']);
  });
});

describe('EncounterForm', () => {
  const base = {
    events: [{ id: 'e1', name: 'Grow Up Start Up', createdAt: 1, updatedAt: 1 }],
    searchPeople: async () => [{ id: 'p9', name: 'Bob Stone' }],
    firstInPerson: true,
    current: {},
    postMeetingDays: 2,
    onCancel: () => undefined,
  };

  it('accepts partial dates, links an existing event, and suggests a follow-up after a first meeting', async () => {
    const onSave = vi.fn(async () => undefined);
    render(<EncounterForm {...base} onSave={onSave} />);
    expect((screen.getByLabelText('encDate') as HTMLInputElement).value).toBe(localDay());
    expect(screen.getByRole('checkbox')).toBeTruthy();
    fireEvent.input(screen.getByLabelText('encEvent'), { target: { value: 'grow up start up' } });
    fireEvent.input(screen.getByLabelText('encPlace'), { target: { value: ' Warsaw ' } });
    fireEvent.submit(screen.getByRole('button', { name: 'encSave' }).closest('form')!);
    await waitFor(() => expect(onSave).toHaveBeenCalled());
    expect(onSave).toHaveBeenCalledWith({ date: localDay(), kind: 'in-person', place: 'Warsaw', event: { id: 'e1' } }, addDays(localDay(), 2));
  });

  it('refuses a date it cannot read, and offers no suggestion for a call', async () => {
    const onSave = vi.fn(async () => undefined);
    render(<EncounterForm {...base} onSave={onSave} />);
    fireEvent.change(screen.getByLabelText('encKind'), { target: { value: 'call' } });
    expect(screen.queryByRole('checkbox')).toBeNull();
    fireEvent.input(screen.getByLabelText('encDate'), { target: { value: 'last Tuesday-ish' } });
    fireEvent.submit(screen.getByRole('button', { name: 'encSave' }).closest('form')!);
    expect((await screen.findByRole('alert')).textContent).toBe('encDateInvalid');
    expect(onSave).not.toHaveBeenCalled();
    fireEvent.input(screen.getByLabelText('encDate'), { target: { value: 'June 2014' } });
    fireEvent.submit(screen.getByRole('button', { name: 'encSave' }).closest('form')!);
    await waitFor(() => expect(onSave).toHaveBeenCalledWith({ date: '2014-06', kind: 'call' }, undefined));
  });

  it('shows the save error and lets the user try again', async () => {
    const onSave = vi.fn(async () => {
      throw new Error('The browser has no room left');
    });
    render(<EncounterForm {...base} onSave={onSave} />);
    fireEvent.submit(screen.getByRole('button', { name: 'encSave' }).closest('form')!);
    expect((await screen.findByRole('alert')).textContent).toContain('no room');
    expect((screen.getByRole('button', { name: 'encSave' }) as HTMLButtonElement).disabled).toBe(false);
  });
});

describe('FollowUpEditor and EncounterList', () => {
  it('sets a cadence from the presets and clears the follow-up', () => {
    const onChange = vi.fn();
    render(<FollowUpEditor value={{ due: '2026-12-01' }} onChange={onChange} />);
    fireEvent.change(screen.getByLabelText('followUpCadence'), { target: { value: '30' } });
    // Only the field that changed is sent, so quick edits one after another never undo each other.
    expect(onChange).toHaveBeenLastCalledWith({ cadenceDays: 30 });
    fireEvent.click(screen.getByRole('button', { name: 'followUpClear' }));
    expect(onChange).toHaveBeenLastCalledWith({ due: null, cadenceDays: null, note: null });
  });

  it('keeps what the user is typing when an update arrives', () => {
    const onChange = vi.fn();
    const { rerender } = render(<FollowUpEditor value={{ due: '2026-12-01' }} onChange={onChange} />);
    const promised = screen.getByLabelText('followUpNote') as HTMLInputElement;
    fireEvent.focus(promised);
    fireEvent.input(promised, { target: { value: 'send the deck' } });
    rerender(<FollowUpEditor value={{ due: '2026-12-01', cadenceDays: 30 }} onChange={onChange} />);
    expect(promised.value).toBe('send the deck');
    fireEvent.change(promised, { target: { value: 'send the deck' } });
    expect(onChange).toHaveBeenLastCalledWith({ note: 'send the deck' });
    fireEvent.blur(promised);
    rerender(<FollowUpEditor value={{ due: '2026-12-01', cadenceDays: 30, note: 'from another tab' }} onChange={onChange} />);
    expect(promised.value).toBe('from another tab');
  });

  it('renders page text as text, never as HTML', () => {
    render(
      <EncounterList
        encounters={[{ id: 'x', personId: 'p', date: '2014-06', kind: 'event', note: '<img src=x onerror=alert(1)>', place: '<b>Warsaw</b>', createdAt: 1, updatedAt: 1 }]}
      />,
    );
    expect(document.querySelector('img')).toBeNull();
    expect(document.querySelector('b')).toBeNull();
    expect(screen.getByRole('list').textContent).toContain('<b>Warsaw</b>');
    expect(screen.getByRole('list').textContent).toContain('June 2014');
  });
});
