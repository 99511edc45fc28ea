import { render } from 'preact';
import { t } from '@/utils/i18n';
import { hearOwnChanges } from '@/utils/client';
import { App } from './App';
import '@/components/pages.css';
import './style.css';

document.documentElement.lang = t('popupDateLocale');
document.title = t('networkTitle');
// Its views show each other's changes (the list, the tags its person panel saved), so each hears them all.
hearOwnChanges();
render(<App />, document.getElementById('app')!);
