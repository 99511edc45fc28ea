import type { DrillCardView } from '@/utils/messages';
import type { LocalDay } from '@/utils/model/types';
import { KIND_MESSAGE } from '@/utils/encounter-kinds';
import { formatPastDay, plural } from '@/utils/phrases';
import { t } from '@/utils/i18n';
import { VoicePlay } from '@/components/shared/VoiceNote';

/** Why someone is in an event's refresher deck: "met at Grow Up Start Up 2025", "tagged for it", "introduced you to Anna". */
export function refresherReason(card: Pick<DrillCardView, 'reason' | 'met' | 'introduced'>): string | undefined {
  switch (card.reason) {
    case 'this-event':
      return t('drillReasonThisEvent');
    case 'earlier-edition':
      return card.met?.eventName ? t('drillReasonEarlier', card.met.eventName) : t('drillReasonEarlierAny');
    case 'tagged':
      return t('drillReasonTagged');
    case 'introducer':
      return t('drillReasonIntroducer', (card.introduced ?? []).join(', '));
    default:
      return undefined;
  }
}

/**
 * What the drill shows after each answer: how you met (event, place, date, who introduced you, the
 * note), the memory aids (the hook, how to say the name, the voice note), and who they are.
 */
export function HowWeMet({ card, today }: { card: DrillCardView; today: LocalDay }) {
  const { met } = card;
  const rows: [string, string][] = [];
  if (met) {
    if (met.eventName) rows.push([t('drillMetEvent'), met.eventName]);
    if (met.place) rows.push([t('drillMetPlace'), met.place]);
    rows.push([t('drillMetDate'), `${formatPastDay(met.date, today)} · ${t(KIND_MESSAGE[met.kind])}`]);
    if (met.introducedBy) rows.push([t('drillMetIntroducedBy'), met.introducedBy]);
    if (met.note) rows.push([t('drillMetNote'), met.note]);
  }
  if (card.memoryHook) rows.push([t('aidsHook'), card.memoryHook]);
  if (card.howToSay) rows.push([t('aidsHowToSay'), card.howToSay]);
  // "CTO at Acme" says the company already.
  const who = card.company && !card.headline?.includes(card.company) ? [card.headline, card.company].filter(Boolean).join(' · ') : (card.headline ?? '');
  if (who) rows.push([t('drillWho'), who]);
  const reason = refresherReason(card);
  return (
    <section class="drill-met" aria-labelledby="drill-met-heading">
      <h3 id="drill-met-heading">{t('drillHowWeMet')}</h3>
      {reason && <p class="drill-reason">{reason}</p>}
      {rows.length > 0 ? (
        <dl>
          {rows.map(([term, detail]) => (
            <div key={term}>
              <dt>{term}</dt>
              <dd>{detail}</dd>
            </div>
          ))}
        </dl>
      ) : (
        <p class="muted">{t('drillNoContext')}</p>
      )}
      {card.meetings > 1 && <p class="muted">{plural('drillMeetings', card.meetings)}</p>}
      {card.voiceNote && <VoicePlay note={card.voiceNote} />}
    </section>
  );
}
