/** Numbers and counted phrases of the options and network pages, in the messages' language. */
import { countedMessage, t } from '@/utils/i18n';

/**
 * The language the messages are written in (not the browser's UI language: a Polish browser shows the
 * English messages until a Polish locale exists, and those must follow English plural rules).
 */
export function optionsLocale(): string {
  const lang = t('optionsLang');
  return lang === 'optionsLang' ? 'en' : lang;
}

let numbers: Intl.NumberFormat | undefined;

/** 30000 -> "30,000" in the messages' language. */
export function formatCount(n: number): string {
  numbers ??= new Intl.NumberFormat(optionsLocale());
  return numbers.format(n);
}

/** A counted phrase in the messages' language, with the count formatted as $1 (see countedMessage). */
export function countPhrase(base: string, n: number): string {
  return countedMessage(base, n, optionsLocale(), formatCount(n));
}
