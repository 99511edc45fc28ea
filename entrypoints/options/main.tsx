import { render } from 'preact';
import { t } from '@/utils/i18n';
import { ownChangesAnswered } from '@/utils/client';
import { optionsLocale } from '@/components/shared/counts';
import { App } from './App';
import './style.css';

document.documentElement.lang = optionsLocale();
document.title = t('optionsTitle');
// One view: what its own requests changed is in their replies, not in notices (utils/client.ts).
ownChangesAnswered();
render(<App />, document.getElementById('app')!);
