import { render } from 'preact';
import { t } from '@/utils/i18n';
import { ownChangesAnswered } from '@/utils/client';
import { SidebarFrame } from '@/components/sidebar/SidebarFrame';
import '@/components/sidebar/sidebar.css';

// Kith's sidebar on a profile page: this document is the frame the content script places there
// (utils/content/frame.ts), of Kith's own origin, so the page can reach none of it.
document.title = t('sidebarLabel');
// One view: what its own requests changed is in their replies, not in notices (utils/client.ts).
ownChangesAnswered();
document.documentElement.lang = t('popupDateLocale');
render(<SidebarFrame />, document.getElementById('app')!);
