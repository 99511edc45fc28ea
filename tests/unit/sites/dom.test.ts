// @vitest-environment node
// The page-reading helpers the site adapters share. Each adapter's tests cover them again through its
// own pages; these pin the edges no one adapter's pages reach.
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { firstText, meta, photoUrl, profile, text } from '../../../utils/sites/dom';
import { xing } from '../../../utils/sites/xing';
import { mastodon } from '../../../utils/sites/mastodon';
import { CAPS } from '../../../utils/text';

const html = (body: string, url = 'https://example.com/') => new JSDOM(body, { url }).window.document;
const BASE = new URL('https://example.com/in/anna/');
const anyHttps = (u: URL) => u.protocol === 'https:';

describe('text and firstText', () => {
  it('reads one clean line within the cap, and nothing from no element', () => {
    const doc = html('<p>  Anna\n\u200bNowak  </p>');
    expect(text(doc.querySelector('p'), 200)).toBe('Anna Nowak');
    expect(text(doc.querySelector('p'), 4)).toBe('Anna');
    expect(text(null, 200)).toBe('');
  });

  it('takes the first selector that has text, in the order given, not in document order', () => {
    const doc = html('<h2 class="b">second</h2><h1 class="a"> </h1><h3 class="c">third</h3>');
    expect(firstText(doc, ['.a', '.c', '.b'], 200)).toBe('third');
    expect(firstText(doc, ['.missing'], 200)).toBe('');
  });
});

describe('meta', () => {
  it("reads a meta tag's content by property, and nothing when there is none", () => {
    const doc = html('<head><meta property="og:title" content="Anna Nowak"><meta name="og:image" content="x"></head>');
    expect(meta(doc, 'og:title')).toBe('Anna Nowak');
    expect(meta(doc, 'og:image')).toBeUndefined(); // a name attribute is not a property
  });
});

describe('photoUrl', () => {
  it('resolves against the page and keeps what the site accepts', () => {
    expect(photoUrl(' /a.jpg ', BASE, anyHttps)).toBe('https://example.com/a.jpg');
    expect(photoUrl('http://example.com/a.jpg', BASE, anyHttps)).toBeUndefined();
  });

  it('never takes an empty slot for the page itself', () => {
    // '' resolves to the page's own URL, which a site that keeps photos on its own host would accept.
    for (const raw of ['', null, undefined]) expect(photoUrl(raw, BASE, () => true)).toBeUndefined();
  });

  it('refuses what is not a string or not a URL, and URLs over the cap', () => {
    for (const raw of [{ contentUrl: 'x' }, 42, 'https://[bad']) expect(photoUrl(raw, BASE, () => true)).toBeUndefined();
    const long = `https://example.com/${'a'.repeat(CAPS.url)}`;
    expect(photoUrl(long, BASE, () => true)).toBeUndefined();
  });

  it('an empty src on the person\'s image is no photo (XING, Mastodon)', () => {
    const x = html(
      '<main><header><h1>Anna Nowak</h1><img alt="Anna Nowak" src=""></header></main>',
      'https://www.xing.com/profile/Anna_Nowak',
    );
    expect(xing.extract(x, new URL('https://www.xing.com/profile/Anna_Nowak')).photoUrl).toBeUndefined();
    const m = html(
      `<div id="mastodon" data-props="{}"></div><div class="account__header"><div class="account__header__tabs">
        <a class="avatar"><div class="account__avatar"><img src=""></div></a>
        <div class="account__header__tabs__name"><h1><span>Anna</span> <small>@anna</small></h1></div></div></div>`,
      'https://mastodon.social/@anna',
    );
    const got = mastodon.extract(m, new URL('https://mastodon.social/@anna'));
    expect(got.name).toBe('Anna');
    expect(got.photoUrl).toBeUndefined();
  });
});

describe('profile', () => {
  it('keeps the fields the page shows and leaves out the empty ones; readable means a name was found', () => {
    const got = profile('github', ['github:anna'], 'https://github.com/anna', { name: 'Anna', headline: '', company: undefined });
    expect(got).toStrictEqual({ site: 'github', keys: ['github:anna'], url: 'https://github.com/anna', readable: true, name: 'Anna' });
    expect(profile('x', [], '', { headline: 'Bio' })).toStrictEqual({ site: 'x', keys: [], url: '', readable: false, headline: 'Bio' });
  });
});
