import { initials } from '@/utils/text';

/** A face: the stored thumbnail or the page's photo, else the person's initials. */
export function Avatar({ name, src, size = 48 }: { name: string; src?: string | undefined; size?: number }) {
  const safe = src && /^(https?:|data:image\/(jpeg|png|webp);)/.test(src) ? src : undefined;
  return safe ? (
    <img class="kith-avatar" src={safe} alt="" width={size} height={size} referrerpolicy="no-referrer" />
  ) : (
    <span class="kith-avatar kith-initials" aria-hidden="true" style={{ width: `${size}px`, height: `${size}px` }}>
      {initials(name)}
    </span>
  );
}
