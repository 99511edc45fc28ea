// The store screenshots (docs/screenshots/, 1280×800): every surface of the built extension, in English
// and Polish (Chromium's --lang and locale, as tests/e2e/polish.spec.ts runs it), light and dark
// (prefers-color-scheme), on the fixture profile page of tests/e2e/spa-page.ts, with people seeded
// through Kith's own messages as the browser tests seed them.
//
//   npm run build && npm run screenshots        (or: npm run screenshots -- --only sidebar,popup)
//
// Surfaces: the sidebar on a profile page, the side panel beside a profile page, the popup over a
// profile page, the network page, the options page, and the drill page when the build has one.
// The side panel is Kith's sidepanel.html in a window of its own (Chromium's headless side panel has
// nothing to screenshot), put beside the page it follows; the popup is popup.html at its own size, put
// where the toolbar would open it. Faces are drawn here (no photo of anyone is used).
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { EXTENSION_DIR, kith, launch, removeDir, serviceWorker, sidebarFrame } from '../tests/e2e/fixtures.ts';
import { spaPage } from '../tests/e2e/spa-page.ts';
import { addDays, localDay } from '../utils/dates.ts';

const OUT = resolve('docs/screenshots');
const WIDTH = 1280;
const HEIGHT = 800;
/** About as wide as Chrome opens its side panel, and the popup's own width (entrypoints/popup/style.css). */
const PANEL_WIDTH = 400;
const POPUP_WIDTH = 380;
const POPUP_MAX_HEIGHT = 600;
const LANGUAGES = [
  { lang: 'en', locale: 'en-US' },
  { lang: 'pl', locale: 'pl-PL' },
];
const THEMES = ['light', 'dark'];
const args = process.argv.slice(2);
const onlyArg = args.includes('--only') ? args[args.indexOf('--only') + 1] : args.find((a) => a.startsWith('--only='))?.slice('--only='.length);
const only = onlyArg?.split(',');
const wanted = (surface) => !only || only.includes(surface);

/** What the user typed, in the user's language: notes, tags and what was promised. */
const WORDS = {
  en: {
    annaNote: 'Wants the pilot deck before the board meets; sails on the Masurian lakes.',
    annaCall: 'Pilot scope: two warehouses, start in September.',
    annaPromise: 'send the pilot deck',
    annaNotes: 'Prefers e-mail to calls. Her team: Ola (ops), Marcin (data).',
    piotrNote: 'Invests in climate and fintech, pre-seed and seed.',
    piotrPromise: 'introduce to Julia',
    kasiaNote: 'Met in the coffee queue; looking for a data engineer.',
    tomekNote: 'Asked for feedback on the onboarding redesign.',
    juliaNote: 'Building soil sensors for farms; raising a seed round.',
    zofiaNote: 'Runs the Vistula Ventures office hours on Thursdays.',
    janNote: 'Swapped growth war stories.',
    marekNote: 'Hiring engineers in Gdańsk.',
    tags: { partner: 'partner', climate: 'climate', investor: 'investor', hiring: 'hiring', design: 'design', founder: 'founder' },
  },
  pl: {
    annaNote: 'Chce zobaczyć prezentację pilotażu przed posiedzeniem zarządu; żegluje po Mazurach.',
    annaCall: 'Zakres pilotażu: dwa magazyny, start we wrześniu.',
    annaPromise: 'wysłać prezentację pilotażu',
    annaNotes: 'Woli e-maile niż telefony. Jej zespół: Ola (operacje), Marcin (dane).',
    piotrNote: 'Inwestuje w klimat i fintech, pre-seed i seed.',
    piotrPromise: 'przedstawić Julii',
    kasiaNote: 'Poznane w kolejce po kawę; szuka inżyniera danych.',
    tomekNote: 'Prosi o uwagi do nowego onboardingu.',
    juliaNote: 'Buduje czujniki gleby dla gospodarstw; zbiera rundę seed.',
    zofiaNote: 'Prowadzi dyżury Vistula Ventures w czwartki.',
    janNote: 'Wymiana historii o growth.',
    marekNote: 'Zatrudnia inżynierów w Gdańsku.',
    tags: { partner: 'partner', climate: 'klimat', investor: 'inwestor', hiring: 'rekrutacja', design: 'design', founder: 'założycielka' },
  },
};

