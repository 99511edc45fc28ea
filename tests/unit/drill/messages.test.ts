/**
 * The drill's and capture's messages against the real handlers on a fresh database: who may send them,
 * the deck with what each card shows, answers scheduled and counted, the history, the refresher deck,
 * "Met someone" matched to a profile later, voice notes, and what deleting and merging people does.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createHandler, type HandlerDeps, type SenderInfo } from '../../../entrypoints/background/router';
import { CONTENT, SIDEBAR, handlerDeps, pageSender } from '../handler-harness';
import { closeKithDb, openKithDb } from '../../../utils/db';
import { DEFAULT_SETTINGS } from '../../../utils/settings';
import type { CaptureOffer, CapturedRow, PersonView, Responses } from '../../../utils/messages';
import type { KithEvent } from '../../../utils/model/types';

const DRILL = pageSender('drill.html');
const FACE = 'data:image/jpeg;base64,/9j/AAAA';
const VOICE = 'data:audio/webm;base64,GkXfo0AgQoaBAUL3gQFC8oEEQvOBCEKChHdlYm0=';

let dbName: string;
let clock: Date;
let changed: string[][];
let deps: HandlerDeps;

beforeEach(() => {
  dbName = `kith-drill-${Math.random()}`;
  clock = new Date(2026, 5, 19, 12);
  changed = [];
  deps = { ...handlerDeps(dbName, clock, (ids) => changed.push(ids)), now: () => clock, thumbnail: vi.fn(async () => FACE) };
});
afterEach(() => closeKithDb(dbName));

function client() {
  const handle = createHandler(deps);
  return async <T>(name: string, payload: unknown, sender: SenderInfo = DRILL): Promise<T> => {
    const reply = await handle({ kith: name, payload }, sender);
    if (!reply.ok) throw new Error(reply.error);
    return reply.value as T;
  };
}
type Kith = ReturnType<typeof client>;

const later = (minutes: number) => (clock = new Date(clock.getTime() + minutes * 60_000));
const profile = (slug: string, name: string, extra: object = {}) => ({ site: 'linkedin', keys: [`linkedin:${slug}`], url: `https://www.linkedin.com/in/${slug}/`, name, ...extra });

/** Saves someone from a profile with a face, met in person on `date` (at `event` if given). */
async function saveWithFace(kith: Kith, slug: string, name: string, opts: { date?: string; event?: object; introducedBy?: object; company?: string } = {}) {
  later(1); // each saved a minute after the one before: new faces come newest first
  const view = await kith<PersonView>(
    'encounter.record',
    {
      profile: profile(slug, name, opts.company ? { company: opts.company } : {}),
      encounter: { date: opts.date ?? '2026-06-18', kind: opts.event ? 'event' : 'in-person', ...(opts.event ? { event: opts.event } : {}), ...(opts.introducedBy ? { introducedBy: opts.introducedBy } : {}) },
      photoUrl: `https://media.licdn.com/${slug}.jpg`,
    },
    SIDEBAR,
  );
  return view.person.id;
}


describe('who may send them', () => {
  it("are Kith's pages' only, and refuse malformed payloads", async () => {
    const handle = createHandler(deps);
    for (const [name, payload] of [
      ['drill.due', {}],
      ['drill.answer', { personId: 'x', direction: 'face-to-name', grade: 3 }],
      ['drill.history', { days: 7 }],
      ['drill.refresher', { eventId: 'x' }],
      ['capture.save', { name: 'Agnieszka' }],
      ['capture.matches', { name: 'Agnieszka' }],
      ['capture.attach', { capturedId: 'a', personId: 'b' }],
      ['capture.unmatched', {}],
      ['voiceNote.save', { personId: 'x', dataUrl: VOICE, seconds: 2 }],
      ['voiceNote.delete', { personId: 'x' }],
    ] as const) {
      expect(await handle({ kith: name, payload }, CONTENT), name).toEqual({ ok: false, error: expect.stringMatching(/may not be sent from a web page/) });
    }
    for (const [name, payload] of [
      ['drill.due', { limit: 201 }],
      ['drill.answer', { personId: 'x', direction: 'face-to-name', grade: 5 }],
      ['drill.answer', { personId: 'x', direction: 'sideways', grade: 3 }],
      ['drill.answer', { personId: 'x', direction: 'face-to-name', grade: 3, verdict: 'maybe' }],
      ['drill.history', { days: 0 }],
      ['capture.save', { name: '' }],
      ['capture.save', { name: 'A', date: '19 June' }],
      ['capture.attach', { capturedId: 'a' }],
      ['capture.attach', { capturedId: 'a', personId: 'b', profile: profile('x', 'X') }],
      ['voiceNote.save', { personId: 'x', dataUrl: 'data:image/png;base64,AAAA', seconds: 2 }],
      ['voiceNote.save', { personId: 'x', dataUrl: 'https://evil.example/a.webm', seconds: 2 }],
      ['voiceNote.save', { personId: 'x', dataUrl: `data:audio/webm;base64,${'A'.repeat(170_000)}`, seconds: 2 }],
      ['voiceNote.save', { personId: 'x', dataUrl: VOICE, seconds: 60 }],
    ] as const) {
      expect(await handle({ kith: name, payload }, DRILL), `${name} ${JSON.stringify(payload).slice(0, 80)}`).toMatchObject({ ok: false });
    }
  });
});

