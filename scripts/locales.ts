import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Each surface keeps its own messages file (locales/<lang>/<surface>.json) so features can be worked
 * on side by side; the build merges them into the one _locales/<lang>/messages.json browsers read.
 * A key defined twice is an error, not a silent override.
 */
export function mergedLocales(root: string): { lang: string; json: string }[] {
  const dir = join(root, 'locales');
  return readdirSync(dir).map((lang) => {
    const merged: Record<string, unknown> = {};
    for (const file of readdirSync(join(dir, lang)).filter((f) => f.endsWith('.json')).sort()) {
      const messages = JSON.parse(readFileSync(join(dir, lang, file), 'utf8')) as Record<string, unknown>;
      for (const [key, value] of Object.entries(messages)) {
        if (key in merged) throw new Error(`locales/${lang}/${file}: message "${key}" is defined twice`);
        merged[key] = value;
      }
    }
    return { lang, json: JSON.stringify(merged, null, 1) };
  });
}
