/** The read models: what the background answers about people, shaped for the views that show them. */
import type { CaptureOffer, CapturedRow, DrillCardView, FollowUpRow, LinkSuggestion, MetContext, NetworkRow, PersonSummary, PersonView, Responses } from '@/utils/messages';
import type { KithDb } from '@/utils/db';
import type { Encounter, Id, KithEvent, LocalDay, Person } from '@/utils/model/types';
import { readDrillPeople } from '@/utils/db/drill';
import type { CaptureCandidate } from '@/utils/drill/capture';
import type { DueTotals } from '@/utils/db/due-totals';
import { encountersOf, getEvent, getPhoto, readDue, readPersonRecords, type DueRead } from '@/utils/db/reads';
import { addDays } from '@/utils/dates';
import { formatDate } from '@/utils/phrases';
import { byDueThenName, overdueBy } from '@/utils/followups';

/**
 * Everything the sidebar and the network page show of one person: as stored now (the person given is
 * the one a write just stored, or read a moment ago), all from one read.
 */
export async function personView(db: KithDb, given: Person): Promise<PersonView> {
  const read = await readPersonRecords(db, given.id);
  const person = read.person ?? given;
  const views = read.encounters.map((e) => {
    const view: PersonView['encounters'][number] = { ...e };
    const eventName = e.eventId ? read.events.get(e.eventId)?.name : undefined;
    if (eventName) view.eventName = eventName;
    const introducerName = e.introducedById ? read.people.get(e.introducedById)?.name : undefined;
    if (introducerName) view.introducerName = introducerName;
    return view;
  });
  const introduced: PersonView['introduced'] = [];
  for (const e of read.introductions) {
    const p = read.people.get(e.personId);
    if (p && !introduced.some((i) => i.id === p.id)) introduced.push({ id: p.id, name: p.name });
  }
  return {
    person,
    encounters: views,
    ...(read.photo ? { photo: read.photo.dataUrl } : {}),
    ...(read.voiceNote ? { voiceNote: { dataUrl: read.voiceNote.dataUrl, seconds: read.voiceNote.seconds } } : {}),
    introduced,
  };
}

/** One search result: enough to recognise someone (face, headline, company) and open their profile. */
export async function personSummary(db: KithDb, p: Person): Promise<PersonSummary> {
  const photo = p.hasPhoto ? await getPhoto(db, p.id) : undefined;
  const url = Object.values(p.urls)[0];
  return {
    id: p.id,
    name: p.name,
    ...(p.headline ? { headline: p.headline } : {}),
    ...(p.company ? { company: p.company } : {}),
    ...(photo ? { photo: photo.dataUrl } : {}),
    ...(url ? { url } : {}),
  };
}

/** One row of the network list: the summary, with the tags and the dates the list sorts and filters by. */
export async function networkRow(db: KithDb, p: Person): Promise<NetworkRow> {
  return {
    ...(await personSummary(db, p)),
    tags: p.tags,
    ...(p.followUp.due ? { due: p.followUp.due } : {}),
    ...(p.lastTouch ? { lastTouch: p.lastTouch } : {}),
  };
}

/**
 * The meeting that makes someone recognisable (the popup's "met at …", the link suggestion): the
 * newest in person or at an event, else the newest. `encounters` are newest first.
 */
function recognisingEncounter(encounters: readonly Encounter[]): Encounter | undefined {
  return encounters.find((e) => e.kind === 'in-person' || e.kind === 'event') ?? encounters[0];
}

/** Someone saved with the same name as a profile, with where you met them so you can tell whether it is them. */
export async function linkSuggestion(db: KithDb, p: Person): Promise<LinkSuggestion> {
  const met = recognisingEncounter(await encountersOf(db, p.id));
  if (!met) return { id: p.id, name: p.name, where: p.headline ?? '' };
  const ev = met.eventId ? await getEvent(db, met.eventId) : undefined;
  return { id: p.id, name: p.name, where: [ev?.name, met.place, formatDate(met.date)].filter(Boolean).join(', ') };
}

function followUpRow(p: Person, today: string, read: DueRead): FollowUpRow {
  const row: FollowUpRow = { id: p.id, name: p.name, due: p.followUp.due!, overdueDays: overdueBy(p.followUp, today) };
  if (p.headline) row.headline = p.headline;
  const photo = read.photos.get(p.id);
  if (photo) row.photo = photo.dataUrl;
  if (p.hasPhoto) row.hasPhoto = true;
  const url = Object.values(p.urls)[0];
  if (url) row.url = url;
  if (p.followUp.cadenceDays) row.cadenceDays = p.followUp.cadenceDays;
  if (p.followUp.note) row.note = p.followUp.note;
  if (p.howToSay) row.howToSay = p.howToSay;
  if (p.memoryHook) row.memoryHook = p.memoryHook;
  const met = recognisingEncounter(read.encounters.get(p.id) ?? []);
  if (met) {
    row.context = { date: met.date, kind: met.kind };
    if (met.place) row.context.place = met.place;
    const ev = met.eventId ? read.events.get(met.eventId) : undefined;
    if (ev) row.context.eventName = ev.name;
  }
  return row;
}