describe('the deck', () => {
  it('asks for every face, newest first, with how you met, the memory aids and the voice note', async () => {
    const kith = client();
    const ewa = await saveWithFace(kith, 'ewa', 'Ewa Zając', { date: '2026-06-10' });
    const gusu = await kith<KithEvent>('event.create', { name: 'Grow Up Start Up 2026', start: '2026-06-18', place: 'Warsaw' });
    const anna = await saveWithFace(kith, 'anna', 'Anna Nowak', { event: { id: gusu.id }, introducedBy: { id: ewa }, company: 'Acme' });
    await kith('person.update', { id: anna, patch: { howToSay: 'AN-nah NO-vak', memoryHook: 'sails every summer' } });
    await kith('voiceNote.save', { personId: anna, dataUrl: VOICE, seconds: 1.84 });
    later(1);
    await kith('encounter.record', { profile: profile('bob', 'Bob'), encounter: { date: '2026-06-18', kind: 'call' } }, SIDEBAR);

    const deck = await kith<Responses['drill.due']>('drill.due', {});
    expect(deck.today).toBe('2026-06-19');
    // Bob has a touch (a call): with no face he is drilled name to context.
    expect(deck.counts).toEqual({ due: 0, new: 3, learning: 0, newWaiting: 3 });
    const first = deck.cards.find((c) => c.personId === anna);
    expect(deck.cards.map((c) => c.name)).toEqual(['Bob', 'Anna Nowak', 'Ewa Zając']);
    expect(first).toMatchObject({
      personId: anna,
      direction: 'face-to-name',
      kind: 'new',
      name: 'Anna Nowak',
      company: 'Acme',
      photo: FACE,
      howToSay: 'AN-nah NO-vak',
      memoryHook: 'sails every summer',
      voiceNote: { dataUrl: VOICE, seconds: 1.8 },
      meetings: 1,
      met: { date: '2026-06-18', kind: 'event', eventName: 'Grow Up Start Up 2026', introducedBy: 'Ewa Zając' },
    });
    expect(first!.card).toMatchObject({ personId: anna, state: 0, reps: 0 });
    expect(deck.cards.map((c) => [c.name, c.direction])).toContainEqual(['Bob', 'name-to-context']);
    // The popup's count: no cards, no reads of faces.
    expect(await kith('drill.due', { limit: 0 })).toEqual({ today: '2026-06-19', counts: deck.counts, cards: [] });
  });

  it('schedules answers with FSRS: a missed name comes back within minutes, a known one days later', async () => {
    const kith = client();
    const anna = await saveWithFace(kith, 'anna', 'Anna Nowak');
    const bob = await saveWithFace(kith, 'bob', 'Bob Stone');
    changed = [];
    const missed = await kith<Responses['drill.answer']>('drill.answer', { personId: anna, direction: 'face-to-name', grade: 1, verdict: 'wrong' });
    expect(missed.card).toMatchObject({ personId: anna, state: 1, reps: 1, lapses: 0 });
    expect(missed.card.due - clock.getTime()).toBe(60_000);
    const known = await kith<Responses['drill.answer']>('drill.answer', { personId: bob, direction: 'face-to-name', grade: 4 });
    expect(known.card.state).toBe(2);
    expect(known.card.due - clock.getTime()).toBeGreaterThan(86_400_000);
    // Nothing else shows cards: no view is told.
    expect(changed).toEqual([]);

    const db = await openKithDb(dbName);
    expect(await db.count('drillReviews')).toBe(2);
    expect((await db.get('drillReviews', missed.reviewId))).toMatchObject({ personId: anna, grade: 1, verdict: 'wrong', typed: true, day: '2026-06-19' });
    expect((await db.get('drillReviews', known.reviewId))).toMatchObject({ personId: bob, grade: 4, verdict: 'right', typed: false });

    // Anna is a minute away: learning, asked again in this session; Bob is not due.
    let deck = await kith<Responses['drill.due']>('drill.due', {});
    expect(deck.counts).toEqual({ due: 0, new: 0, learning: 1, newWaiting: 0 });
    expect(deck.cards.map((c) => [c.name, c.kind])).toEqual([['Anna Nowak', 'learning']]);
    later(2);
    deck = await kith<Responses['drill.due']>('drill.due', {});
    expect(deck.cards.map((c) => [c.name, c.kind])).toEqual([['Anna Nowak', 'due']]);
    await expect(kith('drill.answer', { personId: 'gone', direction: 'face-to-name', grade: 3 })).rejects.toThrow(/no longer saved|not saved|gone/i);
  });

  it('offers new faces up to the daily cap, counting those started today', async () => {
    deps = { ...deps, settings: async () => ({ ...DEFAULT_SETTINGS, drillNewPerDay: 2 }) };
    const kith = client();
    const ids = [];
    for (const [slug, name] of [['a', 'Ada Lovelace'], ['b', 'Bea Arthur'], ['c', 'Cy Twombly']] as const) ids.push(await saveWithFace(kith, slug, name));
    let deck = await kith<Responses['drill.due']>('drill.due', {});
    expect(deck.counts).toMatchObject({ new: 2, newWaiting: 3 });
    expect(deck.cards.map((c) => c.name)).toEqual(['Cy Twombly', 'Bea Arthur']);
    await kith('drill.answer', { personId: ids[2], direction: 'face-to-name', grade: 4 });
    deck = await kith<Responses['drill.due']>('drill.due', {});
    expect(deck.counts).toMatchObject({ new: 1, newWaiting: 2 });
    expect(deck.cards.map((c) => c.name)).toEqual(['Bea Arthur']);
  });

  it('follows deletes, imports and new faces through the changes it hears of', async () => {
    const kith = client();
    const anna = await saveWithFace(kith, 'anna', 'Anna Nowak');
    expect((await kith<Responses['drill.due']>('drill.due', {})).counts.new).toBe(1);
    await kith('person.delete', { id: anna });
    expect((await kith<Responses['drill.due']>('drill.due', {})).counts.new).toBe(0);
    await saveWithFace(kith, 'bob', 'Bob Stone');
    expect((await kith<Responses['drill.due']>('drill.due', {})).cards.map((c) => c.name)).toEqual(['Bob Stone']);
    await kith('data.deleteAll', { confirm: 'DELETE' });
    expect((await kith<Responses['drill.due']>('drill.due', {})).counts.new).toBe(0);
  });
});

