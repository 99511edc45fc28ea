import { findPersonByKeys, getPerson } from '@/utils/db/people';
import { recordEncounter, NotFoundError } from '@/utils/db/writes';
import { attachCaptured } from '@/utils/db/link';
import { deleteVoiceNote, saveVoiceNote } from '@/utils/db/drill';
import { captureCandidates } from '@/utils/drill/capture';
import { localDay } from '@/utils/dates';
import { t } from '@/utils/i18n';
import { capturedRows, captureOffers, personView } from '../views';
import type { HandlersOf, World } from './context';

/** Capture now, match later ("Met someone", "Is this Agnieszka…?"), and the voice notes of the memory aids. */
export function captureHandlers(
  world: World,
): HandlersOf<'capture.save' | 'capture.matches' | 'capture.attach' | 'capture.unmatched' | 'voiceNote.save' | 'voiceNote.delete'> {
  const { drill } = world.changes;
  const now = () => world.now().getTime();
  return {
    async 'capture.save'({ name, date, event, introducedBy, note }, { db, changed }) {
      const today = localDay(world.now());
      const settings = await world.settings();
      const { person } = await recordEncounter(
        db,
        {
          captured: { name },
          // At an event it is an event meeting, with the event's day; else in person, today.
          encounter: { date: date ?? today, kind: event ? 'event' : 'in-person', ...(event ? { event } : {}), ...(introducedBy ? { introducedBy } : {}), ...(note ? { note } : {}) },
          defaultCadenceDays: settings.defaultCadenceDays,
        },
        now(),
        today,
      );
      changed([person.id]);
      return personView(db, person);
    },
    async 'capture.matches'({ name, keys }, { db }) {
      const own = keys && keys.length > 0 ? await findPersonByKeys(db, keys) : undefined;
      const candidates = captureCandidates(name, await drill.captured(db), own ? { exceptId: own.id } : {});
      return captureOffers(db, candidates);
    },
    async 'capture.attach'(payload, { db, changed }) {
      let target: Parameters<typeof attachCaptured>[2];
      if ('personId' in payload) target = { personId: payload.personId };
      else {
        const saved = await findPersonByKeys(db, payload.profile.keys);
        // The face, for a profile nobody is saved under yet (fetched outside the transaction, as encounter.record does).
        const photoDataUrl = payload.photoUrl && !saved?.hasPhoto ? await world.thumbnail(payload.photoUrl) : undefined;
        target = { profile: payload.profile, ...(photoDataUrl ? { photoDataUrl } : {}) };
      }
      const { person, mergedId } = await attachCaptured(db, payload.capturedId, target, now());
      changed(mergedId ? [person.id, mergedId] : [person.id]);
      return personView(db, person);
    },
    async 'capture.unmatched'(_p, { db }) {
      return capturedRows(db, (await drill.captured(db)).map((c) => c.id));
    },
    async 'voiceNote.save'({ personId, dataUrl, seconds }, { db, changed }) {
      await saveVoiceNote(db, { personId, dataUrl, seconds: Math.round(seconds * 10) / 10, updatedAt: now() });
      changed([personId]);
      return viewOf(db, personId);
    },
    async 'voiceNote.delete'({ personId }, { db, changed }) {
      await deleteVoiceNote(db, personId, now());
      changed([personId]);
      return viewOf(db, personId);
    },
  };
}

async function viewOf(db: Parameters<typeof getPerson>[0], id: string) {
  const p = await getPerson(db, id);
  if (!p) throw new NotFoundError(t('errorPersonGone'));
  return personView(db, p);
}
