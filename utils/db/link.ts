/**
 * One person across sites: linking the profile on screen to someone already saved ("this is the same
 * Anna I met in Warsaw"), and undoing it. Kith suggests (same name) but never links on its own.
 */
import type { KithDb } from './index';
import type { Id, Person, SiteId } from '../model/types';
import { adapterForKey } from '../sites';
import { CAPS } from '../model/caps';
import { cleanText, words } from '../text';
import { getPeople, PeopleSearch } from './people-search';
import { absorbProfile, inWriteTx, NotFoundError, withDerived, type PeopleTx, type ProfileInput } from './writes';
import { deleteRecord, putRecord } from './outbox';
import { cleanTags } from '../model/person-fields';
import { isCaptured } from '../drill/capture';
import { moveDrill } from './drill-records';
import { t } from '../i18n';

export interface LinkResult {
  person: Person;
  /** The separately saved person the profile belonged to, now folded into `person` and gone. */
  mergedId?: Id;
}

/** The site a profile key belongs to ('linkedin-member:123' is LinkedIn's), or undefined for a key no site knows. */
export function siteOfKey(key: string): SiteId | undefined {
  return adapterForKey(key)?.id;
}

const earliest = (a?: string, b?: string) => (a && b ? (a < b ? a : b) : a || b);
const latest = (a?: string, b?: string) => (a && b ? (a > b ? a : b) : a || b);

/**
 * Folds `other` into `keep`: every encounter, key, URL, tag and note of theirs, the earlier follow-up,
 * the photo and the voice note if `keep` has none, their drill answers and the card answered last.
 * What `keep` already says wins for single fields (name, headline, memory hook...).
 * Encounters `other` introduced now name `keep`; `keep`'s own encounters "introduced by" `other` keep
 * the name as text (nobody introduces you to themselves).
 */
async function absorbPerson(tx: PeopleTx, keep: Person, other: Person, now: number): Promise<Person> {
  const encounters = tx.objectStore('encounters');
  for (const e of await encounters.index('byPerson').getAll(other.id)) await putRecord(tx, 'encounters', { ...e, personId: keep.id, updatedAt: now });
  for (const e of await encounters.index('byIntroducer').getAll(other.id)) {
    if (e.personId === keep.id) {
      const { introducedById: _self, ...rest } = e;
      await putRecord(tx, 'encounters', { ...rest, introducedByName: other.name, updatedAt: now });
    } else {
      await putRecord(tx, 'encounters', { ...e, introducedById: keep.id, updatedAt: now });
    }
  }
  // An encounter of `other`'s that named `keep` as the introducer would now be `keep` introducing themselves.
  for (const e of await encounters.index('byIntroducer').getAll(keep.id)) {
    if (e.personId !== keep.id) continue;
    const { introducedById: _self, ...rest } = e;
    await putRecord(tx, 'encounters', { ...rest, introducedByName: keep.name, updatedAt: now });
  }
  let hasPhoto = keep.hasPhoto;
  if (!hasPhoto && other.hasPhoto) {
    const photo = await tx.objectStore('photos').get(other.id);
    if (photo) {
      await putRecord(tx, 'photos', { ...photo, personId: keep.id, updatedAt: now });
      hasPhoto = true;
    }
  }
  await deleteRecord(tx, 'photos', other.id, now);
  await moveDrill(tx, keep.id, other.id, now);
  await deleteRecord(tx, 'people', other.id, now);

  const next: Person = {
    ...other,
    ...keep,
    keys: [...new Set([...keep.keys, ...other.keys])],
    // Theirs only for the sites `keep` has no profile on; `keep`'s first (the order the UI lists them in).
    urls: { ...keep.urls, ...Object.fromEntries(Object.entries(other.urls).filter(([site]) => !(site in keep.urls))) },
    tags: cleanTags([...keep.tags, ...other.tags]),
    notes: cleanText([keep.notes, other.notes].filter((n) => n.trim()).join('\n\n'), CAPS.notes),
    followUp: {
      ...other.followUp,
      ...keep.followUp,
      ...(earliest(keep.followUp.due, other.followUp.due) ? { due: earliest(keep.followUp.due, other.followUp.due) } : {}),
    },
    createdAt: Math.min(keep.createdAt, other.createdAt),
  };
  const lastTouch = latest(keep.lastTouch, other.lastTouch);
  if (lastTouch) next.lastTouch = lastTouch;
  const connectedOn = earliest(keep.connectedOn, other.connectedOn);
  if (connectedOn) next.connectedOn = connectedOn;
  if (hasPhoto) next.hasPhoto = true;
  else delete next.hasPhoto;
  return next;
}