describe('the history', () => {
  it('counts right, almost and wrong answers by day', async () => {
    const kith = client();
    const anna = await saveWithFace(kith, 'anna', 'Anna Nowak');
    await kith('drill.answer', { personId: anna, direction: 'face-to-name', grade: 2, verdict: 'almost' });
    later(24 * 60);
    await kith('drill.answer', { personId: anna, direction: 'face-to-name', grade: 3, verdict: 'right' });
    later(2);
    await kith('drill.answer', { personId: anna, direction: 'face-to-name', grade: 1 });
    const history = await kith<Responses['drill.history']>('drill.history', { days: 3 });
    expect(history).toEqual({
      days: [
        { day: '2026-06-18', right: 0, almost: 0, wrong: 0 },
        { day: '2026-06-19', right: 0, almost: 1, wrong: 0 },
        { day: '2026-06-20', right: 1, almost: 0, wrong: 1 },
      ],
      total: { right: 1, almost: 1, wrong: 1 },
    });
  });
});

describe('the event refresher', () => {
  it('brings the people met at earlier editions, those tagged for it, and who introduced them', async () => {
    const kith = client();
    const last = await kith<KithEvent>('event.create', { name: 'Grow Up Start Up 2025', start: '2025-06-20' });
    const now = await kith<KithEvent>('event.create', { name: 'Grow Up Start Up 2026', start: '2026-06-25' });
    await kith<KithEvent>('event.create', { name: 'Web Summit 2025', start: '2025-11-10' });
    const piotr = await saveWithFace(kith, 'piotr', 'Piotr Zieliński', { date: '2025-01-10' });
    await saveWithFace(kith, 'anna', 'Anna Nowak', { date: '2025-06-20', event: { id: last.id }, introducedBy: { id: piotr } });
    await saveWithFace(kith, 'ola', 'Ola Web', { date: '2025-11-10', event: { name: 'Web Summit 2025' } });
    const tagged = await saveWithFace(kith, 'kasia', 'Kasia Tag');
    await kith('person.update', { id: tagged, patch: { tags: ['grow up start up'] } });

    const { event, cards } = await kith<Responses['drill.refresher']>('drill.refresher', { eventId: now.id });
    expect(event).toEqual({ id: now.id, name: 'Grow Up Start Up 2026' });
    expect(cards.map((c) => [c.name, c.reason, c.kind])).toEqual([
      ['Anna Nowak', 'earlier-edition', 'refresher'],
      ['Kasia Tag', 'tagged', 'refresher'],
      ['Piotr Zieliński', 'introducer', 'refresher'],
    ]);
    expect(cards[2]!.introduced).toEqual(['Anna Nowak']);
    expect(cards[0]!.met).toMatchObject({ eventName: 'Grow Up Start Up 2025', introducedBy: 'Piotr Zieliński' });
    // A refresher card is answered like any other.
    await kith('drill.answer', { personId: cards[0]!.personId, direction: cards[0]!.direction, grade: 3 });
    await expect(kith('drill.refresher', { eventId: 'gone' })).rejects.toThrow();
  });
});