/** The people on the fixture site, each with a face drawn from these colours. */
const PEOPLE = [
  { slug: 'anna-nowak', name: 'Anna Nowak', headline: 'Head of Partnerships at Acme Climate · Logistics that pollute less', company: 'Acme Climate', location: 'Warsaw, Poland', face: ['#f2c7a5', '#6b3e26', '#2f6f8f', '#d9ecf2', 'long'] },
  { slug: 'piotr-zielinski', name: 'Piotr Zieliński', headline: 'Angel investor · Climate and fintech', company: 'Zieliński Capital', location: 'Warsaw, Poland', face: ['#e8b896', '#2b2b2b', '#44546a', '#e6e0f5', 'short'] },
  { slug: 'katarzyna-wisniewska', name: 'Katarzyna Wiśniewska', headline: 'CTO at Lumen Health', company: 'Lumen Health', location: 'Kraków, Poland', face: ['#f6d3b8', '#c9873e', '#8f3b4e', '#f5e6d8', 'bob'] },
  { slug: 'tomasz-lewandowski', name: 'Tomasz Lewandowski', headline: 'Product designer · Onboarding and growth', company: 'Plenti', location: 'Wrocław, Poland', face: ['#d9a27e', '#5a3a22', '#3f7d58', '#e3f1e6', 'short'] },
  { slug: 'julia-kaminska', name: 'Julia Kamińska', headline: 'Founder at Sensorik · Soil sensors for farms', company: 'Sensorik', location: 'Poznań, Poland', face: ['#f0c2a0', '#1f1a17', '#b0552d', '#fbe9dc', 'long'] },
  { slug: 'zofia-dabrowska', name: 'Zofia Dąbrowska', headline: 'Associate at Vistula Ventures', company: 'Vistula Ventures', location: 'Warsaw, Poland', face: ['#c68b64', '#3a2418', '#2e4a7d', '#dfe7f6', 'bun'] },
  { slug: 'jan-mazur', name: 'Jan Mazur', headline: 'Growth at Plenti', company: 'Plenti', location: 'Warsaw, Poland', face: ['#efc09b', '#8a5a2b', '#6d6d6d', '#ececec', 'short'] },
  { slug: 'marek-wojcik', name: 'Marek Wójcik', headline: 'Engineering manager at Nordlys', company: 'Nordlys', location: 'Gdańsk, Poland', face: ['#e2ad88', '#4a4a4a', '#1f5f6b', '#d7eef0', 'bald'] },
];
const photoUrl = (slug) => `https://media.licdn.com/dms/image/${slug}/profile-displayphoto-shrink_400_400/0/1`;
const profileUrl = (slug) => `https://www.linkedin.com/in/${slug}/`;

/** An illustrated face as an SVG: skin, hair, shirt, background, hair style. */
function faceSvg([skin, hair, shirt, background, style]) {
  const hairShapes = {
    long: `<path d="M118 210 C110 110 290 110 282 210 L296 330 L104 330 Z" fill="${hair}"/>`,
    bob: `<path d="M122 215 C112 110 288 110 278 215 L282 268 L118 268 Z" fill="${hair}"/>`,
    bun: `<circle cx="200" cy="92" r="34" fill="${hair}"/>`,
    short: '',
    bald: '',
  };
  const top = style === 'bald' ? '' : `<path d="M132 190 C128 112 272 112 268 190 C250 150 150 150 132 190 Z" fill="${hair}"/>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="400" height="400" viewBox="0 0 400 400">
<rect width="400" height="400" fill="${background}"/>${hairShapes[style]}
<path d="M70 400 C80 300 320 300 330 400 Z" fill="${shirt}"/>
<rect x="176" y="250" width="48" height="50" rx="18" fill="${skin}"/>
<ellipse cx="200" cy="200" rx="70" ry="82" fill="${skin}"/>${top}
<circle cx="176" cy="205" r="6" fill="#2a2a2a"/><circle cx="224" cy="205" r="6" fill="#2a2a2a"/>
<path d="M178 242 Q200 258 222 242" stroke="#8a4b3c" stroke-width="5" fill="none" stroke-linecap="round"/>
</svg>`;
}

