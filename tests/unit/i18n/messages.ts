import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** One message of an extension locale file. */
export type Message = { message: string; description?: string; placeholders?: Record<string, { content: string; example?: string }> };
export type Messages = Record<string, Message>;

const LOCALES_DIR = resolve('locales');

/** The languages Kith ships (locales/<lang>/). */
export const languages = (): string[] => readdirSync(LOCALES_DIR).filter((d) => !d.includes('.')).sort();

/** The surface files of one language (common.json, popup.json...). */
export const surfaceFiles = (lang: string): string[] => readdirSync(join(LOCALES_DIR, lang)).filter((f) => f.endsWith('.json')).sort();

export function readSurface(lang: string, file: string): Messages {
  return JSON.parse(readFileSync(join(LOCALES_DIR, lang, file), 'utf8')) as Messages;
}

/**
 * A stand-in for `browser.i18n.getMessage` over one language's messages, as Chromium and Firefox
 * answer: $1..$9 filled from the substitutions, '' for a message that does not exist.
 */
export function getMessageFrom(messages: Messages) {
  return (name: string, subs?: string | string[]): string => {
    const list = subs === undefined ? [] : Array.isArray(subs) ? subs : [subs];
    return messages[name]?.message.replace(/\$(\d)/g, (_m, i: string) => list[Number(i) - 1] ?? '') ?? '';
  };
}