describe('capture now, match later', () => {
  it('saves someone met at an event with no profile, lists them, and offers them on a profile with their name', async () => {
    const kith = client();
    const gusu = await kith<KithEvent>('event.create', { name: 'Grow Up Start Up', start: '2026-06-19', place: 'Warsaw' });
    const ewa = await saveWithFace(kith, 'ewa', 'Ewa Zając');
    changed = [];
    const captured = await kith<PersonView>('capture.save', { name: '  Agnieszka ', event: { id: gusu.id }, introducedBy: { id: ewa }, note: 'works on batteries' });
    expect(captured.person).toMatchObject({ name: 'Agnieszka', keys: [], urls: {}, lastTouch: '2026-06-19' });
    expect(captured.encounters).toEqual([
      expect.objectContaining({ date: '2026-06-19', kind: 'event', eventId: gusu.id, eventName: 'Grow Up Start Up', introducedById: ewa, note: 'works on batteries' }),
    ]);
    expect(changed).toEqual([[captured.person.id]]);
    // Without an event: in person; an introducer typed as a name.
    later(1);
    await kith('capture.save', { name: 'Tomek', introducedBy: { name: 'Marta' } });

    const unmatched = await kith<CapturedRow[]>('capture.unmatched', {});
    expect(unmatched.map((r) => [r.name, r.met?.kind, r.met?.eventName, r.met?.introducedBy])).toEqual([
      ['Tomek', 'in-person', undefined, 'Marta'],
      ['Agnieszka', 'event', 'Grow Up Start Up', 'Ewa Zając'],
    ]);

    // A profile opened later: folded and forgiving (the profile has the surname, and no accents).
    const offers = await kith<CaptureOffer[]>('capture.matches', { name: 'Agnieszka Wisniewska', keys: ['linkedin:agnieszka-w'] });
    expect(offers).toEqual([{ id: captured.person.id, name: 'Agnieszka', reason: 'first-name', met: expect.objectContaining({ kind: 'event', eventName: 'Grow Up Start Up' }) }]);
    expect(await kith('capture.matches', { name: 'Zbigniew Nowak' })).toEqual([]);
    // A captured person drills by name: where did you meet Agnieszka?
    const deck = await kith<Responses['drill.due']>('drill.due', {});
    expect(deck.cards.find((c) => c.name === 'Agnieszka')).toMatchObject({ direction: 'name-to-context', met: { eventName: 'Grow Up Start Up' } });
  });

  it('attaches a capture to a profile nobody is saved under yet: it becomes that profile, with its face', async () => {
    const kith = client();
    const captured = await kith<PersonView>('capture.save', { name: 'Agnieszka', note: 'batteries' });
    await kith('person.update', { id: captured.person.id, patch: { memoryHook: 'battery Agnieszka' } });
    await kith('drill.answer', { personId: captured.person.id, direction: 'name-to-context', grade: 3 });
    changed = [];
    const view = await kith<PersonView>('capture.attach', {
      capturedId: captured.person.id,
      profile: profile('agnieszka-w', 'Agnieszka Wiśniewska', { headline: 'CTO at Volt' }),
      photoUrl: 'https://media.licdn.com/a.jpg',
    });
    expect(view.person).toMatchObject({ id: captured.person.id, name: 'Agnieszka Wiśniewska', headline: 'CTO at Volt', keys: ['linkedin:agnieszka-w'], memoryHook: 'battery Agnieszka', hasPhoto: true });
    expect(view.photo).toBe(FACE);
    expect(view.encounters).toHaveLength(1);
    expect(changed).toEqual([[captured.person.id]]);
    expect(await kith('capture.unmatched', {})).toEqual([]);
    // Now with a face: the card starts again, face to name.
    const deck = await kith<Responses['drill.due']>('drill.due', {});
    expect(deck.cards.map((c) => [c.name, c.direction, c.kind])).toEqual([['Agnieszka Wiśniewska', 'face-to-name', 'new']]);
    // Only a capture can be attached.
    await expect(kith('capture.attach', { capturedId: captured.person.id, profile: profile('x', 'X') })).rejects.toThrow(/saved with a profile already/);
  });

  it('attaches a capture to someone saved, merging as linking does: encounters, aids, voice note and answers move', async () => {
    const kith = client();
    const saved = await saveWithFace(kith, 'agnieszka-w', 'Agnieszka Wiśniewska', { date: '2026-05-01' });
    await kith('person.update', { id: saved, patch: { howToSay: 'ag-NYESH-ka' } });
    const captured = await kith<PersonView>('capture.save', { name: 'Agnieszka', note: 'batteries' });
    const id = captured.person.id;
    await kith('person.update', { id, patch: { memoryHook: 'battery Agnieszka', howToSay: 'agnieszka' } });
    await kith('voiceNote.save', { personId: id, dataUrl: VOICE, seconds: 2 });
    const answered = await kith<Responses['drill.answer']>('drill.answer', { personId: id, direction: 'name-to-context', grade: 3 });

    // From the network page: matched by a search to the saved person, or on their profile by its keys.
    const view = await kith<PersonView>('capture.attach', { capturedId: id, profile: profile('agnieszka-w', 'Agnieszka Wiśniewska') });
    expect(view.person.id).toBe(saved);
    expect(view.person).toMatchObject({ name: 'Agnieszka Wiśniewska', howToSay: 'ag-NYESH-ka', memoryHook: 'battery Agnieszka' });
    expect(view.encounters.map((e) => e.note ?? '')).toEqual(['batteries', '']);
    expect(view.voiceNote).toEqual({ dataUrl: VOICE, seconds: 2 });
    expect(await kith('person.get', { id })).toBeNull();
    const db = await openKithDb(dbName);
    expect(await db.get('drillCards', saved)).toMatchObject({ personId: saved, direction: 'name-to-context' });
    expect(await db.get('drillCards', id)).toBeUndefined();
    expect(await db.get('drillReviews', answered.reviewId)).toMatchObject({ personId: saved });
    expect(await db.get('voiceNotes', id)).toBeUndefined();
    await expect(kith('capture.attach', { capturedId: id, personId: saved })).rejects.toThrow();
  });
});

