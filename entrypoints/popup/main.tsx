import { render } from 'preact';
import { t } from '@/utils/i18n';
import { ownChangesAnswered } from '@/utils/client';
import { openSyncPort } from '@/utils/sync-port';
import { App, firstPopupData } from './App';
import '@/components/shared/pages.css';
import './style.css';

document.title = t('popupTitle');
// One view: what its own requests changed is in their replies, not in notices (utils/client.ts).
ownChangesAnswered();
document.documentElement.lang = t('popupDateLocale');

// Ask for the list before anything renders, and render once with it: the first paint shows who is due,
// with no loading state in between.
// Marks for the benchmark: 'kith-popup-data' when the list arrived, 'kith-popup-rendered' once it is in the DOM.
const root = document.getElementById('app')!;
performance.mark('kith-popup-start');
firstPopupData().then(
  (data) => {
    performance.mark('kith-popup-data');
    render(<App initial={data} />, root);
    performance.mark('kith-popup-rendered');
  },
  (e: Error) => render(<App initial={null} initialError={e.message} />, root),
).finally(() => {
  // After the first paint: while the popup is open, a change on another device shows within seconds.
  openSyncPort();
});
