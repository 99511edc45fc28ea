import { render } from 'preact';
import { t } from '@/utils/i18n';
import { App } from './App';
import '@/components/shared/pages.css';
import './style.css';

document.documentElement.lang = t('popupDateLocale');
document.title = t('networkTitle');
render(<App />, document.getElementById('app')!);
