/**
 * Deterministic data sets for the benchmark: the same seed (and the same `today`) always gives the same
 * bytes. Realistic shapes: names from a dozen languages with their diacritics, long LinkedIn-style
 * headlines, many tags, several encounters per person at named events, introductions, a few faces, and
 * follow-ups spread so that a realistic few hundred are overdue or due today.
 *
 * Pure (no browser, no file system): the unit tests import it, and the runner serialises what it makes
 * with the product's own exportBackup.
 */
import { deflateSync } from 'node:zlib';
import type { Encounter, EncounterKind, KithData, KithEvent, Person, Photo } from '../../utils/model/types.ts';
import { addDays } from '../../utils/dates.ts';
import { fold } from '../../utils/text.ts';

// ---------------------------------------------------------------------------------------------
// Random numbers

/** A seeded PRNG (sfc32 seeded through cyrb128): fast, good enough, identical on every platform. */
export interface Rng {
  /** A float in [0, 1). */
  next(): number;
  int(min: number, max: number): number;
  pick<T>(list: readonly T[]): T;
  chance(p: number): boolean;
  /** `n` distinct items of the list (n <= list.length). */
  sample<T>(list: readonly T[], n: number): T[];
}

function cyrb128(str: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < str.length; i++) {
    const k = str.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

export function rng(seed: string): Rng {
  let [a, b, c, d] = cyrb128(seed);
  const next = () => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 15; i++) next();
  const r: Rng = {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (list) => list[Math.floor(next() * list.length)],
    chance: (p) => next() < p,
    sample: (list, n) => {
      const copy = [...list];
      for (let i = 0; i < n; i++) {
        const j = i + Math.floor(next() * (copy.length - i));
        [copy[i], copy[j]] = [copy[j], copy[i]];
      }
      return copy.slice(0, n);
    },
  };
  return r;
}

// ---------------------------------------------------------------------------------------------
// Vocabulary

/** First names, the common ones more than once (weights), from the languages Kith's users meet. */
const FIRST_NAMES = [
  ...Array(6).fill('Anna'), ...Array(3).fill('Anne'), 'Ann', 'Annika', 'Anneliese', 'Antoni', 'Andrzej', 'András', 'André', 'Andrea',
  ...Array(3).fill('Piotr'), 'Paweł', 'Łukasz', 'Łucja', 'Małgorzata', 'Agnieszka', 'Katarzyna', 'Krzysztof', 'Wojciech', 'Zofia',
  'Przemysław', 'Grzegorz', 'Jędrzej', 'Bartłomiej', 'Michał', 'Jürgen', 'Jörg', 'Günther', 'Björn', 'Søren', 'Åsa', 'Øystein',
  'Émilie', 'Hélène', 'François', 'Anaïs', 'Zoë', 'Chloé', 'Noémie', 'José', 'María', 'Íñigo', 'Begoña', 'Jesús', 'Sofía', 'João',
  'Conceição', 'Jiří', 'Tomáš', 'Lukáš', 'Šárka', 'Dóra', 'Zoltán', 'Gülşen', 'Çağla', 'Ömer', 'İlker', 'Nguyễn', 'Thảo', 'Saoirse',
  'Siobhán', 'Seán', 'Niamh', 'Olaf', 'Ingrid', 'Maja', 'Marta', 'Magdalena', 'Aleksandra', 'Olga', 'Ewa', 'Tomasz', 'Jakub', 'Jan',
  'Mateusz', 'Kamil', 'David', 'Daniel', 'Sarah', 'Emma', 'Olivia', 'Liam', 'Noah', 'James', 'Mary', 'Robert', 'Michael', 'Elena',
  'Luca', 'Giulia', 'Francesca', 'Matteo', 'Ahmed', 'Fatima', 'Aisha', 'Priya', 'Rahul', 'Arjun', 'Wei', 'Mei', 'Hiroshi', 'Yuki',
  'Kwame', 'Chiamaka', 'Oluwaseun', 'Thabo', 'Lerato', 'Mateo', 'Valentina', 'Camila', 'Santiago', 'Eduardo', 'Beatriz', 'Rui',
];

