import * as v from 'valibot';
import { schemas, type FollowUpRow, type LinkSuggestion, type MessageName, type Origin, type Payload, type PersonView, type Reply, type Responses } from '@/utils/messages';
import type { KithDb } from '@/utils/db';
import type { Encounter, Id, LocalDay, Person } from '@/utils/model/types';
import { findPersonByKeys, getPerson, listTags, searchPeople, countPeople } from '@/utils/db/people';
import { listIntroductions } from '@/utils/db/people';
import { DueTotals } from '@/utils/db/due-totals';
import { pagePeople, PeopleSearch as PeopleListCache } from '@/utils/db/people-search';
import { createEvent, eventsWithCounts, mergeEvents, updateEvent } from '@/utils/db/events';
import { deleteEncounter, updateEncounter, deletePerson, logTouch, recordEncounter, savePersonFromProfile, updatePerson, NotFoundError } from '@/utils/db/writes';
import { encountersOf, getEvent, getPhoto, introductionsBy, listEvents, photosOf, readAll, readDue, type DueRead } from '@/utils/db/reads';
import { clearAll, importReceipt } from '@/utils/db/bulk';
import { linkProfile, peopleNamed, unlinkSite } from '@/utils/db/link';
import { CAPS, cleanLine, fold } from '@/utils/text';
import { addDays, formatPartialDate, localDay } from '@/utils/dates';
import { byDueThenName, overdueBy, snooze } from '@/utils/followups';
import type { Settings } from '@/utils/settings';
import { exportFile } from './exports';

/** What a message handler needs from the world; tests pass fakes. */
export interface HandlerDeps {
  db: () => Promise<KithDb>;
  /** This extension's id, and the URL prefix of its own pages. */
  extensionId: string;
  extensionBase: string;
  /** True for a page URL on which Kith's content script runs. */
  isContentUrl: (url: string) => boolean;
  now: () => Date;
  settings: () => Promise<Settings>;
  /** Fetches a profile photo from an allowed CDN and returns a small thumbnail (data: URL), or undefined. */
  thumbnail: (url: string) => Promise<string | undefined>;
  /** Called after every change, with the ids of the people it touched. */
  changed: (personIds: Id[]) => void;
  /** Drops the database connection so the next `db()` opens a fresh one. */
  reopenDb?: () => Promise<void>;
  /**
   * What the network list keeps in memory between requests. Given when other writers (the import
   * port) must report their changes to it too; otherwise the handler keeps its own.
   */
  listCache?: PeopleListCache;
  /** The follow-up groups' sizes, kept between changes; like `listCache`, given when others write too. */
  dueTotals?: DueTotals;
}

/** Chromium: "The database connection is closing." (an InvalidStateError from db.transaction). */
function isClosedConnection(e: unknown): boolean {
  return e instanceof Error && e.name === 'InvalidStateError';
}

/**
 * A storage failure that may pass: the browser's storage full for now (QuotaExceededError), a failed
 * disk write (UnknownError), an aborted transaction (AbortError). The transaction wrote nothing.
 */
function isStorageFailure(e: unknown): e is DOMException {
  // By name only: a DOMException from another realm is no `instanceof Error` here.
  return ['QuotaExceededError', 'UnknownError', 'AbortError'].includes((e as DOMException | null)?.name ?? '');
}

/** How long a message waits before its one more try after a storage failure. */
export const STORAGE_RETRY_MS = 250;

/** What the user reads when a message failed: what went wrong, and that nothing was changed. */
export function failureText(e: unknown): string {
  if (isStorageFailure(e)) {
    return e.name === 'QuotaExceededError'
      ? 'The browser has no room left for Kith\'s data (is the disk full?), so nothing was changed.'
      : `The browser could not write Kith's data (${e.message || e.name}), so nothing was changed.`;
  }
  return `Kith could not do that: ${e instanceof Error ? e.message : String(e)}. Nothing was changed; try again.`;
}

/** The browser-stamped facts about who sent a message (never the payload's claims). */
export interface SenderInfo {
  id?: string;
  url?: string;
  tab?: { id?: number };
  frameId?: number;
}

