/** Numbers and counted phrases of the options and network pages, in the messages' language. */
import { t } from '@/utils/i18n';

/**
 * The language the messages are written in (not the browser's UI language: a Polish browser shows the
 * English messages until a Polish locale exists, and those must follow English plural rules).
 */
export function optionsLocale(): string {
  const lang = t('optionsLang');
  return lang === 'optionsLang' ? 'en' : lang;
}

let numbers: Intl.NumberFormat | undefined;
let plurals: Intl.PluralRules | undefined;

/** 30000 -> "30,000" in the messages' language. */
export function formatCount(n: number): string {
  numbers ??= new Intl.NumberFormat(optionsLocale());
  return numbers.format(n);
}

/**
 * A counted phrase: `${base}_${category}` by the messages' plural rules ("1 person", "3 people"; Polish
 * will add _few and _many), falling back to `${base}_other` when a locale lacks a category.
 */
export function countPhrase(base: string, n: number): string {
  plurals ??= new Intl.PluralRules(optionsLocale());
  const key = `${base}_${plurals.select(n)}`;
  const message = t(key, formatCount(n));
  return message === key ? t(`${base}_other`, formatCount(n)) : message;
}
