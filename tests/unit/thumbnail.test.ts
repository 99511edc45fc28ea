import { afterEach, describe, expect, it, vi } from 'vitest';
import { isAllowedPhotoUrl, thumbnail } from '../../entrypoints/background/thumbnail';

describe('the photo hosts the background may fetch from', () => {
  it('accepts each site photo CDN over https', () => {
    for (const url of [
      'https://media.licdn.com/dms/image/v2/abc/profile-displayphoto-shrink_200_200/0/1',
      'https://media-exp1.licdn.com/dms/image/abc/profile-displayphoto-shrink_400_400/0/1',
      'https://avatars.githubusercontent.com/u/7310245?v=4',
      'https://pbs.twimg.com/profile_images/1780000000000000000/AbCdEfGh_200x200.jpg',
      'https://profile-images.xing.com/images/4c3b2a1f-2/anna.256x256.jpg',
    ]) expect(isAllowedPhotoUrl(url), url).toBe(true);
  });

  it('refuses anything else: other hosts, look-alikes, http, placeholders, non-URLs', () => {
    for (const url of [
      'http://media.licdn.com/dms/image/abc',
      'https://static.licdn.com/aero-v1/sc/h/ghost-person.svg',
      'https://media.licdn.com/dms/image/ghost/0/1',
      'https://avatars.githubusercontent.com.evil.example/u/1',
      'https://evilavatars.githubusercontent.com/u/1',
      'https://github.com/anna.png',
      'https://pbs.twimg.com.example/profile_images/1/a.jpg',
      'https://abs.twimg.com/sticky/default_profile_images/default_profile_400x400.png',
      'https://www.xing.com/profile/Anna_Nowak',
      'https://example.com/photo.jpg',
      'javascript:alert(1)',
      'data:image/png;base64,AAAA',
      'not a url',
    ]) expect(isAllowedPhotoUrl(url), url).toBe(false);
  });
});

describe('photos from a Mastodon instance', () => {
  const granted = ['mastodon.example.pl'];
  it('are fetched from a granted instance, its host or a subdomain of it (where instances keep media)', () => {
    for (const url of [
      'https://files.mastodon.example.pl/accounts/avatars/109/312/000/000/000/001/original/5f1e2d3c4b5a6978.jpg',
      'https://mastodon.example.pl/system/accounts/avatars/1/original/a.png',
      'https://media.files.mastodon.example.pl/cache/a.png',
    ]) expect(isAllowedPhotoUrl(url, granted), url).toBe(true);
  });

  it('are refused from anywhere else, and once the instance is no longer granted', () => {
    for (const url of [
      'https://files.mastodon.example.pl.evil.example/a.jpg',
      'https://evilmastodon.example.pl/a.jpg',
      'https://example.pl/a.jpg',
      'http://files.mastodon.example.pl/a.jpg',
      'https://files.mastodon.example.pl:8443/a.jpg',
      'https://cdn.masto.host/a.jpg',
    ]) expect(isAllowedPhotoUrl(url, granted), url).toBe(false);
    expect(isAllowedPhotoUrl('https://files.mastodon.example.pl/a.jpg')).toBe(false);
    expect(isAllowedPhotoUrl('https://files.mastodon.example.pl/a.jpg', [])).toBe(false);
  });
});

describe('the thumbnail of a transparent photo', () => {
  /**
   * A canvas that follows one pixel, the top-left corner, as a browser's does: it starts transparent
   * black, a fill covers it, drawing a photo whose corner is transparent leaves it as it was, and JPEG
   * keeps the colour without the alpha.
   */
  class FakeCanvas {
    corner = [0, 0, 0, 0];
    constructor(
      readonly width: number,
      readonly height: number,
    ) {}
    getContext() {
      const set = (rgba: number[]) => (this.corner = rgba);
      return {
        fillStyle: '#000000',
        fillRect(x: number, y: number, w: number, h: number) {
          if (x > 0 || y > 0 || w <= 0 || h <= 0) return;
          const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(this.fillStyle)!;
          set([parseInt(hex[1], 16), parseInt(hex[2], 16), parseInt(hex[3], 16), 255]);
        },
        drawImage(image: { corner: number[] }) {
          if (image.corner[3] === 255) set([...image.corner]);
        },
      };
    }
    async convertToBlob({ type }: { type: string }) {
      expect(type).toBe('image/jpeg');
      return new Blob([new Uint8Array(this.corner.slice(0, 3))]);
    }
  }

  afterEach(() => vi.unstubAllGlobals());

  it('shows a light background where the photo is transparent, not black', async () => {
    vi.stubGlobal('fetch', async () => new Response(new Uint8Array([1, 2, 3]), { headers: { 'content-type': 'image/png' } }));
    vi.stubGlobal('createImageBitmap', async () => ({ width: 200, height: 160, corner: [0, 0, 0, 0], close() {} }));
    vi.stubGlobal('OffscreenCanvas', FakeCanvas);
    const url = await thumbnail('https://media.licdn.com/dms/image/anna/profile-displayphoto-shrink_200_200/0/1');
    expect(url).toMatch(/^data:image\/jpeg;base64,/);
    const [r, g, b] = Buffer.from(url!.split(',')[1], 'base64');
    for (const channel of [r, g, b]) expect(channel).toBeGreaterThan(200);
  });
});
