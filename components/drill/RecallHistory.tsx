import type { Responses } from '@/utils/messages';
import type { LocalDay } from '@/utils/model/types';
import { formatPastDay } from '@/utils/phrases';
import { t } from '@/utils/i18n';

type History = Responses['drill.history'];

/**
 * Recall over time: a bar per day (right, almost and wrong answers stacked), the share right, and the
 * totals in words. Each day's bar says its numbers to a screen reader too.
 */
export function RecallHistory({ history, today }: { history: History; today: LocalDay }) {
  const { total } = history;
  const answers = total.right + total.almost + total.wrong;
  const most = Math.max(1, ...history.days.map((d) => d.right + d.almost + d.wrong));
  return (
    <section class="drill-history" aria-labelledby="drill-history-heading">
      <h2 id="drill-history-heading">{t('drillHistory')}</h2>
      <p class="drill-history-total">
        {answers === 0
          ? t('drillHistoryNone')
          : t('drillHistoryTotal', history.days.length, total.right, total.almost, total.wrong, Math.round((100 * total.right) / answers))}
      </p>
      <ol class="drill-bars" aria-label={t('drillHistoryDays')}>
        {history.days.map((d) => {
          const n = d.right + d.almost + d.wrong;
          const label = t('drillHistoryDay', formatPastDay(d.day, today), d.right, d.almost, d.wrong);
          return (
            <li key={d.day} aria-label={label} title={label}>
              <span class="drill-bar" style={{ height: `${(100 * n) / most}%` }} aria-hidden="true">
                {n > 0 && (
                  <>
                    <span class="drill-bar-wrong" style={{ flexGrow: d.wrong }} />
                    <span class="drill-bar-almost" style={{ flexGrow: d.almost }} />
                    <span class="drill-bar-right" style={{ flexGrow: d.right }} />
                  </>
                )}
              </span>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