/** The fixture profile site (tests/e2e/spa-page.ts) with a calm stylesheet instead of its hostile one. */
function profileSite() {
  const html = spaPage(PEOPLE.map((p) => ({ slug: p.slug, name: p.name, headline: p.headline, company: p.company, photo: photoUrl(p.slug) })));
  const calm = `<style>
:root { color-scheme: light dark; --bg: #f4f2ee; --card: #fff; --text: #1d1d1d; --muted: #666; --line: #e0dfdc; --accent: #0a66c2; --skeleton: #eceae6; }
@media (prefers-color-scheme: dark) { :root { --bg: #1b1f23; --card: #2a2f35; --text: #e9e9e9; --muted: #a8a8a8; --line: #3a4047; --accent: #71b7fb; --skeleton: #353b42; } }
body { margin: 0; font: 15px/1.45 system-ui, sans-serif; background: var(--bg); color: var(--text); }
header { height: 52px; background: var(--card); border-bottom: 1px solid var(--line); display: flex; align-items: center; padding: 0 32px; }
header a { color: var(--muted); text-decoration: none; font-weight: 600; }
main { max-width: 640px; margin: 24px 0 0 48px; }
section { background: var(--card); border: 1px solid var(--line); border-radius: 10px; overflow: hidden; padding: 0 24px 24px; position: relative; }
section::before { content: ''; display: block; height: 120px; margin: 0 -24px; background: linear-gradient(120deg, #7aa6c2, #b6d3c5); }
section img { width: 128px; height: 128px; border-radius: 50%; border: 4px solid var(--card); margin-top: -64px; display: block; }
h1 { font-size: 26px; margin: 12px 0 2px; }
.text-body-medium { font-size: 16px; }
section button { margin: 10px 0; font: inherit; font-weight: 600; background: none; border: 0; padding: 0; color: var(--text); }
section a { display: block; color: var(--accent); font-weight: 600; text-decoration: none; }
main::after { content: ''; display: block; margin-top: 12px; height: 260px; border: 1px solid var(--line); border-radius: 10px;
  background: linear-gradient(var(--skeleton), var(--skeleton)) 24px 24px / 30% 16px no-repeat,
    repeating-linear-gradient(var(--card) 0 64px, var(--skeleton) 64px 76px, var(--card) 76px 96px) 24px 0 / calc(100% - 48px) 100% no-repeat, var(--card); }
</style>`;
  return html.replace(/<style>[\s\S]*?<\/style>/, calm);
}

/** The day of the fixture event: the last 19 June before today, so it is always in the past. */
function growUpStartUp(today) {
  const year = Number(today.slice(0, 4));
  const start = `${today.slice(5) > '06-20' ? year : year - 1}-06-19`;
  return { name: 'Grow Up Start Up', start, end: addDays(start, 1), place: 'Warsaw' };
}

/** People, encounters, events and a check-in, through the extension's own messages. */
async function seed(page, lang) {
  const w = WORDS[lang];
  const today = localDay();
  const gus = await kith(page, 'event.create', growUpStartUp(today));
  const breakfast = await kith(page, 'event.create', { name: 'Founders’ Breakfast', start: today, end: today, place: 'Warsaw, Koneser' });
  const ids = {};
  const record = async (slug, encounter, patch) => {
    const p = PEOPLE.find((x) => x.slug === slug);
    const view = await kith(page, 'encounter.record', {
      ...(ids[slug] ? { personId: ids[slug] } : { profile: { site: 'linkedin', keys: [`linkedin:${slug}`], url: profileUrl(slug), name: p.name, headline: p.headline, company: p.company, location: p.location } }),
      encounter,
      ...(ids[slug] ? {} : { photoUrl: photoUrl(slug) }),
    });
    ids[slug] = view.person.id;
    if (patch) await kith(page, 'person.update', { id: ids[slug], patch });
  };
  const atGus = (day, extra = {}) => ({ date: addDays(gus.start, day), kind: 'event', place: 'Warsaw', event: { id: gus.id }, ...extra });
  await record('piotr-zielinski', atGus(0, { note: w.piotrNote }), { tags: [w.tags.investor], followUp: { due: today, note: w.piotrPromise } });
  await record('anna-nowak', atGus(0, { introducedBy: { id: ids['piotr-zielinski'] }, note: w.annaNote }));
  await record('anna-nowak', { date: addDays(today, -12), kind: 'video', note: w.annaCall }, {
    tags: [w.tags.partner, w.tags.climate],
    notes: w.annaNotes,
    followUp: { due: addDays(today, -2), cadenceDays: 30, note: w.annaPromise },
  });
  await record('katarzyna-wisniewska', { date: addDays(today, -20), kind: 'in-person', place: 'Kraków', note: w.kasiaNote }, { tags: [w.tags.hiring], followUp: { due: addDays(today, 3) } });
  await record('tomasz-lewandowski', atGus(1, { note: w.tomekNote }), { tags: [w.tags.design], followUp: { due: addDays(today, -5), cadenceDays: 14 } });
  await record('julia-kaminska', atGus(1, { introducedBy: { id: ids['piotr-zielinski'] }, note: w.juliaNote }), { tags: [w.tags.founder, w.tags.climate], followUp: { due: addDays(today, 5) } });
  await record('zofia-dabrowska', { date: addDays(today, -9), kind: 'call', note: w.zofiaNote }, { tags: [w.tags.investor], followUp: { due: addDays(today, -1) } });
  await record('jan-mazur', { date: today, kind: 'event', place: 'Warsaw, Koneser', event: { id: breakfast.id }, note: w.janNote }, { followUp: { due: addDays(today, 1) } });
  await record('marek-wojcik', atGus(1, { note: w.marekNote }), { tags: [w.tags.hiring] });
  // Checked in to today's breakfast: every profile offers "Met here" (utils/checkin.ts's shape).
  await page.evaluate(
    (c) => globalThis.chrome.storage.local.set({ activeEvent: c }),
    { id: breakfast.id, eventName: breakfast.name, place: breakfast.place, until: today },
  );
}

