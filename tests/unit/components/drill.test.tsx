// @vitest-environment jsdom
/**
 * The drill's components and the shared ones of issue 18 (memory aids, the capture offer, "Met
 * someone"), against the real background handler on a database of their own.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createHandler } from '../../../entrypoints/background/router';
import { closeKithDb } from '../../../utils/db';
import { CHECKIN_KEY } from '../../../utils/checkin';
import type { DrillCardView, PersonView, Responses } from '../../../utils/messages';
import { newCard } from '../../../utils/drill/schedule';
import { DrillSession } from '../../../components/drill/DrillSession';
import { RecallHistory } from '../../../components/drill/RecallHistory';
import { putBack } from '../../../components/drill/queue';
import { MemoryAids } from '../../../components/shared/MemoryAids';
import { CaptureMatch } from '../../../components/shared/CaptureMatch';
import { recordingDataUrl } from '../../../components/shared/VoiceNote';
import { eventChoice, MetSomeone } from '../../../components/popup/MetSomeone';
import { handlerDeps, pageSender } from '../handler-harness';
import { englishMessage } from '../english';

const PAGE = pageSender('drill.html');
const FACE = 'data:image/jpeg;base64,/9j/AAAA';

let dbName: string;
let handle: ReturnType<typeof createHandler>;
/** Holds every answer until released, when a test wants to see what shows before the background answers. */
let holdAnswers: Promise<void> | null;

async function kith<T>(name: string, payload: unknown): Promise<T> {
  const reply = await handle({ kith: name, payload }, PAGE);
  if (!reply.ok) throw new Error(reply.error);
  return reply.value as T;
}

beforeEach(() => {
  fakeBrowser.reset();
  (fakeBrowser.i18n as { getMessage: unknown }).getMessage = englishMessage;
  dbName = `kith-drill-ui-${Math.random()}`;
  holdAnswers = null;
  let minute = 0;
  const deps = handlerDeps(dbName, new Date(), () => undefined);
  // Each save a minute after the one before, so new faces come newest first.
  handle = createHandler({ ...deps, now: () => new Date(Date.now() + 60_000 * minute++), thumbnail: async () => FACE });
  (fakeBrowser.runtime as { sendMessage: unknown }).sendMessage = async (m: { kith: string }) => {
    if (m.kith === 'drill.answer' && holdAnswers) await holdAnswers;
    return handle(m, PAGE);
  };
});
afterEach(async () => {
  cleanup();
  vi.restoreAllMocks();
  await closeKithDb(dbName);
});

const profile = (slug: string, name: string) => ({ site: 'linkedin', keys: [`linkedin:${slug}`], url: `https://www.linkedin.com/in/${slug}/`, name });

async function saveWithFace(slug: string, name: string): Promise<string> {
  const view = await kith<PersonView>('encounter.record', {
    profile: profile(slug, name),
    encounter: { date: '2026-06-18', kind: 'event', place: 'Warsaw', event: { name: 'Grow Up Start Up' } },
    photoUrl: `https://media.licdn.com/${slug}.jpg`,
  });
  return view.person.id;
}

const card = (personId: string, due: number, kind: DrillCardView['kind'] = 'due'): DrillCardView => ({
  personId,
  direction: 'face-to-name',
  kind,
  card: { ...newCard(personId, 'face-to-name', 0), due },
  name: personId,
  meetings: 1,
});

describe('putBack', () => {
  it('brings a card due within 20 minutes back after every card due before it; a later one is done', () => {
    const rest = [card('a', 0), card('b', 5 * 60_000), card('c', 30 * 60_000)];
    const answered = card('x', 0, 'new');
    expect(putBack(rest, answered, { ...answered.card, due: 60_000 }, 0).map((c) => [c.personId, c.kind])).toEqual([
      ['a', 'due'],
      ['x', 'learning'],
      ['b', 'due'],
      ['c', 'due'],
    ]);
    expect(putBack(rest, answered, { ...answered.card, due: 21 * 60_000 }, 0).map((c) => c.personId)).toEqual(['a', 'b', 'c']);
    // Its own earlier place is dropped; a refresher card stays one.
    expect(putBack([card('x', 0), card('a', 0)], { ...answered, kind: 'refresher' }, { ...answered.card, due: 60_000 }, 0).map((c) => [c.personId, c.kind])).toEqual([
      ['a', 'due'],
      ['x', 'refresher'],
    ]);
  });
});