/**
 * Decides where a message comes from using only what the browser stamped on it. Anything that is
 * not Kith itself (another extension, a web page) has no origin and is refused.
 */
export function originOf(sender: SenderInfo, deps: Pick<HandlerDeps, 'extensionId' | 'extensionBase' | 'isContentUrl'>): Origin | null {
  if (sender.id !== deps.extensionId || !sender.url) return null;
  if (sender.url.startsWith(deps.extensionBase)) return 'page';
  if (sender.tab && sender.frameId === 0 && deps.isContentUrl(sender.url)) return 'content';
  return null;
}

async function personView(db: KithDb, person: Person): Promise<PersonView> {
  const [encounters, photo, introductions] = await Promise.all([
    encountersOf(db, person.id),
    person.hasPhoto ? getPhoto(db, person.id) : undefined,
    introductionsBy(db, person.id),
  ]);
  const eventNames = new Map<string, string>();
  const names = new Map<string, string>();
  const views = [];
  for (const e of encounters) {
    const view: PersonView['encounters'][number] = { ...e };
    if (e.eventId) {
      if (!eventNames.has(e.eventId)) eventNames.set(e.eventId, (await getEvent(db, e.eventId))?.name ?? '');
      const name = eventNames.get(e.eventId);
      if (name) view.eventName = name;
    }
    if (e.introducedById) {
      if (!names.has(e.introducedById)) names.set(e.introducedById, (await getPerson(db, e.introducedById))?.name ?? '');
      const name = names.get(e.introducedById);
      if (name) view.introducerName = name;
    }
    views.push(view);
  }
  const introduced: PersonView['introduced'] = [];
  for (const e of introductions) {
    const p = await getPerson(db, e.personId);
    if (p && !introduced.some((i) => i.id === p.id)) introduced.push({ id: p.id, name: p.name });
  }
  return { person, encounters: views, ...(photo ? { photo: photo.dataUrl } : {}), introduced };
}

/**
 * The meeting that makes someone recognisable (the popup's "met at …", the link suggestion): the
 * newest in person or at an event, else the newest. `encounters` are newest first.
 */
