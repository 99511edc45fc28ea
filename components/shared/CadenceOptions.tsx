import { CADENCE_PRESETS } from '@/utils/followups';
import { t } from '@/utils/i18n';

/** The options of a cadence select: none, the presets, custom. */
export function CadenceOptions() {
  return (
    <>
      <option value="">{t('cadenceNone')}</option>
      {CADENCE_PRESETS.map((p) => (
        <option key={p.days} value={String(p.days)}>
          {t(p.messageKey)}
        </option>
      ))}
      <option value="custom">{t('cadenceCustom')}</option>
    </>
  );
}