const LAST_NAMES = [
  ...Array(4).fill('Nowak'), 'Kowalski', 'Kowalska', 'Wiśniewska', 'Wójcik', 'Kamiński', 'Lewandowska', 'Zieliński', 'Szymańska',
  'Woźniak', 'Dąbrowski', 'Kozłowska', 'Jankowski', 'Mazur', 'Wojciechowska', 'Kwiatkowski', 'Krawczyk', 'Piotrowska', 'Grabowski',
  'Żółć', 'Łęcka', 'Ślązak', 'Pająk', 'Müller', 'Schröder', 'Größe', 'Köhler', 'Bäcker', 'Weiß', 'Fischer', 'Hoffmann', 'Lefèvre',
  'Dubois', 'Girard', 'Bérénger', 'Lemaître', 'Núñez', 'Peña', 'García', 'Martínez', 'Rodríguez', 'Muñoz', 'Gonçalves', 'Simões',
  'Magalhães', 'Dvořák', 'Novotný', 'Černá', 'Procházka', 'Kovács', 'Szabó', 'Tóth', 'Şahin', 'Çelik', 'Yılmaz', 'Öztürk',
  'Nguyễn', 'Trần', 'Lê', "O'Brien", 'Ó Súilleabháin', 'MacGiolla', 'Søndergaard', 'Ødegaard', 'Åkesson', 'Lindström', 'Bergqvist',
  'Johansson', 'Nielsen', 'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Miller', 'Davis', 'Rossi', 'Bianchi', 'Esposito',
  'Ferrari', 'Khan', 'Patel', 'Sharma', 'Wang', 'Li', 'Zhang', 'Tanaka', 'Suzuki', 'Mensah', 'Okafor', 'Adeyemi', 'Dlamini',
  'Alvarez Nowak', 'van der Berg', 'de la Cruz', 'Stone', 'Nowak-Jeziorańska', 'Smith-Łukasiewicz',
];

const COMPANIES = [
  'Acme', 'Allegro', 'CD Projekt', 'Żabka', 'Booksy', 'DocPlanner', 'Brainly', 'ElevenLabs', 'Spotify', 'Klarna', 'Zalando',
  'SAP', 'Siemens', 'Bosch', 'Škoda Auto', 'Volvo Cars', 'Nordea', 'Revolut', 'N26', 'Wise', 'Google', 'Microsoft', 'Amazon',
  'Meta', 'Stripe', 'Shopify', 'Atlassian', 'Canva', 'Miro', 'Pipedrive', 'Bolt', 'Uber', 'Deloitte', 'McKinsey & Company',
  'Boston Consulting Group', 'Orlen', 'PKO Bank Polski', 'mBank', 'Santander', 'BNP Paribas', 'Société Générale', 'L’Oréal',
  'Café Nero', 'Müller & Söhne GmbH', 'Grupa Żywiec', 'Fundacja Przedsiębiorczości', 'Politechnika Warszawska',
  'Uniwersytet Jagielloński', 'ETH Zürich', 'Sorbonne Université', 'Novare Potential', 'Stone Labs', 'Ørsted', 'Equinor',
];

const ROLES = [
  'CEO', 'CTO', 'COO', 'Founder', 'Co-founder', 'Head of Partnerships', 'Head of Product', 'VP Engineering', 'Product Manager',
  'Senior Software Engineer', 'Staff Engineer', 'Engineering Manager', 'Data Scientist', 'UX Researcher', 'Design Lead',
  'Investment Manager', 'Partner', 'Principal', 'Business Development Manager', 'Account Executive', 'Sales Director',
  'Marketing Manager', 'Growth Lead', 'Community Manager', 'Recruiter', 'Talent Partner', 'HR Business Partner', 'Legal Counsel',
  'Doctoral Researcher', 'Professor', 'Consultant', 'Advisor', 'Board Member', 'Tech Education Lead', 'Frontend Developer',
];

const HEADLINE_EXTRAS = [
  'Climate tech investor', 'Mentor at Grow Up Start Up', 'Speaker', 'Ex-Google', 'Angel investor', 'Building in public',
  'Helping founders raise seed rounds', 'AI & ML', 'Open-source maintainer', 'Forbes 30 Under 30', 'PhD', 'MBA',
  'Board member at Fundacja Przedsiębiorczości', 'Fintech', 'Healthtech', 'B2B SaaS', 'Marketplaces', 'DevRel', 'Web3 sceptic',
  'Ultramarathoner', 'Dad of three', 'Żeglarz', 'Kaffeeliebhaber', 'Passionné d’innovation', 'Hiring engineers in Warsaw & Kraków',
  'TEDx speaker', 'Author of “Scaling Teams”', 'Product-led growth', 'Deeptech', 'Impact investing', 'ESG', 'Cybersecurity',
];