function recognisingEncounter(encounters: readonly Encounter[]): Encounter | undefined {
  return encounters.find((e) => e.kind === 'in-person' || e.kind === 'event') ?? encounters[0];
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
 * with their faces unless `photos` is false (faces are most of the reply: 119 KB of 144 at 75 rows).
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

type Handlers = { [N in MessageName]: (payload: Payload<N>, ctx: { db: KithDb; origin: Origin }) => Promise<Responses[N]> };

export function createHandler(rawDeps: HandlerDeps) {
  // The network list's table of everyone, read once and kept current from the people every write
  // touched: every write here reports them (below), and so do imports (the background's wiring).
  const listCache = rawDeps.listCache ?? new PeopleListCache();
  const dueTotals = rawDeps.dueTotals ?? new DueTotals();
  // Counts the changes announced, so a failed message can tell whether a write may have landed:
  // every handler announces its change as soon as its write commits (or returns right after it).
  let changes = 0;
  const deps: HandlerDeps = {
    ...rawDeps,
    changed: (ids) => {
      changes++;
      listCache.changed(ids);
      dueTotals.changed();
      rawDeps.changed(ids);
    },
  };
  const today = () => localDay(deps.now());
  const now = () => deps.now().getTime();
  const summary = async (db: KithDb, p: Person) => {
    const photo = p.hasPhoto ? await getPhoto(db, p.id) : undefined;
    return {
      id: p.id,
      name: p.name,
      ...(p.headline ? { headline: p.headline } : {}),
      ...(p.company ? { company: p.company } : {}),
      ...(photo ? { photo: photo.dataUrl } : {}),
      ...(Object.values(p.urls)[0] ? { url: Object.values(p.urls)[0] } : {}),
    };
  };

  const handlers: Handlers = {
    async 'person.lookup'({ keys }, { db }) {
      const p = await findPersonByKeys(db, keys);
      return p ? personView(db, p) : null;
    },
    async 'person.get'({ id }, { db }) {
      const p = await getPerson(db, id);
      return p ? personView(db, p) : null;
    },
    async 'person.update'({ id, patch }, { db }) {
      const p = await updatePerson(db, id, patch, now());
      deps.changed([p.id]);
      return personView(db, p);
    },
    async 'person.saveFromProfile'({ profile, patch }, { db }) {
      const p = await savePersonFromProfile(db, profile, patch, now());
      deps.changed([p.id]);
      return personView(db, p);
    },
    async 'person.link'({ personId, profile }, { db }) {
      const { person, mergedId } = await linkProfile(db, personId, profile, now());
      deps.changed(mergedId ? [person.id, mergedId] : [person.id]);
      return personView(db, person);
    },
    async 'person.unlink'({ personId, site }, { db }) {
      const p = await unlinkSite(db, personId, site, now());
      deps.changed([p.id]);
      return personView(db, p);
    },
    async 'person.sameName'({ name }, { db }) {
      const people = await peopleNamed(db, fold(cleanLine(name, CAPS.name)).trim(), 3, listCache);
      return Promise.all(
        people.map(async (p): Promise<LinkSuggestion> => {
          const met = recognisingEncounter(await encountersOf(db, p.id));
          if (!met) return { id: p.id, name: p.name, where: p.headline ?? '' };
          const ev = met.eventId ? await getEvent(db, met.eventId) : undefined;
          return { id: p.id, name: p.name, where: [ev?.name, met.place, formatPartialDate(met.date)].filter(Boolean).join(', ') };
        }),
      );
    },
    async 'person.delete'({ id }, { db }) {
      await deletePerson(db, id);
      deps.changed([id]);
      return null;
    },
    async 'encounter.record'(payload, { db }) {
      const { photoUrl, ...input } = payload;
      const existing = input.personId
        ? await getPerson(db, input.personId)
        : input.profile
          ? await findPersonByKeys(db, input.profile.keys)
          : undefined;
      // Fetch the face only for someone not yet pictured, and outside the transaction.
      const photoDataUrl = photoUrl && !existing?.hasPhoto ? await deps.thumbnail(photoUrl) : undefined;
      const settings = await deps.settings();
      const { person } = await recordEncounter(
        db,
        { ...input, ...(photoDataUrl ? { photoDataUrl } : {}), defaultCadenceDays: settings.defaultCadenceDays },
        now(),
        today(),
      );
      deps.changed([person.id]);
      return personView(db, person);
    },
    async 'encounter.update'({ id, encounter }, { db }) {
      const p = await updateEncounter(db, id, encounter, now());
      deps.changed([p.id]);
      return personView(db, p);
    },
    async 'encounter.delete'({ id }, { db }) {
      const p = await deleteEncounter(db, id, now());
      deps.changed([p.id]);
      return personView(db, p);
    },
    async 'tags.list'(_p, { db }) {
      return listTags(db);
    },
    async 'events.list'(_p, { db }) {
      return listEvents(db);
    },
    async 'people.search'({ query, limit }, { db }) {
      const people = await searchPeople(db, query, limit ?? 20, listCache);
      return Promise.all(people.map((p) => summary(db, p)));
    },
    async 'followups.list'({ limit, photos }, { db }) {
      return followUpsList(db, today(), limit ?? 25, photos ?? true, dueTotals);
    },
    async 'people.photos'({ ids }, { db }) {
      const photos = await photosOf(db, ids);
      return Object.fromEntries([...photos].map(([id, p]) => [id, p.dataUrl]));
    },
    async 'followups.done'({ personId, kind }, { db }) {
      await logTouch(db, personId, kind, now(), today());
      deps.changed([personId]);
      return null;
    },
    async 'followups.snooze'(payload, { db }) {
      const p = await getPerson(db, payload.personId);
      if (!p) throw new NotFoundError('This person is no longer saved.');
      const by = 'days' in payload ? { days: payload.days } : { until: payload.until };
      await updatePerson(db, p.id, { followUp: snooze(p.followUp, by, today()) }, now());
      deps.changed([p.id]);
      return null;
    },
    async 'data.export'({ format }, { db }) {
      return exportFile(await readAll(db), format, deps.now());
    },
    async 'data.deleteAll'(_p, { db }) {
      await clearAll(db);
      deps.changed([]);
      return null;
    },
    async 'import.status'({ id }, { db }) {
      const receipt = await importReceipt(db, id);
      return receipt ? { landed: true, report: receipt.report } : { landed: false };
    },
    async 'stats.get'(_p, { db }) {
      const [people, encounters, events] = await Promise.all([countPeople(db), db.count('encounters'), db.count('events')]);
      return { people, encounters, events };
    },
    async 'people.list'({ offset, limit, sort, filter, fresh }, { db }) {
      if (fresh) listCache.clear();
      const page = await pagePeople(db, { offset, limit, sort, filter }, today(), listCache);
      const rows = await Promise.all(
        page.people.map(async (p) => ({
          ...(await summary(db, p)),
          tags: p.tags,
          ...(p.followUp.due ? { due: p.followUp.due } : {}),
          ...(p.lastTouch ? { lastTouch: p.lastTouch } : {}),
        })),
      );
      return { offset, total: page.total, rows };
    },
    async 'events.overview'(_p, { db }) {
      return eventsWithCounts(db);
    },
    async 'event.create'(input, { db }) {
      return createEvent(db, input, now());
    },
    async 'event.update'({ id, patch }, { db }) {
      const { event, personIds } = await updateEvent(db, id, patch, now());
      // A new name shows on everyone met there (their encounters and search words).
      if (personIds.length > 0) deps.changed(personIds);
      return event;
    },
    async 'event.merge'({ keepId, dropId }, { db }) {
      const { event, moved, personIds } = await mergeEvents(db, keepId, dropId, now());
      if (personIds.length > 0) deps.changed(personIds);
      return { event, moved };
    },
    async 'introductions.list'(_p, { db }) {
      return listIntroductions(db);
    },
  };

  /** Answers one message. Never throws: every failure becomes an error the caller can show. */
  return async function handle(message: unknown, sender: SenderInfo): Promise<Reply<unknown>> {
    const origin = originOf(sender, deps);
    if (!origin) return { ok: false, error: 'Refused: this message does not come from Kith.' };
    if (!message || typeof message !== 'object' || typeof (message as { kith?: unknown }).kith !== 'string') {
      return { ok: false, error: 'Refused: not a Kith message.' };
    }
    const { kith: name, payload } = message as { kith: string; payload?: unknown };
    if (!Object.hasOwn(schemas, name)) return { ok: false, error: `Refused: unknown message "${name.slice(0, 60)}".` };
    const spec = schemas[name as MessageName];
    if (!(spec.from as readonly Origin[]).includes(origin)) {
      return { ok: false, error: `Refused: "${name}" may not be sent from a ${origin === 'content' ? 'web page' : 'Kith page'}.` };
    }
    const parsed = v.safeParse(spec.payload, payload);
    if (!parsed.success) {
      const issue = parsed.issues[0];
      const path = issue.path?.map((p) => p.key).join('.') || 'payload';
      return { ok: false, error: `Refused: "${name}" has a malformed ${path}: ${issue.message}` };
    }
    const handler = handlers[name as MessageName] as (p: unknown, c: { db: KithDb; origin: Origin }) => Promise<unknown>;
    const run = async () => handler(parsed.output, { db: await deps.db(), origin });
    const changesBefore = changes;
    try {
      try {
        return { ok: true, value: await run() };
      } catch (e) {
        // A failed transaction wrote nothing, so the message may be tried once more: on a fresh
        // connection when the browser closed ours (a version change, the worker's storage being torn
        // down), and after a short pause when storage failed in a way that may pass. Never once a
        // change was announced since this message began (its own write may have landed, and a second
        // try would apply it twice; another message's change only costs the retry).
        if (changes !== changesBefore) throw e;
        if (isClosedConnection(e) && deps.reopenDb) await deps.reopenDb();
        else if (isStorageFailure(e)) await new Promise((r) => setTimeout(r, STORAGE_RETRY_MS));
        else throw e;
        return { ok: true, value: await run() };
      }
    } catch (e) {
      if (e instanceof NotFoundError || e instanceof RangeError) return { ok: false, error: e.message };
      console.error('Kith:', name, e);
      return { ok: false, error: failureText(e) };
    }
  };
}
