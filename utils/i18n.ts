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