const CITIES = [
  'Warsaw, Mazowieckie, Poland', 'Kraków, Małopolskie, Poland', 'Wrocław, Dolnośląskie, Poland', 'Gdańsk, Pomorskie, Poland',
  'Poznań, Wielkopolskie, Poland', 'Łódź, Łódzkie, Poland', 'Berlin, Germany', 'München, Bayern, Germany', 'Zürich, Switzerland',
  'Wien, Austria', 'Praha, Czechia', 'Budapest, Hungary', 'Paris, Île-de-France, France', 'Lyon, France', 'Madrid, Spain',
  'Barcelona, Catalonia, Spain', 'Lisboa, Portugal', 'São Paulo, Brazil', 'Stockholm, Sweden', 'Göteborg, Sweden',
  'København, Denmark', 'Oslo, Norway', 'Helsinki, Finland', 'London, England, United Kingdom', 'Dublin, Ireland',
  'New York, New York, United States', 'San Francisco Bay Area', 'Toronto, Ontario, Canada', 'İstanbul, Türkiye',
  'Hà Nội, Vietnam', 'Bengaluru, Karnataka, India', 'Lagos, Nigeria', 'Greater Stockholm Metropolitan Area',
];

const TAGS = [
  'investor', 'founder', 'climate', 'fintech', 'ai', 'hiring', 'candidate', 'mentor', 'speaker', 'press', 'customer', 'partner',
  'warsaw', 'kraków', 'berlin', 'remote', 'sailing', 'running', 'coffee', 'intro-wanted', 'owes-me-a-favour', 'vc', 'angel',
  'seed', 'series-a', 'b2b', 'saas', 'design', 'engineering', 'product', 'sales', 'marketing', 'legal', 'academia', 'ngo',
  'grow-up-start-up-2024', 'infoshare-2023', 'web-summit', 'slush', 'vivatech', 'follow-up-q3', 'met-twice', 'alumni',
  'polish-diaspora', 'łódź-meetup', 'zürich', 'münchen', 'ça-va', 'señor-dev', 'przyjaciel', 'konferencja', 'targi',
];

const EVENT_NAMES = [
  'Grow Up Start Up', 'Infoshare', 'Web Summit', 'Slush', 'VivaTech', 'Bits & Pretzels', 'TechCrunch Disrupt', 'Wolves Summit',
  'Impact’24', 'Perspektywy Women in Tech', 'Kongres Przedsiębiorczości', 'Startup Grind Warszawa', 'Aspire Kraków Meetup',
  'Łódź JS', 'WarsawJS', 'Devoxx Poland', 'JDD Kraków', 'Pixel Heaven', 'Złote Tarasy Networking Breakfast', 'Founders Dinner',
  'Gdańsk Tech Summit', 'Nordic Fintech Week', 'Zürich Innovation Day', 'Salon de l’Innovation', 'Semana de la Ciencia',
];

const PLACES = [
  'Warsaw, Pałac Kultury i Nauki', 'Kraków, ICE Congress Centre', 'Gdańsk, AmberExpo', 'Berlin, Station', 'Lisboa, Altice Arena',
  'Helsinki, Messukeskus', 'Paris, Porte de Versailles', 'Café Kafka, Warsaw', 'Coffee queue at Złote Tarasy', 'Friend’s wedding',
  'Co-working Mindspace, Wrocław', 'Train Warszawa → Kraków', 'München, Hauptbahnhof', 'Zürich, Kunsthaus', 'A bar in Kazimierz',
];

const ENCOUNTER_NOTES = [
  'Talked about sailing on the Masurian lakes; wants the pilot deck.',
  'Interested in a pilot next quarter. Send the case study.',
  'Knows everyone at the Warsaw climate funds; offered an intro to Anna.',
  'Hiring two senior engineers — maybe a fit for Łukasz?',
  'Spoke after my talk; asked for the slides.',
  'Long chat about rowerowe trasy and the Kraków startup scene.',
  'Wants feedback on their deck before the seed round.\nFollow up after the holidays.',
  'Met in the queue for coffee. Works on heat pumps (Ørsted spin-off).',
];

const FOLLOW_UP_NOTES = [
  'send the pilot deck', 'introduce to Anna', 'ask about the seed round', 'share the case study', 'coffee in Kraków',
  'congratulate on the new role', 'send the slides', 'check in after the holidays', 'zaproszenie na konferencję',
];