/** Sets Kith's settings as the options page would (only the fields given change). */
async function setStorage(page, values) {
  await page.evaluate(async (v) => {
    const { settings } = await globalThis.chrome.storage.local.get('settings');
    const next = { ...v };
    if (v.settings) next.settings = { ...(settings ?? {}), ...v.settings };
    await globalThis.chrome.storage.local.set(next);
  }, values);
}

/** Waits until every image in the page (and its frames) has loaded, and fonts are ready. */
async function settled(target) {
  await target.waitForFunction(() => [...document.images].every((i) => i.complete) && document.fonts.status === 'loaded');
  await target.waitForTimeout(300);
}

/** Puts images together on one 1280×800 picture: each { png, x, y, width, height, shadow }. */
async function compose(context, layers, background) {
  const page = await context.newPage();
  await page.setViewportSize({ width: WIDTH, height: HEIGHT });
  const imgs = layers
    .map(
      (l) =>
        `<img src="data:image/png;base64,${l.png.toString('base64')}" style="position:absolute;left:${l.x}px;top:${l.y}px;width:${l.width}px;height:${l.height}px;${
          l.shadow ? 'border-radius:10px;box-shadow:0 12px 40px rgba(0,0,0,.35),0 0 0 1px rgba(0,0,0,.12);' : ''
        }${l.border ? `border-left:1px solid ${l.border};` : ''}">`,
    )
    .join('');
  await page.setContent(`<body style="margin:0;width:${WIDTH}px;height:${HEIGHT}px;position:relative;overflow:hidden;background:${background}">${imgs}</body>`);
  await settled(page);
  const png = await page.screenshot();
  await page.close();
  return png;
}