describe('DrillSession', () => {
  it('grades a typed name forgivingly, takes Enter and 1-4, shows how you met, and brings the next card before the answer is stored', async () => {
    await saveWithFace('anna', 'Anna Nowak');
    await saveWithFace('lukasz', 'Łukasz Żółć');
    const deck = await kith<Responses['drill.due']>('drill.due', {});
    const onAnswered = vi.fn();
    render(<DrillSession deck={deck.cards} today="2026-06-19" more={async () => []} onAnswered={onAnswered} />);

    // Newest first. The name field has the keyboard.
    const name = screen.getByLabelText('Their name') as HTMLInputElement;
    expect(document.activeElement).toBe(name);
    expect(screen.getByRole('img', { name: 'The face of someone you saved' }).getAttribute('src')).toBe(FACE);
    fireEvent.input(name, { target: { value: 'Lukasz' } });
    fireEvent.submit(name.form!);
    expect(screen.getByRole('status').textContent).toBe('Almost (first name only): Łukasz Żółć');
    const grades = screen.getByRole('group', { name: 'How well did you know it?' });
    // The suggested grade for "almost" is Hard, and it has the keyboard (Enter takes it).
    expect(document.activeElement?.textContent).toContain('Hard');
    expect(screen.getByRole('region', { name: 'How you met' }).textContent).toContain('Grow Up Start Up');
    expect(grades.querySelectorAll('button')).toHaveLength(4);

    // The answer is held: the next card shows anyway.
    let release!: () => void;
    holdAnswers = new Promise((r) => (release = r));
    fireEvent.keyDown(window, { key: '2' });
    expect((screen.getByLabelText('Their name') as HTMLInputElement).value).toBe('');
    expect(screen.queryByRole('region', { name: 'How you met' })).toBeNull();
    await act(async () => release());

    // Enter on an empty field shows the name; then a key grades it.
    fireEvent.submit((screen.getByLabelText('Their name') as HTMLInputElement).form!);
    expect(screen.getByRole('status').textContent).toBe('It is Anna Nowak');
    fireEvent.keyDown(window, { key: '4' });
    await waitFor(() => expect(onAnswered).toHaveBeenCalledTimes(2));

    // Łukasz answered Hard: back within minutes, in this session. Easy now.
    await waitFor(() => expect(screen.getByLabelText('Their name')).toBeTruthy());
    fireEvent.input(screen.getByLabelText('Their name'), { target: { value: 'lukasz zolc' } });
    fireEvent.submit((screen.getByLabelText('Their name') as HTMLInputElement).form!);
    expect(screen.getByRole('status').textContent).toBe('Right: Łukasz Żółć');
    fireEvent.click(screen.getByRole('button', { name: 'Easy' }));
    await waitFor(() => expect(screen.getByText("That's everyone for now. Well done.")).toBeTruthy());
    expect(screen.getByText('3 answers this session')).toBeTruthy();
    const history = await kith<Responses['drill.history']>('drill.history', { days: 1 });
    expect(history.total).toEqual({ right: 2, almost: 1, wrong: 0 });
  });

  it('asks where you met someone without a face, and asks for more cards when the deck is done', async () => {
    const captured = await kith<PersonView>('capture.save', { name: 'Agnieszka', event: { name: 'Infoshare' }, note: 'batteries' });
    const more = vi.fn(async () => [] as DrillCardView[]);
    const deck = await kith<Responses['drill.due']>('drill.due', {});
    render(<DrillSession deck={deck.cards} today="2026-06-19" more={more} onAnswered={() => undefined} />);
    expect(screen.getByRole('heading', { name: 'Where did you meet Agnieszka?' })).toBeTruthy();
    const reveal = screen.getByRole('button', { name: 'Show where you met' });
    expect(document.activeElement).toBe(reveal);
    fireEvent.click(reveal);
    const met = screen.getByRole('region', { name: 'How you met' });
    expect(met.textContent).toContain('Infoshare');
    expect(met.textContent).toContain('batteries');
    fireEvent.keyDown(window, { key: '4' });
    await waitFor(() => expect(more).toHaveBeenCalled());
    expect(screen.getByText("That's everyone for now. Well done.")).toBeTruthy();
    expect(await kith('person.get', { id: captured.person.id })).toMatchObject({ person: { name: 'Agnieszka' } });
  });
});

describe('RecallHistory', () => {
  it('says each day and the totals in words', () => {
    render(
      <RecallHistory
        today="2026-06-19"
        history={{
          days: [
            { day: '2026-06-18', right: 0, almost: 0, wrong: 0 },
            { day: '2026-06-19', right: 3, almost: 1, wrong: 1 },
          ],
          total: { right: 3, almost: 1, wrong: 1 },
        }}
      />,
    );
    const region = screen.getByRole('region', { name: 'Recall over time' });
    expect(region.textContent).toContain('Last 2 days: 3 right, 1 almost, 1 wrong (60% right)');
    expect(screen.getAllByRole('listitem').map((li) => li.getAttribute('aria-label'))).toEqual(['18 Jun: 0 right, 0 almost, 0 wrong', '19 Jun: 3 right, 1 almost, 1 wrong']);
  });
});

