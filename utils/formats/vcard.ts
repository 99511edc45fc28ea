/**
 * vCard export (DESIGN.md, "Formats"): 3.0 by default (what Google and Apple import), 4.0 on request.
 *
 * Written by hand rather than with the `vcf` package: vcf 2.1.2 does not escape text values (`,` `;`
 * `\` and newlines go out raw, and its folding step then deletes the newlines), and it folds at 75
 * UTF-16 code units instead of 75 octets, which can split a character. This serialiser escapes per
 * RFC 2426 / RFC 6350, folds at 75 octets without splitting a UTF-8 sequence, and uses CRLF.
 */
import type { Encounter, Id, KithData, KithEvent, Person, SiteId } from '../model/types';
import { PERSON_FIELD_NAMES, personField } from '../model/person-fields';
import {
  compareEncounters,
  encounterParts,
  encounterPartsLine,
  foldContentLine,
  groupByPerson,
  indexById,
  profileUrls,
} from './shared';

export type VcardVersion = '3.0' | '4.0';

/** Folds a content line at 75 octets (RFC 6350 3.2), never inside a character. */
export const foldLine = foldContentLine;

const SITE_NAMES: Record<SiteId, string> = {
  linkedin: 'LinkedIn',
  github: 'GitHub',
  x: 'X',
  xing: 'XING',
  mastodon: 'Mastodon',
};

const CRLF = '\r\n';

/** Escapes a TEXT value (or one component of a structured value). */
function escapeText(value: string): string {
  if (!NEEDS_ESCAPE.test(value)) return value;
  return value.replace(ESCAPE, (m) => (m === '\\' || m === ',' || m === ';' ? '\\' + m : '\\n'));
}
const NEEDS_ESCAPE = /[\\,;\r\n]/;
const ESCAPE = /[\\,;]|\r\n|\r|\n/g;

/** Best-effort split of a display name into N components: family;given;additional;prefix;suffix. */
export function splitName(name: string): [string, string, string, string, string] {
  let main = name.trim();
  let suffix = '';
  const comma = main.indexOf(',');
  if (comma > 0) {
    suffix = main.slice(comma + 1).trim();
    main = main.slice(0, comma).trim();
  }
  const parts = main.split(/\s+/).filter(Boolean);
  if (parts.length === 0) return ['', '', '', '', suffix];
  if (parts.length === 1) return ['', parts[0], '', '', suffix];
  const PARTICLES = /^(?:van|von|de|der|den|du|da|di|del|della|dos|das|la|le|bin|ibn|al|ter|ten)$/i;
  let f = parts.length - 1;
  while (f > 1 && PARTICLES.test(parts[f - 1])) f--;
  return [parts.slice(f).join(' '), parts.slice(0, f).join(' '), '', '', suffix];
}

/** N's components: the name's parts as a source gave them while they still make up the name, else splitName. */
export function nameComponents(p: Pick<Person, 'name' | 'givenName' | 'familyName'>): [string, string, string, string, string] {
  const given = p.givenName ?? '';
  const family = p.familyName ?? '';
  if ((given || family) && [given, family].filter(Boolean).join(' ') === p.name) return [family, given, '', '', ''];
  return splitName(p.name);
}

function revision(ms: number, version: VcardVersion): string {
  const iso = new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return version === '3.0' ? iso : iso.replace(/[-:]/g, '');
}

function uid(id: Id): string {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id) ? `urn:uuid:${id}` : id;
}

type Parts = ReturnType<typeof encounterParts>;

/** The field table's fields a vCard carries in NOTE and in an X- property of their own (the memory aids). */
const VCARD_FIELDS = PERSON_FIELD_NAMES.flatMap((name) => {
  const vcard = personField(name).vcard;
  return vcard ? [{ name, ...vcard }] : [];
});

/** The value of one of VCARD_FIELDS on a person, when it has one. */
function vcardValue(p: Person, name: (typeof VCARD_FIELDS)[number]['name']): string | undefined {
  const value = p[name];
  return typeof value === 'string' && value ? value : undefined;
}

function howWeMetNote(p: Person, met: Parts[]): string {
  const blocks: string[] = [];
  if (met.length > 0) {
    blocks.push(['How we met:', ...met.map((x) => encounterPartsLine(x, true))].join('\n'));
  }
  const f = p.followUp ?? {};
  if (f.due || f.cadenceDays || f.note) {
    const parts = [f.due, f.cadenceDays ? `every ${f.cadenceDays} days` : undefined, f.note].filter(Boolean);
    blocks.push(`Follow up: ${parts.join(' · ')}`);
  }
  const aids = VCARD_FIELDS.flatMap((f) => {
    const value = vcardValue(p, f.name);
    return value ? [`${f.note}: ${value}`] : [];
  });
  if (aids.length > 0) blocks.push(aids.join('\n'));
  if (p.notes) blocks.push(p.notes);
  return blocks.join('\n\n');
}

