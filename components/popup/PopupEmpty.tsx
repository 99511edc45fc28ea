import { t } from '@/utils/i18n';

/** Nobody saved yet: what Kith does and how to record the first encounter. */
export function PopupWelcome({ onOpen }: { onOpen: (url: string) => void }) {
  return (
    <section class="welcome" aria-labelledby="welcome-title">
      <h2 id="welcome-title">{t('popupWelcomeTitle')}</h2>
      <p>{t('popupWelcomeIntro')}</p>
      <p>{t('popupWelcomeHow')}</p>
      <ol>
        <li>{t('popupWelcomeStep1')}</li>
        <li>{t('popupWelcomeStep2')}</li>
        <li>{t('popupWelcomeStep3')}</li>
      </ol>
      <p>{t('popupWelcomeAfter')}</p>
      <button type="button" class="primary" onClick={() => onOpen('https://www.linkedin.com/')}>
        {t('popupOpenLinkedIn')}
      </button>
    </section>
  );
}

/** People saved, nobody due in the next week. */
export function PopupNothingDue() {
  return <p class="empty nothing-due">{t('popupNothingDue')}</p>;
}
