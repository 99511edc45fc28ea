/**
 * Kith's English messages as the built extension reads them (the build merges locales/en/*.json into
 * one file), for tests that check a text users read. Tests without them see each message's key.
 */
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { mergedLocales } from '../../scripts/locales';

const messages = JSON.parse(mergedLocales(process.cwd()).find((l) => l.lang === 'en')!.json) as Record<string, { message: string }>;

/** browser.i18n.getMessage in English: $1, $2... filled from `subs`, '' for an unknown name. */
export function englishMessage(name: string, subs?: string | string[]): string {
  const list = subs === undefined ? [] : Array.isArray(subs) ? subs : [subs];
  return messages[name]?.message.replace(/\$(\d)/g, (_m, i: string) => list[Number(i) - 1] ?? '') ?? '';
}

/** From now on in this test file, t() answers in English. */
export function speakEnglish(): void {
  (fakeBrowser.i18n as { getMessage: unknown }).getMessage = englishMessage;
}