/**
 * Links the profile on screen to the saved person `personId`, in one transaction. The profile's keys
 * and URL join that person; if the profile was saved as someone else, that record is merged in (its
 * encounters, tags, notes...) and removed. Linking a profile to the person who already has it changes
 * nothing.
 */
export async function linkProfile(db: KithDb, personId: Id, profile: ProfileInput, now: number): Promise<LinkResult> {
  return inWriteTx(db, async (tx) => {
    let person = await tx.objectStore('people').get(personId);
    if (!person) throw new NotFoundError(t('errorPersonGone'));
    let mergedId: Id | undefined;
    for (const key of profile.keys) {
      const owner = await tx.objectStore('people').index('byKey').get(key);
      if (owner && owner.id !== person.id) {
        person = await absorbPerson(tx, person, owner, now);
        mergedId = owner.id;
        break;
      }
    }
    // The keys are free now: absorbProfile adds them with the URL. The page's display fields (name,
    // headline...) are left to the person already saved: linking says who they are, not what to call them.
    const absorbed = await absorbProfile(tx, person, { site: profile.site, keys: profile.keys, url: profile.url, name: '' });
    person = await withDerived(tx, { ...absorbed, updatedAt: now });
    await putRecord(tx, 'people', person);
    return mergedId ? { person, mergedId } : { person };
  });
}

/** Whom a captured person turned out to be: someone saved, or the profile on screen (saved or not yet). */
export type CaptureTarget = { personId: Id } | { profile: ProfileInput; photoDataUrl?: string };

/**
 * "Is this Agnieszka you met at Grow Up Start Up?" Yes: the captured person `capturedId` (saved with no
 * profile) is folded into whom they turned out to be, in one transaction, merging as linking does.
 * Into a saved person: that person keeps what they say and gains the captured encounters, notes, memory
 * aids and drill. Into a profile nobody is saved under yet: the captured person becomes its person,
 * with its keys, URL and what the page shows (the page's name replaces the one typed at the event), and
 * the photo fetched for it if they have none.
 */
export async function attachCaptured(db: KithDb, capturedId: Id, target: CaptureTarget, now: number): Promise<LinkResult> {
  return inWriteTx(db, async (tx) => {
    const captured = await tx.objectStore('people').get(capturedId);
    if (!captured) throw new NotFoundError(t('errorPersonGone'));
    if (!isCaptured(captured)) throw new RangeError(t('errorNotCaptured', captured.name));
    let into: Person | undefined;
    if ('personId' in target) {
      into = await tx.objectStore('people').get(target.personId);
      if (!into) throw new NotFoundError(t('errorPersonGone'));
    } else {
      for (const key of target.profile.keys) {
        into ??= await tx.objectStore('people').index('byKey').get(key);
      }
    }
    if (into?.id === captured.id) throw new RangeError(t('errorNotCaptured', captured.name));
    let person = into ? await absorbPerson(tx, into, captured, now) : captured;
    if ('profile' in target) {
      person = await absorbProfile(tx, person, target.profile);
      if (target.photoDataUrl && !person.hasPhoto) {
        await putRecord(tx, 'photos', { personId: person.id, dataUrl: target.photoDataUrl, updatedAt: now });
        person = { ...person, hasPhoto: true };
      }
    }
    person = await withDerived(tx, { ...person, updatedAt: now });
    await putRecord(tx, 'people', person);
    return into ? { person, mergedId: captured.id } : { person };
  });
}

/**
 * Takes one site's profile off a person (every key of that site, and its URL): the profile is then
 * unknown to Kith again. Encounters stay with the person. A person's only profile cannot be unlinked
 * (that is deleting them).
 */
export async function unlinkSite(db: KithDb, personId: Id, site: SiteId, now: number): Promise<Person> {
  return inWriteTx(db, async (tx) => {
    const person = await tx.objectStore('people').get(personId);
    if (!person) throw new NotFoundError(t('errorPersonGone'));
    const keys = person.keys.filter((k) => siteOfKey(k) !== site);
    if (keys.length === person.keys.length) throw new RangeError(t('errorProfileNotLinked'));
    if (keys.length === 0) throw new RangeError(t('errorOnlyProfile'));
    const urls = { ...person.urls };
    delete urls[site];
    const next = await withDerived(tx, { ...person, keys, urls, updatedAt: now });
    await putRecord(tx, 'people', next);
    return next;
  });
}

/**
 * Saved people with exactly this name (folded: case and diacritics), for the "same person?" suggestion,
 * from the search engine over everyone (`search`, the background's shared one; people-search.ts).
 */
export async function peopleNamed(db: KithDb, sortName: string, limit = 3, search: PeopleSearch = new PeopleSearch()): Promise<Person[]> {
  if (words(sortName).length === 0) return [];
  return getPeople(db, await search.named(db, sortName, limit));
}
