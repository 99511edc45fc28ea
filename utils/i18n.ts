import { browser } from '#imports';

/**
 * A translated string from the extension's i18n messages (locales/<lang>/*.json, merged into
 * _locales at build). Substitutions fill $1, $2... Falls back to the key so a missing message shows
 * up as itself rather than as an empty control.
 */
export function t(key: string, ...subs: (string | number)[]): string {
  let message = '';
  try {
    // Messages come from locales/ (merged at build), which WXT's generated key types do not know.
    const getMessage = browser.i18n.getMessage as (name: string, substitutions?: string[]) => string;
    message = getMessage(key, subs.map(String));
  } catch {
    // No i18n API (unit tests without a browser)
  }
  return message || key;
}

const pluralRules = new Map<string, Intl.PluralRules>();

function rulesFor(locale: string): Intl.PluralRules {
  let rules = pluralRules.get(locale);
  if (!rules) {
    try {
      rules = new Intl.PluralRules(locale);
    } catch {
      // A broken language tag in a translation: English rules still pick _one or _other.
      rules = new Intl.PluralRules('en');
    }
    pluralRules.set(locale, rules);
  }
  return rules;
}

/**
 * A counted message, `${base}_${category}` by the plural rules of `locale`, the language the messages
 * are written in (not the browser's): English has _one and _other; Polish _one, _few and _many ("1
 * osoba", "2 osoby", "5 osób") and _other for fractions. `shown` fills $1 (the count, or the count
 * formatted for reading). A locale without that category gets `${base}_other`, the general form,
 * rather than a key or another language's words.
 */
export function countedMessage(base: string, n: number, locale: string, shown: string | number = n): string {
  const key = `${base}_${rulesFor(locale).select(n)}`;
  const message = t(key, shown);
  return message === key ? t(`${base}_other`, shown) : message;
}
