import { render } from 'preact';
import { t } from '@/utils/i18n';
import { ownChangesAnswered } from '@/utils/client';
import { openSyncPort } from '@/utils/sync-port';
import { SidePanel } from '@/components/sidebar/SidePanel';
import '@/components/sidebar/sidebar.css';

// Kith in the browser's side panel (Chromium's sidePanel, Firefox's sidebar_action), for the tab in front.
document.title = t('sidebarLabel');
// One view: what its own requests changed is in their replies, not in notices (utils/client.ts).
ownChangesAnswered();
document.documentElement.lang = t('popupDateLocale');
// Open, the panel shows a change made on another device within seconds.
openSyncPort();
render(<SidePanel />, document.getElementById('app')!);
