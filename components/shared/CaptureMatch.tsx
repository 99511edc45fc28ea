import { useEffect, useState } from 'preact/hooks';
import type { CaptureOffer, Payload, PersonView } from '@/utils/messages';
import { onPeopleChanged, send } from '@/utils/client';
import { localDay } from '@/utils/dates';
import { contextText } from '@/utils/phrases';
import { t } from '@/utils/i18n';

type Profile = Extract<Payload<'capture.attach'>, { profile: unknown }>['profile'];

export interface CaptureMatchProps {
  /** The profile on screen: its name is matched against everyone captured, its keys tell whether it is saved. */
  profile: Profile;
  /** The photo the page shows, kept as the face when the profile was not saved yet. */
  photoUrl?: string | undefined;
  /** After "Yes": the person the profile is now (the captured encounters on it). */
  onAttached: (view: PersonView) => void;
}

/** "met at Grow Up Start Up, Warsaw, 19 Jun", or nothing when they were saved without an encounter. */
export function offerWhere(offer: Pick<CaptureOffer, 'met'>, today: string): string | undefined {
  return offer.met ? contextText(offer.met, today) : undefined;
}

/**
 * Capture now, match later, on a profile: "Is this Agnieszka (met at Grow Up Start Up)?" for each
 * captured person the profile's name may be (folded and forgiving, utils/drill/capture.ts), surest
 * first. Yes attaches what was captured to this profile's person, merging as linking does; No hides
 * the offer on this profile. Asks again when anyone changes (someone captured in the popup meanwhile).
 * For the sidebar to mount under the profile's header; renders nothing when there is no offer.
 */
export function CaptureMatch({ profile, photoUrl, onAttached }: CaptureMatchProps) {
  const [offers, setOffers] = useState<CaptureOffer[]>([]);
  const [declined, setDeclined] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [done, setDone] = useState('');
  const keys = profile.keys.join(' ');

  useEffect(() => {
    setDeclined([]);
    setDone('');
    const ask = () => send('capture.matches', { name: profile.name, keys: profile.keys }).then(setOffers, () => setOffers([]));
    void ask();
    return onPeopleChanged(() => void ask());
  }, [profile.name, keys]);

  const attach = async (offer: CaptureOffer) => {
    setBusy(true);
    try {
      const view = await send('capture.attach', { capturedId: offer.id, profile, ...(photoUrl ? { photoUrl } : {}) });
      setError('');
      setDone(t('captureAttached', offer.name));
      setOffers((list) => list.filter((o) => o.id !== offer.id));
      onAttached(view);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const today = localDay();
  const shown = offers.filter((o) => !declined.includes(o.id));
  if (shown.length === 0 && !done && !error) return null;
  return (
    <section class="kith-capture-match" aria-label={t('captureMatchLabel')}>
      {shown.map((offer) => {
        const where = offerWhere(offer, today);
        return (
          <div key={offer.id} class="kith-capture-offer" role="group" aria-label={offer.name}>
            <p>{where ? t('captureOfferWhere', offer.name, where) : t('captureOffer', offer.name)}</p>
            <button type="button" class="kith-primary" disabled={busy} onClick={() => void attach(offer)}>
              {t('captureYes')}
            </button>
            <button type="button" disabled={busy} onClick={() => setDeclined([...declined, offer.id])}>
              {t('captureNo')}
            </button>
          </div>
        );
      })}
      {done && <p role="status">{done}</p>}
      {error && (
        <p class="kith-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
