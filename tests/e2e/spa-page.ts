/**
 * A small single-page app in LinkedIn's 2024-25 profile markup: the feed, search and profiles at
 * /in/<slug>/, with in-app navigation (history.pushState) that replaces the profile DOM a moment
 * after the URL changes, as LinkedIn does. `window.go(path, delayMs)` navigates.
 */
export interface SpaPerson {
  slug: string;
  name: string;
  headline: string;
  company?: string;
  photo?: string;
}

export function spaPage(people: SpaPerson[]): string {
  const data = JSON.stringify(people).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>LinkedIn</title>
<style>/* A page that restyles everything it can reach */ * { color: red !important; font-size: 30px !important; } aside { display: none !important; }</style>
</head><body>
<header class="global-nav"><a href="/feed/">Home</a></header>
<main id="main" class="scaffold-layout__main"></main>
<script>
const people = ${data};
function render() {
  const main = document.getElementById('main');
  const m = location.pathname.match(/^\\/in\\/([^/]+)/);
  main.textContent = '';
  if (!m) {
    const h = document.createElement('h2');
    h.textContent = location.pathname.startsWith('/search') ? 'Search results' : 'Feed';
    main.append(h);
    return;
  }
  const p = people.find((x) => x.slug === decodeURIComponent(m[1]));
  if (!p) return;
  const section = document.createElement('section');
  section.className = 'artdeco-card pv-top-card';
  if (p.photo) {
    const img = document.createElement('img');
    img.className = 'pv-top-card-profile-picture__image';
    img.src = p.photo; img.alt = p.name; img.width = 100;
    section.append(img);
  }
  const h1 = document.createElement('h1');
  h1.className = 'text-heading-xlarge';
  h1.textContent = p.name;
  const headline = document.createElement('div');
  headline.className = 'text-body-medium break-words';
  headline.textContent = p.headline;
  section.append(h1, headline);
  if (p.company) {
    const b = document.createElement('button');
    b.setAttribute('aria-label', 'Current company: ' + p.company + '. Click to skip to experience card');
    b.textContent = p.company;
    section.append(b);
  }
  const contact = document.createElement('a');
  contact.href = '/in/' + p.slug + '/overlay/contact-info/';
  contact.id = 'top-card-text-details-contact-info';
  contact.textContent = 'Contact info';
  section.append(contact);
  main.append(section);
}
// Like LinkedIn, the page listens for keyboard shortcuts on the document.
document.addEventListener('keydown', (e) => { if (e.key === 'c' || e.key === 'f') window.keysSeen = (window.keysSeen || 0) + 1; });
window.go = (path, delay = 150) => {
  history.pushState({}, '', path);
  setTimeout(render, delay);
};
render();
</script>
</body></html>`;
}
