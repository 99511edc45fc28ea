import { render } from 'preact';
import { t } from '@/utils/i18n';
import { optionsLocale } from '@/components/shared/counts';
import { App } from './App';
import './style.css';

document.documentElement.lang = optionsLocale();
document.title = t('optionsTitle');
render(<App />, document.getElementById('app')!);