describe('voice notes and deleting', () => {
  it('keeps one voice note per person, shown with them, and deletes it with them, with their card and answers', async () => {
    const kith = client();
    const anna = await saveWithFace(kith, 'anna', 'Anna Nowak');
    const saved = await kith<PersonView>('voiceNote.save', { personId: anna, dataUrl: VOICE, seconds: 3 });
    expect(saved.voiceNote).toEqual({ dataUrl: VOICE, seconds: 3 });
    expect((await kith<PersonView>('person.get', { id: anna })).voiceNote).toEqual({ dataUrl: VOICE, seconds: 3 });
    const removed = await kith<PersonView>('voiceNote.delete', { personId: anna });
    expect(removed.voiceNote).toBeUndefined();
    await kith('voiceNote.save', { personId: anna, dataUrl: VOICE, seconds: 3 });
    await kith('drill.answer', { personId: anna, direction: 'face-to-name', grade: 3 });
    const db = await openKithDb(dbName);
    const drillState = async () => [await db.getAll('voiceNotes'), await db.getAll('drillCards'), await db.getAll('drillReviews')];
    const before = await drillState();
    const { undo } = await kith<{ undo: string }>('person.delete', { id: anna });
    expect([await db.count('voiceNotes'), await db.count('drillCards'), await db.count('drillReviews')]).toEqual([0, 0, 0]);
    await expect(kith('voiceNote.save', { personId: anna, dataUrl: VOICE, seconds: 3 })).rejects.toThrow();
    // Undo brings them back as they were: the voice note, the card's schedule and the answers.
    await kith('change.undo', { token: undo });
    expect(await drillState()).toEqual(before);
    expect(before.map((s) => s.length)).toEqual([1, 1, 1]);
    expect((await kith<PersonView>('person.get', { id: anna })).voiceNote).toEqual({ dataUrl: VOICE, seconds: 3 });
  });
});
