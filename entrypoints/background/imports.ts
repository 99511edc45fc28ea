import type { Runtime } from 'webextension-polyfill';
import { browser } from '#imports';
import { openKithDb } from '@/utils/db';
import { readAll } from '@/utils/db/reads';
import { putAll } from '@/utils/db/bulk';
import { parseBackup } from '@/utils/formats/json-backup';
import { mergeData } from '@/utils/formats/merge';
import { parseConnections, planConnectionsImport } from '@/utils/formats/linkedin-connections';
import { ImportError } from '@/utils/formats/errors';
import type { KithData } from '@/utils/types';
import type { ImportProgress, ImportRequest } from '@/utils/messages';

/**
 * An import, over a port so the page can show progress. Everything is checked before anything is
 * written; then all records go in ONE transaction, so a failure (or a stopped worker) leaves the
 * store exactly as it was.
 */
export function handleImportPort(port: Runtime.Port, deps: { changed: (ids: string[]) => void }) {
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
  port.onMessage.addListener(async (raw: unknown) => {
    const req = raw as Partial<ImportRequest>;
    if (!req || (req.kind !== 'backup' && req.kind !== 'connections') || typeof req.text !== 'string') {
      post({ stage: 'failed', error: 'Refused: malformed import request.' });
      return;
    }
    try {
      post({ stage: 'checking' });
      const db = await openKithDb();
      const existing = await readAll(db);
      let report: unknown;
      let put: Partial<KithData>;
      if (req.kind === 'backup') {
        const merged = mergeData(existing, parseBackup(req.text));
        put = merged.put;
        report = merged.report;
      } else {
        const plan = planConnectionsImport(existing.people, existing.encounters, parseConnections(req.text), Date.now());
        put = { people: plan.put };
        report = plan.report;
      }
      await putAll(db, put, (done, total) => post({ stage: 'writing', done, total }));
      deps.changed(put.people?.map((p) => p.id) ?? []);
      post({ stage: 'done', report });
    } catch (e) {
      if (e instanceof ImportError) post({ stage: 'failed', error: e.message, ...(e.line ? { line: e.line } : {}) });
      else post({ stage: 'failed', error: `The import failed and nothing was changed: ${e instanceof Error ? e.message : String(e)}` });
    }
  });
}