/**
 * The popup's list: who is overdue, due today and due in the next 7 days, the first `limit` of each,
 * with their faces unless `photos` is false (faces are most of a reply with them).
 */
export async function followUpsList(db: KithDb, t: LocalDay, limit: number, photos = true, dueTotals?: DueTotals): Promise<Responses['followups.list']> {
  const ranges = [IDBKeyRange.upperBound(t, true), IDBKeyRange.only(t), IDBKeyRange.bound(addDays(t, 1), addDays(t, 7))];
  const known = dueTotals?.get(t);
  const generation = dueTotals?.begin() ?? 0;
  const read = await readDue(db, ranges, limit, { photos, totals: known });
  if (dueTotals && !known) dueTotals.keep(generation, t, read.groups.map((g) => g.total));
  const [overdue, dueToday, week] = read.groups.map((g) => ({
    rows: g.people.sort(byDueThenName).map((p) => followUpRow(p, t, read)),
    total: g.total,
  }));
  return {
    today: t,
    overdue: overdue.rows,
    dueToday: dueToday.rows,
    week: week.rows,
    totals: { overdue: overdue.total, dueToday: dueToday.total, week: week.total },
    anyone: read.anyone,
  };
}

/** How you met, as a card or an offer says it: the encounter, with its event's and introducer's names. */
function metContext(e: Encounter, events: ReadonlyMap<Id, KithEvent>, introducers: ReadonlyMap<Id, Person>): MetContext {
  const met: MetContext = { date: e.date, kind: e.kind };
  if (e.place) met.place = e.place;
  const eventName = e.eventId ? events.get(e.eventId)?.name : undefined;
  if (eventName) met.eventName = eventName;
  const introducedBy = (e.introducedById ? introducers.get(e.introducedById)?.name : undefined) ?? e.introducedByName;
  if (introducedBy) met.introducedBy = introducedBy;
  if (e.note) met.note = e.note;
  return met;
}

/** A card to show: whom it asks about and how (a due list's or a refresher deck's), with the card to schedule. */
export interface CardToShow {
  personId: Id;
  direction: DrillCardView['direction'];
  kind: DrillCardView['kind'];
  card: DrillCardView['card'];
  reason?: DrillCardView['reason'];
  /** For an introducer in a refresher deck: the ids of the people they introduced you to. */
  introduced?: Id[];
}

/**
 * The drill's cards with everything each shows (face, company, memory aids, voice note, how you met),
 * read in one transaction. Someone deleted since the deck was made is left out.
 */
export async function drillCardViews(db: KithDb, cards: readonly CardToShow[]): Promise<DrillCardView[]> {
  const ids = cards.flatMap((c) => [c.personId, ...(c.introduced ?? [])]);
  const { people, events, introducers } = await readDrillPeople(db, ids);
  return cards.flatMap((c) => {
    const read = people.get(c.personId);
    if (!read) return [];
    const { person: p, photo, voiceNote, encounters } = read;
    const met = recognisingEncounter(encounters);
    const view: DrillCardView = { personId: c.personId, direction: c.direction, kind: c.kind, card: c.card, name: p.name, meetings: encounters.length };
    if (p.headline) view.headline = p.headline;
    if (p.company) view.company = p.company;
    if (photo) view.photo = photo.dataUrl;
    if (p.howToSay) view.howToSay = p.howToSay;
    if (p.memoryHook) view.memoryHook = p.memoryHook;
    if (voiceNote) view.voiceNote = { dataUrl: voiceNote.dataUrl, seconds: voiceNote.seconds };
    if (met) view.met = metContext(met, events, introducers);
    if (c.reason) view.reason = c.reason;
    if (c.introduced) view.introduced = c.introduced.flatMap((id) => people.get(id)?.person.name ?? []);
    return [view];
  });
}

/** Where you met each of these captured people, for an offer or the unmatched list, in one transaction. */
async function metAtCapture(db: KithDb, ids: readonly Id[]): Promise<Map<Id, { person: Person; met?: MetContext }>> {
  const { people, events, introducers } = await readDrillPeople(db, ids);
  const out = new Map<Id, { person: Person; met?: MetContext }>();
  for (const [id, { person, encounters }] of people) {
    const met = recognisingEncounter(encounters);
    out.set(id, met ? { person, met: metContext(met, events, introducers) } : { person });
  }
  return out;
}

/** "Is this Agnieszka you met at Grow Up Start Up?": each candidate with where you met them. */
export async function captureOffers(db: KithDb, candidates: readonly CaptureCandidate[]): Promise<CaptureOffer[]> {
  const read = await metAtCapture(db, candidates.map((c) => c.personId));
  return candidates.flatMap((c) => {
    const r = read.get(c.personId);
    return r ? [{ id: c.personId, name: r.person.name, reason: c.reason, ...(r.met ? { met: r.met } : {}) }] : [];
  });
}

/** Everyone captured and not yet matched, newest first, with where you met them. */
export async function capturedRows(db: KithDb, ids: readonly Id[]): Promise<CapturedRow[]> {
  const read = await metAtCapture(db, ids);
  return [...read.values()]
    .map(({ person, met }) => ({ id: person.id, name: person.name, createdAt: person.createdAt, ...(met ? { met } : {}) }))
    .sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? -1 : 1));
}
