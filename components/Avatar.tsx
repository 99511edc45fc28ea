import { initials } from '@/utils/text';

/**
 * A face: the stored thumbnail or the page's photo, else the person's initials. `pending`: there is a
 * photo on its way (a blank circle, so the initials do not flash before it).
 */
export function Avatar({ name, src, size = 48, pending = false }: { name: string; src?: string | undefined; size?: number; pending?: boolean }) {
  const safe = src && /^(https?:|data:image\/(jpeg|png|webp);)/.test(src) ? src : undefined;
  return safe ? (
    <img class="kith-avatar" src={safe} alt="" width={size} height={size} referrerpolicy="no-referrer" />
  ) : (
    <span class={`kith-avatar ${pending ? 'kith-face-pending' : 'kith-initials'}`} aria-hidden="true" style={{ width: `${size}px`, height: `${size}px` }}>
      {pending ? '' : initials(name)}
    </span>
  );
}