/** A person panel's saver with nothing waiting to be stored. */
const IDLE_SAVER = { change: () => undefined, unsaved: () => undefined };

describe('MemoryAids', () => {
  it('saves how to say it and the hook as you type, records a voice note, plays and deletes it', async () => {
    const id = await saveWithFace('agnieszka', 'Agnieszka Wiśniewska');
    const onChange = vi.fn();
    const onVoiceNote = vi.fn();
    const { rerender } = render(<MemoryAids personId={id} saver={{ change: onChange, unsaved: () => undefined }} onVoiceNote={onVoiceNote} />);
    fireEvent.input(screen.getByLabelText('How to say it'), { target: { value: 'ag-NYESH-kah' } });
    fireEvent.blur(screen.getByLabelText('How to say it'));
    expect(onChange).toHaveBeenLastCalledWith({ howToSay: 'ag-NYESH-kah' });
    fireEvent.input(screen.getByLabelText('Memory hook'), { target: { value: 'batteries' } });
    fireEvent.keyDown(screen.getByLabelText('Memory hook'), { key: 'Enter' });
    expect(onChange).toHaveBeenLastCalledWith({ memoryHook: 'batteries' });
    expect(screen.getByRole('status').textContent).toBe('Saved');

    // A recording: the microphone and the recorder, as the browser gives them.
    const stop = vi.fn();
    Object.defineProperty(navigator, 'mediaDevices', { configurable: true, value: { getUserMedia: vi.fn(async () => ({ getTracks: () => [{ stop }] })) } });
    class FakeRecorder {
      static isTypeSupported = (type: string) => type === 'audio/webm;codecs=opus';
      mimeType = 'audio/webm;codecs=opus';
      state = 'inactive';
      ondataavailable: ((e: { data: Blob }) => void) | null = null;
      onstop: (() => void) | null = null;
      start() {
        this.state = 'recording';
      }
      stop() {
        this.state = 'inactive';
        this.ondataavailable?.({ data: new Blob([new Uint8Array([26, 69, 223, 163])], { type: this.mimeType }) });
        this.onstop?.();
      }
    }
    vi.stubGlobal('MediaRecorder', FakeRecorder);
    fireEvent.click(screen.getByRole('button', { name: 'Record a voice note' }));
    const stopButton = await screen.findByRole('button', { name: 'Stop recording' });
    fireEvent.click(stopButton);
    await waitFor(() => expect(onVoiceNote).toHaveBeenCalled());
    const saved = onVoiceNote.mock.calls[0]![0] as PersonView;
    expect(saved.voiceNote?.dataUrl).toBe('data:audio/webm;base64,GkXfow==');
    expect(stop).toHaveBeenCalled();

    const play = vi.spyOn(HTMLMediaElement.prototype, 'play').mockResolvedValue(undefined);
    rerender(<MemoryAids personId={id} howToSay="ag-NYESH-kah" memoryHook="batteries" voiceNote={saved.voiceNote} saver={{ change: onChange, unsaved: () => undefined }} onVoiceNote={onVoiceNote} />);
    fireEvent.click(screen.getByRole('button', { name: /^Play the voice note/ }));
    expect(play).toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Delete the voice note' }));
    await waitFor(() => expect(onVoiceNote).toHaveBeenCalledTimes(2));
    expect((onVoiceNote.mock.calls[1]![0] as PersonView).voiceNote).toBeUndefined();
  });

  it('says why there is no recording when the microphone is refused', async () => {
    Object.defineProperty(navigator, 'mediaDevices', {
      configurable: true,
      value: { getUserMedia: vi.fn(async () => Promise.reject(new DOMException('Permission denied', 'NotAllowedError'))) },
    });
    render(<MemoryAids personId="x" saver={IDLE_SAVER} onVoiceNote={() => undefined} />);
    fireEvent.click(screen.getByRole('button', { name: 'Record a voice note' }));
    expect((await screen.findByRole('alert')).textContent).toBe('The microphone cannot be used: Permission denied');
  });

  it("in Kith's frame on a site, records on Kith's own page: the microphone is never asked for there", async () => {
    const getUserMedia = vi.fn();
    Object.defineProperty(navigator, 'mediaDevices', { configurable: true, value: { getUserMedia } });
    const create = vi.spyOn(fakeBrowser.tabs, 'create');
    render(<MemoryAids personId="p/1" saver={IDLE_SAVER} onVoiceNote={() => undefined} recordHere={false} />);
    expect(screen.queryByRole('button', { name: 'Record a voice note' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Record a voice note (opens Kith’s network page)' }));
    await waitFor(() => expect(create).toHaveBeenCalled());
    expect(create.mock.calls[0]![0].url).toMatch(/\/network\.html#person\/p%2F1$/);
    expect(getUserMedia).not.toHaveBeenCalled();
  });

  it('makes data URLs the background accepts from what recorders say', () => {
    expect(recordingDataUrl('audio/ogg; codecs=opus', 'AAAA')).toBe('data:audio/ogg;base64,AAAA');
    expect(recordingDataUrl('', 'AAAA')).toBe('data:audio/webm;base64,AAAA');
  });
});

describe('CaptureMatch', () => {
  it('offers the captured person a profile may be, attaches on Yes, and hides on No', async () => {
    const agnieszka = await kith<PersonView>('capture.save', { name: 'Agnieszka', event: { name: 'Grow Up Start Up' } });
    await kith<PersonView>('capture.save', { name: 'Agnieszka W.' });
    const onAttached = vi.fn();
    render(<CaptureMatch profile={{ ...profile('agnieszka-w', 'Agnieszka Wiśniewska'), site: 'linkedin' }} onAttached={onAttached} />);
    const offers = await screen.findAllByRole('group');
    // Surest first: "Agnieszka W." fits the surname's initial; "Agnieszka" only the first name.
    expect(offers.map((g) => g.querySelector('p')!.textContent)).toEqual([
      expect.stringMatching(/^Is this Agnieszka W\. \(met on /),
      expect.stringMatching(/^Is this Agnieszka \(met at Grow Up Start Up, /),
    ]);
    fireEvent.click(screen.getAllByRole('button', { name: 'No' })[0]!);
    expect(screen.getAllByRole('group')).toHaveLength(1);
    fireEvent.click(screen.getByRole('button', { name: "Yes, that's them" }));
    await waitFor(() => expect(onAttached).toHaveBeenCalled());
    expect((onAttached.mock.calls[0]![0] as PersonView).person).toMatchObject({ id: agnieszka.person.id, keys: ['linkedin:agnieszka-w'], name: 'Agnieszka Wiśniewska' });
    expect(screen.getByRole('status').textContent).toBe('Matched: what you saved about Agnieszka is on this profile now.');
  });

  it('shows nothing when nobody captured may be the profile', async () => {
    const { container } = render(<CaptureMatch profile={{ ...profile('x', 'Zbigniew Nowak'), site: 'linkedin' }} onAttached={() => undefined} />);
    await act(async () => new Promise((r) => setTimeout(r, 50)));
    expect(container.childElementCount).toBe(0);
  });
});

describe('MetSomeone', () => {
  it('prefills the checked-in event and saves a name with Enter', async () => {
    const gusu = await kith<{ id: string; name: string }>('event.create', { name: 'Grow Up Start Up' });
    await fakeBrowser.storage.local.set({ [CHECKIN_KEY]: { id: gusu.id, eventName: gusu.name, until: '2999-01-01' } });
    const onSaved = vi.fn();
    render(<MetSomeone onSaved={onSaved} onClose={() => undefined} />);
    const name = screen.getByLabelText('Name') as HTMLInputElement;
    expect(document.activeElement).toBe(name);
    await waitFor(() => expect((screen.getByLabelText('Event') as HTMLInputElement).value).toBe('Grow Up Start Up'));
    fireEvent.input(name, { target: { value: 'Agnieszka' } });
    fireEvent.input(screen.getByLabelText('Who introduced you'), { target: { value: 'Marta' } });
    fireEvent.submit(name.form!);
    await waitFor(() => expect(onSaved).toHaveBeenCalledWith('Agnieszka'));
    const [row] = await kith<Responses['capture.unmatched']>('capture.unmatched', {});
    expect(row).toMatchObject({ name: 'Agnieszka', met: { kind: 'event', eventName: 'Grow Up Start Up', introducedBy: 'Marta' } });
  });

  it('closes on Escape', () => {
    const onClose = vi.fn();
    render(<MetSomeone onSaved={() => undefined} onClose={onClose} />);
    fireEvent.keyDown(screen.getByLabelText('Name'), { key: 'Escape' });
    expect(onClose).toHaveBeenCalled();
  });

  it('takes the check-in, a known event by its folded name, or a new one', () => {
    const events = [{ id: 'e1', name: 'Infoshare', createdAt: 0, updatedAt: 0 }];
    const checkIn = { id: 'c', eventName: 'Grow Up Start Up', until: '2026-06-20' };
    expect(eventChoice(' grow up start up ', checkIn, events)).toEqual({ id: 'c' });
    expect(eventChoice('INFOSHARE', checkIn, events)).toEqual({ id: 'e1' });
    expect(eventChoice('Web Summit', null, events)).toEqual({ name: 'Web Summit' });
    expect(eventChoice('  ', checkIn, events)).toBeUndefined();
  });
});
