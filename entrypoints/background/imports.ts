import type { Runtime } from 'webextension-polyfill';
import * as v from 'valibot';
import { browser } from '#imports';
import { openKithDb, type KithDb } from '@/utils/db';
import { readAll } from '@/utils/db/reads';
import { putAll } from '@/utils/db/bulk';
import { parseBackup } from '@/utils/formats/json-backup';
import { mergeData } from '@/utils/import/merge';
import { parseConnections } from '@/utils/formats/linkedin-connections';
import { planConnectionsImport } from '@/utils/import/connections-plan';
import { ImportError } from '@/utils/formats/errors';
import type { KithData } from '@/utils/model/types';
import { MAX_IMPORT } from '@/utils/model/caps';
import { importPort, type ImportKind, type ImportProgress } from '@/utils/messages';
import { t } from '@/utils/i18n';
import type { Changes } from './changes';


/**
 * A browser refuses a single extension message over 64 MiB (Chromium: "Message exceeded maximum
 * allowed size of 64MiB"), so the page sends a big file in parts: every part but the last carries
 * `more: true`. A request without `more` is a whole file (the port's messages: utils/messages.ts).
 */

/** One import at a time across all ports: each reads the store, then writes, so two at once could both add a person. */
let queue: Promise<unknown> = Promise.resolve();

/**
 * An import, over a port so the page can show progress. Everything is checked before anything is
 * written; then all records go in ONE transaction, so a failure (or a stopped worker) leaves the
 * store exactly as it was.
 */
export function handleImportPort(port: Runtime.Port, changes: Pick<Changes, 'changed'>) {
  const sender = port.sender;
  if (sender?.id !== browser.runtime.id || !sender.url?.startsWith(browser.runtime.getURL('/'))) {
    port.disconnect();
    return;
  }
  const post = (m: ImportProgress) => {
    try {
      port.postMessage(m);
    } catch {
      // The page was closed; the import still finishes (or rolls back) on its own.
    }
  };
  let parts: string[] = [];
  let size = 0;
  let kind: ImportKind | undefined;
  let id: string | undefined;
  let started = false;
  const refuse = (error: string) => {
    parts = [];
    post({ stage: 'failed', error });
    port.disconnect();
  };

  port.onMessage.addListener((raw: unknown) => {
    if (started) return refuse(t('errorImportOnePerPort'));
    const parsed = v.safeParse(importPort.request, raw);
    if (!parsed.success) return refuse(t('errorImportMalformed'));
    const req = parsed.output;
    // Every part of one import is of the same kind, and names the same import if it names one.
    if ((kind !== undefined && req.kind !== kind) || (id !== undefined && req.id !== undefined && req.id !== id)) return refuse(t('errorImportMalformed'));
    kind = req.kind;
    id = req.id ?? id;
    size += req.text.length;
    // The background's own check of the largest import (it validates every message), in characters.
    if (size > MAX_IMPORT) {
      return refuse(t('errorImportTooBig', MAX_IMPORT / (1024 * 1024)));
    }
    parts.push(req.text);
    if (req.more === true) return;
    started = true;
    const text = parts.join('');
    parts = [];
    const run = () => runImport(req.kind, text, id, post, changes);
    queue = queue.then(run, run);
  });
}

async function runImport(
  kind: ImportKind,
  text: string,
  id: string | undefined,
  post: (m: ImportProgress) => void,
  changes: Pick<Changes, 'changed'>,
): Promise<void> {
  try {
    post({ stage: 'checking' });
    const { report, personIds } = await importInto(await openKithDb(), kind, text, {
      id,
      onProgress: (done, total) => post({ stage: 'writing', done, total }),
    });
    changes.changed(personIds);
    post({ stage: 'done', report });
  } catch (e) {
    if (e instanceof ImportError) post({ stage: 'failed', error: e.message, ...(e.line ? { line: e.line } : {}) });
    else post({ stage: 'failed', error: t('errorImportFailed', e instanceof Error ? e.message : String(e)) });
  }
}

/**
 * One import into a database: checks the whole file, plans the merge against what is stored, then
 * writes everything (and the receipt, when the import has an id) in one transaction. Throws an
 * ImportError naming the line for a bad file; the store is then exactly as it was.
 */
export async function importInto(
  db: KithDb,
  kind: ImportKind,
  text: string,
  opts: { id?: string | undefined; now?: number; onProgress?: (done: number, total: number) => void } = {},
): Promise<{ report: unknown; personIds: string[] }> {
  const now = opts.now ?? Date.now();
  const existing = await readAll(db);
  let report: unknown;
  let put: Partial<KithData>;
  if (kind === 'backup') {
    const merged = mergeData(existing, parseBackup(text));
    put = merged.put;
    report = merged.report;
  } else {
    // The events keep the names of events people were met at in their search terms.
    const plan = planConnectionsImport(existing.people, existing.encounters, parseConnections(text), now, existing.events);
    put = { people: plan.put };
    report = plan.report;
  }
  const receipt = opts.id ? { key: 'lastImport' as const, id: opts.id, kind, at: now, report } : undefined;
  await putAll(db, put, opts.onProgress, undefined, receipt);
  // Everyone whose record, face, voice note or drill card the import wrote (the drill's index reads cards by person).
  const personIds = new Set([...(put.people ?? []).map((p) => p.id), ...[put.photos, put.voiceNotes, put.drillCards].flatMap((list) => (list ?? []).map((r) => r.personId))]);
  return { report, personIds: [...personIds] };
}