const NOTES = [
  '',
  '',
  '',
  'Prefers WhatsApp over e-mail. Two kids; loves the Tatra mountains.',
  'Former colleague of Piotr at Allegro. Very direct; likes short e-mails.\nBirthday in June.',
  'Vegetarian. Runs the Warsaw half-marathon every year.',
  'Met through the Fundacja Przedsiębiorczości mentoring programme.',
];

const KINDS: EncounterKind[] = ['in-person', 'in-person', 'in-person', 'event', 'event', 'call', 'video', 'message', 'email', 'other'];

// ---------------------------------------------------------------------------------------------
// Helpers

const DAY_MS = 86_400_000;

/** A LinkedIn-style slug of a name, folded as Kith folds search words ("Łukasz Żółć" -> "lukasz-zolc"). */
export function slugOf(name: string): string {
  return fold(name.replace(/ı/g, 'i'))
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** A stable id that looks like crypto.randomUUID(), from the PRNG. */
function uuid(r: Rng): string {
  const hex = (n: number) => {
    let s = '';
    for (let i = 0; i < n; i++) s += Math.floor(r.next() * 16).toString(16);
    return s;
  };
  return `${hex(8)}-${hex(4)}-4${hex(3)}-${'89ab'[r.int(0, 3)]}${hex(3)}-${hex(12)}`;
}

function headline(r: Rng, role: string, company: string): string {
  const parts = [`${role} at ${company}`];
  const extras = r.sample(HEADLINE_EXTRAS, r.int(0, 6));
  parts.push(...extras);
  // LinkedIn caps headlines at 220 characters.
  let text = parts.join(' | ');
  while (text.length > 220) text = text.slice(0, text.lastIndexOf(' | '));
  return text;
}

// ---------------------------------------------------------------------------------------------
// Photos: small real PNG thumbnails (a face-coloured gradient with a little noise), a few KB each.

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** A size x size RGB PNG as a data: URL. */
function thumbnailPng(r: Rng, size = 40): string {
  const [br, bg, bb] = [r.int(120, 240), r.int(90, 200), r.int(70, 180)];
  const raw = Buffer.alloc(size * (size * 3 + 1));
  let o = 0;
  for (let y = 0; y < size; y++) {
    raw[o++] = 0; // filter: none
    for (let x = 0; x < size; x++) {
      const dx = x - size / 2;
      const dy = y - size / 2.6;
      const face = dx * dx + dy * dy < (size * size) / 9 ? 30 : -25;
      const noise = r.int(-5, 5);
      raw[o++] = Math.max(0, Math.min(255, br + face + noise));
      raw[o++] = Math.max(0, Math.min(255, bg + face + noise));
      raw[o++] = Math.max(0, Math.min(255, bb + face + noise));
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // truecolour
  const png = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', new Uint8Array(0)),
  ]);
  return `data:image/png;base64,${png.toString('base64')}`;
}

// ---------------------------------------------------------------------------------------------
// The data set

/** Someone the benchmark needs at a known profile URL (the saved page, the SPA's people). */
export interface PinnedPerson {
  slug: string;
  name: string;
  headline?: string;
  company?: string;
}

export interface GenerateOptions {
  seed: string;
  people: number;
  /** The local day the run happens on ('YYYY-MM-DD'): follow-ups are placed around it. */
  today: string;
  pinned?: PinnedPerson[];
  /** Share of people with a stored face (default 0.03); the ones due soon have one more often. */
  photoShare?: number;
}

/** How follow-ups are spread, as shares of all people (100,000 people: ~300 overdue, ~60 due today). */
export const FOLLOW_UP_SHARES = { overdue: 0.003, today: 0.0006, week: 0.005, later: 0.03 } as const;

/**
 * A whole store: people with several encounters each (0-5, mean ~1.35), events, faces. Deterministic:
 * the same options give deep-equal data (and so byte-equal backups).
 */
export function generateKithData(opts: GenerateOptions): KithData {
  const r = rng(`kith-bench:${opts.seed}`);
  const photoShare = opts.photoShare ?? 0.03;
  const base = Date.parse(`${opts.today}T12:00:00Z`);

  const events: KithEvent[] = [];
  for (const name of EVENT_NAMES) {
    for (const year of [2022, 2023, 2024, 2025]) {
      const startDay = addDays(`${year}-01-01`, r.int(20, 330));
      const createdAt = Date.parse(`${startDay}T09:00:00Z`);
      const ev: KithEvent = {
        id: uuid(r),
        name: `${name} ${year}`,
        start: startDay,
        end: addDays(startDay, r.int(0, 2)),
        place: r.pick(PLACES),
        createdAt,
        updatedAt: createdAt,
      };
      if (r.chance(0.5)) ev.url = `https://example.org/events/${slugOf(name)}-${year}`;
      if (r.chance(0.3)) ev.notes = 'Booth 14 next to the coffee. Badge pickup from 8:00.';
      events.push(ev);
    }
  }
  events.sort((a, b) => (a.id < b.id ? -1 : 1));

  const people: Person[] = [];
  const encounters: Encounter[] = [];
  const photos: Photo[] = [];
  const usedSlugs = new Set<string>();
  const pinned = opts.pinned ?? [];

  for (let i = 0; i < opts.people; i++) {
    const pin = pinned[i];
    const name = pin?.name ?? `${r.pick(FIRST_NAMES)} ${r.pick(LAST_NAMES)}`;
    let slug = pin?.slug ?? `${slugOf(name)}-${(i * 2654435761 >>> 0).toString(36)}`;
    while (usedSlugs.has(slug)) slug += '-x';
    usedSlugs.add(slug);
    const company = pin?.company ?? r.pick(COMPANIES);
    const role = r.pick(ROLES);
    const createdAt = base - r.int(1400, 3000) * DAY_MS - r.int(0, DAY_MS - 1);
    const person: Person = {
      id: uuid(r),
      keys: [`linkedin:${slug}`],
      name,
      headline: pin?.headline ?? headline(r, role, company),
      company,
      position: role,
      location: r.pick(CITIES),
      urls: { linkedin: `https://www.linkedin.com/in/${encodeURIComponent(slug)}/` },
      tags: r.sample(TAGS, r.chance(0.3) ? 0 : r.int(1, 12)),
      notes: r.pick(NOTES),
      followUp: {},
      terms: [],
      sortName: '',
      createdAt,
      updatedAt: createdAt,
    };
    if (r.chance(0.1)) person.keys.push(`linkedin-member:${r.int(10_000_000, 999_999_999)}`);
    if (r.chance(0.08)) person.email = `${slug.split('-')[0]}@example.com`;
    if (r.chance(0.6)) person.connectedOn = addDays(opts.today, -r.int(30, 3000));

    // Follow-ups: overdue, today, this week, later, or none.
    const f = r.next();
    let due: string | undefined;
    const s = FOLLOW_UP_SHARES;
    if (f < s.overdue) due = addDays(opts.today, -r.int(1, 60));
    else if (f < s.overdue + s.today) due = opts.today;
    else if (f < s.overdue + s.today + s.week) due = addDays(opts.today, r.int(1, 7));
    else if (f < s.overdue + s.today + s.week + s.later) due = addDays(opts.today, r.int(8, 365));
    if (due) {
      person.followUp.due = due;
      if (r.chance(0.5)) person.followUp.cadenceDays = r.pick([7, 14, 30, 60, 90, 180]);
      if (r.chance(0.6)) person.followUp.note = r.pick(FOLLOW_UP_NOTES);
    }

    // Encounters: most people were met once or twice; some many times; some never (imported connections).
    const n = pin ? 3 : r.chance(0.35) ? 0 : r.chance(0.77) ? r.int(1, 2) : r.int(3, 5);
    let last: string | undefined;
    for (let k = 0; k < n; k++) {
      const kind = r.pick(KINDS);
      const back = r.int(1, 1400);
      const date = r.chance(0.07) ? addDays(opts.today, -back).slice(0, 7) : addDays(opts.today, -back);
      const at = base - back * DAY_MS;
      const e: Encounter = { id: uuid(r), personId: person.id, date, kind, createdAt: at, updatedAt: at };
      if (kind === 'event' || (kind === 'in-person' && r.chance(0.4))) e.eventId = r.pick(events).id;
      if (kind === 'in-person' || kind === 'event') e.place = r.pick(PLACES);
      if (people.length > 0 && r.chance(0.1)) e.introducedById = people[r.int(0, people.length - 1)].id;
      else if (r.chance(0.05)) e.introducedByName = `${r.pick(FIRST_NAMES)} ${r.pick(LAST_NAMES)}`;
      if (r.chance(0.4)) e.note = r.pick(ENCOUNTER_NOTES);
      encounters.push(e);
      if (date.length === 10 && (!last || date > last)) last = date;
    }
    if (last) person.lastTouch = last;
    const dueSoon = due !== undefined && due <= addDays(opts.today, 7);
    if (r.chance(dueSoon ? 0.7 : photoShare)) {
      person.hasPhoto = true;
      photos.push({ personId: person.id, dataUrl: thumbnailPng(r), updatedAt: createdAt });
    }
    people.push(person);
  }
  return { people, encounters, events, photos, voiceNotes: [], drillCards: [], drillReviews: [] };
}

/**
 * Splits a store into parts a backup import accepts (the background refuses texts over 100 M
 * characters): people (with their encounters and faces) divided in `parts`, every event in each part.
 */
export function splitData(data: KithData, parts: number): KithData[] {
  const out: KithData[] = [];
  const per = Math.ceil(data.people.length / parts);
  const byPerson = new Map<string, Encounter[]>();
  for (const e of data.encounters) {
    const list = byPerson.get(e.personId);
    if (list) list.push(e);
    else byPerson.set(e.personId, [e]);
  }
  const photoOf = new Map(data.photos.map((p) => [p.personId, p]));
  for (let i = 0; i < parts; i++) {
    const people = data.people.slice(i * per, (i + 1) * per);
    out.push({
      people,
      encounters: people.flatMap((p) => byPerson.get(p.id) ?? []),
      events: data.events,
      photos: people.flatMap((p) => (photoOf.has(p.id) ? [photoOf.get(p.id)!] : [])),
      voiceNotes: [],
      drillCards: [],
      drillReviews: [],
    });
  }
  return out.filter((d) => d.people.length > 0);
}

// ---------------------------------------------------------------------------------------------
// LinkedIn's Connections.csv

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function csvCell(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/**
 * A Connections.csv as LinkedIn writes it: BOM, the notes preamble, the header, CRLF rows, quoted
 * commas and doubled quotes, mostly empty e-mails, `12 Mar 2024` dates, a few empty rows. Every row has
 * a distinct profile URL.
 */
export function generateConnectionsCsv(opts: { seed: string; rows: number; today: string }): string {
  const r = rng(`kith-bench-csv:${opts.seed}`);
  const lines = [
    '\ufeffNotes:',
    '"When exporting your connection data, you may notice that some of the email addresses are missing. You will only see email addresses for connections who have allowed their connections to see or download their email address using this setting https://www.linkedin.com/psettings/privacy/email. You can learn more here https://www.linkedin.com/help/linkedin/answer/261"',
    '',
    'First Name,Last Name,URL,Email Address,Company,Position,Connected On',
  ];
  for (let i = 0; i < opts.rows; i++) {
    const first = r.pick(FIRST_NAMES);
    const last = r.pick(LAST_NAMES);
    const slug = `${slugOf(`${first} ${last}`)}-${(i * 2654435761 >>> 0).toString(36)}c`;
    const company = r.chance(0.1) ? `${r.pick(COMPANIES)}, Inc.` : r.chance(0.03) ? `The "${r.pick(COMPANIES)}" Group` : r.pick(COMPANIES);
    const position = r.chance(0.2) ? `${r.pick(ROLES)}, ${r.pick(HEADLINE_EXTRAS)}` : r.pick(ROLES);
    const day = addDays(opts.today, -r.int(1, 5000));
    const [y, m, d] = day.split('-');
    const email = r.chance(0.05) ? `${slug.split('-')[0]}@example.com` : '';
    lines.push(
      [first, last, `https://www.linkedin.com/in/${encodeURIComponent(slug)}`, email, company, position, `${d} ${MONTHS[Number(m) - 1]} ${y}`]
        .map(csvCell)
        .join(','),
    );
    if (r.chance(0.001)) lines.push('');
  }
  return lines.join('\r\n') + '\r\n';
}

// ---------------------------------------------------------------------------------------------
// Search as you type

/** Typed in the popup's search box: names with and without diacritics, a company, an event, a place. */
export const TYPED = ['anna nowak', 'łukasz', 'jürgen m', 'acme', 'grow up', 'zurich'];

/** Every prefix of each typed text: what a person typing it sends, one search per keystroke. */
export function keystrokes(texts: readonly string[]): string[] {
  const out: string[] = [];
  for (const t of texts) for (let i = 1; i <= t.length; i++) if (t.slice(0, i).trim()) out.push(t.slice(0, i));
  return out;
}
