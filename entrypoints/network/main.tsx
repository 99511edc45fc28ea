import { render } from 'preact';
import { t } from '@/utils/i18n';
import { openSyncPort } from '@/utils/sync-port';
import { App } from './App';
import '@/components/shared/pages.css';
import './style.css';

document.documentElement.lang = t('popupDateLocale');
document.title = t('networkTitle');
render(<App />, document.getElementById('app')!);
// While the page is open, a change on another device shows within seconds (the live sync feed).
openSyncPort();