function card(
  lines: string[],
  p: Person,
  version: VcardVersion,
  list: Encounter[],
  photo: string | undefined,
  events: ReadonlyMap<Id, KithEvent>,
  people: ReadonlyMap<Id, Person>,
): void {
  lines.push('BEGIN:VCARD', `VERSION:${version}`);
  const add = (line: string) => lines.push(foldContentLine(line));
  const fn = p.name || p.keys[0] || p.id;
  add(`UID:${uid(p.id)}`);
  add(`FN:${escapeText(fn)}`);
  add(`N:${nameComponents(p).map(escapeText).join(';')}`);
  if (p.company) add(`ORG:${escapeText(p.company)}`);
  const title = p.position || p.headline;
  if (title) add(`TITLE:${escapeText(title)}`);
  if (p.email) add(version === '3.0' ? `EMAIL;TYPE=INTERNET:${escapeText(p.email)}` : `EMAIL:${escapeText(p.email)}`);
  for (const { site, url } of profileUrls(p)) {
    add(`URL:${url}`);
    add(
      version === '3.0'
        ? `X-SOCIALPROFILE;TYPE=${site}:${url}`
        : `SOCIALPROFILE;SERVICE-TYPE=${SITE_NAMES[site]}:${url}`,
    );
  }
  if (p.tags.length > 0) add(`CATEGORIES:${p.tags.map(escapeText).join(',')}`);
  const met = list.map((e) => encounterParts(e, events, people));
  const note = howWeMetNote(p, met);
  if (note) add(`NOTE:${escapeText(note)}`);
  const introducers: string[] = [];
  met.forEach((x, i) => {
    const fields = [x.date, list[i].kind, x.place ?? '', x.event ?? '', x.introducedBy ?? '', x.note ?? ''];
    add(`X-KITH-HOW-WE-MET:${fields.map(escapeText).join(';')}`);
    if (x.introducedBy && !introducers.includes(x.introducedBy)) introducers.push(x.introducedBy);
  });
  for (const name of introducers) add(`X-KITH-INTRODUCED-BY:${escapeText(name)}`);
  for (const key of p.keys) add(`X-KITH-KEY:${escapeText(key)}`);
  for (const f of VCARD_FIELDS) {
    const value = vcardValue(p, f.name);
    if (value) add(`${f.property}:${escapeText(value)}`);
  }
  if (photo) {
    const m = /^data:image\/(jpeg|png|webp);base64,(.*)$/s.exec(photo);
    if (m) {
      const line = version === '3.0' ? `PHOTO;ENCODING=b;TYPE=${m[1].toUpperCase()}:${m[2]}` : `PHOTO:${photo}`;
      lines.push(foldContentLine(line, true));
    }
  }
  add(`REV:${revision(p.updatedAt, version)}`);
  lines.push('END:VCARD');
}

/** One vCard per person, sorted by name, CRLF line endings, lines folded at 75 octets. */
export function exportVcards(data: KithData, version: VcardVersion = '3.0'): string {
  const events = indexById(data.events);
  const people = indexById(data.people);
  const encounters = groupByPerson(data.encounters);
  const photos = new Map<Id, string>();
  for (const ph of data.photos) photos.set(ph.personId, ph.dataUrl);
  const sorted = [...data.people].sort((a, b) => {
    const x = a.sortName || a.name;
    const y = b.sortName || b.name;
    if (x !== y) return x < y ? -1 : 1;
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  });
  // Lines are joined in chunks of a few hundred cards: one growing array of every line of 30,000 cards
  // keeps hundreds of thousands of small strings alive, which the garbage collector then copies.
  const chunks: string[] = [];
  let lines: string[] = [];
  for (const p of sorted) {
    const list = (encounters.get(p.id) ?? []).slice().sort(compareEncounters);
    card(lines, p, version, list, photos.get(p.id), events, people);
    if (lines.length > 5000) {
      chunks.push(lines.join(CRLF) + CRLF);
      lines = [];
    }
  }
  if (lines.length > 0) chunks.push(lines.join(CRLF) + CRLF);
  return chunks.join('');
}