async function shoot(lang, locale) {
  const dir = mkdtempSync(join(tmpdir(), 'kith-shot-'));
  const context = await launch(dir, EXTENSION_DIR, { lang, locale });
  try {
    const id = new URL((await serviceWorker(context)).url()).host;
    const kithPage = (path) => `chrome-extension://${id}/${path}`;
    const home = await context.newPage();
    await home.goto(kithPage('options.html'));

    // The faces, drawn once in a Kith page (PNG, as a photo CDN would serve them).
    const faces = {};
    for (const p of PEOPLE) {
      const data = await home.evaluate(async (svg) => {
        const img = new Image();
        img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
        await img.decode();
        const canvas = document.createElement('canvas');
        canvas.width = canvas.height = 400;
        canvas.getContext('2d').drawImage(img, 0, 0);
        return canvas.toDataURL('image/png').split(',')[1];
      }, faceSvg(p.face));
      faces[p.slug] = Buffer.from(data, 'base64');
    }
    await context.route(/^https:\/\/media\.licdn\.com\//, (route) => {
      const slug = new URL(route.request().url()).pathname.split('/')[3];
      return faces[slug] ? route.fulfill({ status: 200, contentType: 'image/png', body: faces[slug] }) : route.abort();
    });
    const site = profileSite();
    await context.route(/^https:\/\/www\.linkedin\.com\//, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: site }));
    await seed(home, lang);

    const saved = [];
    for (const theme of THEMES) {
      const save = (name, png) => {
        const file = join(OUT, `${name}-${lang}-${theme}.png`);
        writeFileSync(file, png);
        saved.push(file);
      };
      const open = async (url, width = WIDTH, height = HEIGHT) => {
        const page = await context.newPage();
        await page.setViewportSize({ width, height });
        await page.emulateMedia({ colorScheme: theme });
        await page.goto(url);
        return page;
      };

      // The profile page with Kith's sidebar open on it.
      if (wanted('sidebar') || wanted('popup')) {
        await setStorage(home, { sidebarOpen: wanted('sidebar'), settings: { presentation: 'page' } });
        const page = await open(profileUrl('anna-nowak'));
        const frame = await sidebarFrame(page);
        if (wanted('sidebar')) {
          await frame.getByRole('complementary').waitFor();
          await frame.locator('img.kith-avatar').first().waitFor();
          await settled(frame);
          await settled(page);
          save('sidebar', await page.screenshot());
        }
        if (wanted('popup')) {
          // The popup over the same page with the sidebar closed, where the toolbar opens it.
          await setStorage(home, { sidebarOpen: false });
          await page.waitForTimeout(400);
          const behind = await page.screenshot();
          const popup = await open(kithPage('popup.html'), POPUP_WIDTH, POPUP_MAX_HEIGHT);
          await popup.locator('img.kith-avatar').first().waitFor();
          await settled(popup);
          const height = Math.min(POPUP_MAX_HEIGHT, await popup.evaluate(() => document.documentElement.scrollHeight));
          const png = await popup.screenshot({ clip: { x: 0, y: 0, width: POPUP_WIDTH, height } });
          save('popup', await compose(context, [{ png: behind, x: 0, y: 0, width: WIDTH, height: HEIGHT }, { png, x: WIDTH - POPUP_WIDTH - 24, y: 8, width: POPUP_WIDTH, height, shadow: true }], '#000'));
          await popup.close();
        }
        await page.close();
      }

      // The browser's side panel beside the profile it follows (the page itself gets nothing of Kith's).
      if (wanted('sidepanel')) {
        await setStorage(home, { settings: { presentation: 'panel' } });
        const page = await open(profileUrl('julia-kaminska'), WIDTH - PANEL_WIDTH);
        await settled(page);
        await page.bringToFront();
        const opened = context.waitForEvent('page', (p) => p.url().includes('/sidepanel.html'));
        await home.evaluate((url) => globalThis.chrome.windows.create({ url, type: 'popup', width: 400, height: 800 }), kithPage('sidepanel.html'));
        const panel = await opened;
        await panel.setViewportSize({ width: PANEL_WIDTH, height: HEIGHT });
        await panel.emulateMedia({ colorScheme: theme });
        await panel.getByRole('complementary').waitFor();
        await panel.locator('img.kith-avatar').first().waitFor();
        await settled(panel);
        const left = await page.screenshot();
        const right = await panel.screenshot();
        const line = theme === 'dark' ? '#3c4043' : '#dadce0';
        save('sidepanel', await compose(context, [{ png: left, x: 0, y: 0, width: WIDTH - PANEL_WIDTH, height: HEIGHT }, { png: right, x: WIDTH - PANEL_WIDTH, y: 0, width: PANEL_WIDTH, height: HEIGHT, border: line }], line));
        await panel.close();
        await page.close();
        await setStorage(home, { settings: { presentation: 'page' } });
      }

      for (const [surface, path] of [
        ['network', 'network.html'],
        ['options', 'options.html'],
        ['drill', 'drill.html'],
      ]) {
        if (!wanted(surface)) continue;
        // The drill page is being built beside this script: shot only when the build has it.
        if (!existsSync(join(EXTENSION_DIR, path))) continue;
        const page = await open(kithPage(path));
        await page.locator('#app *').first().waitFor();
        if (surface === 'network') {
          // Anna chosen in the list: everything about her beside it.
          await page.getByText('Anna Nowak', { exact: true }).first().click();
          await page.locator('img.kith-avatar').nth(PEOPLE.length).waitFor();
        }
        await settled(page);
        save(surface, await page.screenshot());
        await page.close();
      }
    }
    return saved;
  } finally {
    await context.close();
    removeDir(dir);
  }
}

mkdirSync(OUT, { recursive: true });
const started = Date.now();
for (const { lang, locale } of LANGUAGES) {
  const saved = await shoot(lang, locale);
  for (const file of saved) console.log(`screenshot: ${file.slice(process.cwd().length + 1)}`);
}
console.log(`screenshot: done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
