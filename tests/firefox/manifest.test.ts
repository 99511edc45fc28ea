/**
 * The Firefox build as addons.mozilla.org sees it: a stable add-on id, its data collection declared as
 * none, a minimum version no newer than the Firefox these tests run in, and `web-ext lint` with no
 * errors and no warnings from Kith's own code.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { expect, test } from 'vitest';
import webExt from 'web-ext';
import { EXTENSION_DIR, firefoxPath } from './driver';

type Message = { code: string; message: string; file?: string; line?: number; column?: number };

const manifest = () => JSON.parse(readFileSync(join(EXTENSION_DIR, 'manifest.json'), 'utf8'));

test('a stable add-on id, data collection declared as none, MV2 with its toolbar button', () => {
  const m = manifest();
  expect(m.manifest_version).toBe(2);
  expect(m.browser_specific_settings.gecko).toMatchObject({ id: 'kith@kith.example', data_collection_permissions: { required: ['none'] } });
  expect(m.browser_action).toMatchObject({ default_popup: 'popup.html' });
  expect(m.action).toBeUndefined();
});

test('installs in the Firefox the tests run in (Debian ships the 140 ESR)', () => {
  const version = execFileSync(firefoxPath()!, ['--version'], { encoding: 'utf8' }).match(/(\d+)\.\d+/)![1];
  const min = manifest().browser_specific_settings.gecko.strict_min_version as string;
  expect(Number(min.split('.')[0])).toBeLessThanOrEqual(Number(version));
});

test('web-ext lint: no errors, and the only warnings are Preact’s dangerouslySetInnerHTML', { timeout: 120_000 }, async () => {
  const result = (await webExt.cmd.lint({ sourceDir: EXTENSION_DIR, selfHosted: true, output: 'none' }, { shouldExitProgram: false })) as {
    errors: Message[];
    warnings: Message[];
  };
  expect(result.errors).toEqual([]);
  // Kith's own code never assigns innerHTML (an ESLint rule forbids it); Preact's runtime does, for
  // dangerouslySetInnerHTML, which Kith never uses. Each warning must point at that code.
  const notPreacts = result.warnings.filter((w) => {
    if (w.code !== 'UNSAFE_VAR_ASSIGNMENT' || !w.file || !w.line || w.column === undefined) return true;
    const line = readFileSync(join(EXTENSION_DIR, w.file), 'utf8').split('\n')[w.line - 1];
    return !/[\w$]+\.innerHTML=[\w$]+\.__html/.test(line.slice(Math.max(0, w.column - 40), w.column + 40));
  });
  expect(notPreacts).toEqual([]);
});
