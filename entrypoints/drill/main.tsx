import { render } from 'preact';
import { t } from '@/utils/i18n';
import { ownChangesAnswered } from '@/utils/client';
import { App } from './App';
import '@/components/shared/pages.css';
import './style.css';

document.documentElement.lang = t('popupDateLocale');
document.title = t('drillTitle');
// One view: what its own requests changed is in their replies (utils/client.ts).
ownChangesAnswered();
render(<App />, document.getElementById('app')!);
