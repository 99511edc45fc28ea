/**
 * The one network request Kith makes: fetching the profile photo of a person the user chose to save,
 * from the site's photo CDN (or the Mastodon instance's own media host), to keep a small thumbnail of their face.
 */
const PHOTO_HOSTS = [
  /^media(-exp\d+)?\.licdn\.com$/,
  /^avatars\.githubusercontent\.com$/,
  /^pbs\.twimg\.com$/,
  /^profile-images\.xing\.com$/,
];
const SIZE = 96;
/**
 * What shows through a transparent photo: JPEG has no alpha, and an encoder writes transparent pixels
 * as black. A light neutral grey reads as "no background" in light and dark mode alike.
 */
const THUMBNAIL_BACKGROUND = '#e8e8ec';
const MAX_BYTES = 5_000_000;

/**
 * Whether the background may fetch this photo: https, from a site's photo CDN, or from one of the
 * Mastodon instances the user granted now (`instances`: their hosts), on its host or a subdomain of it
 * (files.<host>, media.<host>), as the Mastodon adapter reads avatars.
 */
export function isAllowedPhotoUrl(raw: string, instances: readonly string[] = []): boolean {
  try {
    const url = new URL(raw);
    const onInstance = !url.port && instances.some((h) => `.${url.hostname}`.endsWith(`.${h}`));
    return url.protocol === 'https:' && (PHOTO_HOSTS.some((h) => h.test(url.hostname)) || onInstance) && !/ghost/i.test(url.pathname);
  } catch {
    return false;
  }
}

function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

/** A 96x96 JPEG of the photo as a data: URL, or undefined when it cannot be had (never throws). */
export async function thumbnail(url: string, instances: readonly string[] = []): Promise<string | undefined> {
  if (!isAllowedPhotoUrl(url, instances)) return undefined;
  try {
    const res = await fetch(url, { credentials: 'omit', redirect: 'error', referrerPolicy: 'no-referrer' });
    if (!res.ok || !/^image\//.test(res.headers.get('content-type') ?? '')) return undefined;
    const blob = await res.blob();
    if (blob.size > MAX_BYTES) return undefined;
    const bitmap = await createImageBitmap(blob);
    // Centre-crop to a square, then scale down.
    const side = Math.min(bitmap.width, bitmap.height);
    const canvas = new OffscreenCanvas(SIZE, SIZE);
    const g = canvas.getContext('2d');
    if (!g) return undefined;
    g.fillStyle = THUMBNAIL_BACKGROUND;
    g.fillRect(0, 0, SIZE, SIZE);
    g.drawImage(bitmap, (bitmap.width - side) / 2, (bitmap.height - side) / 2, side, side, 0, 0, SIZE, SIZE);
    bitmap.close();
    const out = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.8 });
    return `data:image/jpeg;base64,${toBase64(new Uint8Array(await out.arrayBuffer()))}`;
  } catch {
    return undefined;
  }
}
