/**
 * Imports and exports at the budgets' scale: every export format of the export data set, what they all
 * read first, and a Connections.csv import into an empty store and again onto the same people.
 */
import { parseConnections } from '../../utils/formats/linkedin-connections.ts';
import { planConnectionsImport } from '../../utils/import/connections-plan.ts';
import { extensionPage, kith } from './browser.ts';
import { BUDGETS } from './budgets.ts';
import { CSV_ROWS, EXPORT_PEOPLE, PROFILE, RUNS, SEED, TODAY } from './config.ts';
import { generateConnectionsCsv } from './generate.ts';
import { profileNotes, profileWorker } from './profiling.ts';
import { row } from './report.ts';
import { importText } from './seed.ts';
import { noteChromium, seededBrowser, withFreshBrowser } from './seeded-browsers.ts';
import { log, phase, rows } from './session.ts';
import { EXPORT_FORMATS, queueForSyncInWorker, rawPutFloor, readAllInWorker, timeMessage, type IndexVariant } from './store.ts';

/** Exports of the export data set, then Connections.csv imports, each in a browser of its own. */
export function measureImportsAndExports(): Promise<void> {
  return phase('io', 'imports and exports of 30,000 people', async () => {
    const { b, seedMs: exportSeedMs } = await seededBrowser('exports', EXPORT_PEOPLE, `${SEED}-exports`, []);
    await noteChromium(b);
    const page = await extensionPage(b, 'options.html');
    for (const format of EXPORT_FORMATS) {
      const size = (await kith<{ text: string }>(page, 'data.export', { format })).text.length; // also a warm-up
      const ms = await timeMessage(page, 'data.export', { format }, RUNS);
      if (PROFILE) {
        await profileWorker(b, page, `worker-export-${format}`, `export ${format} of ${EXPORT_PEOPLE} people`, async () => {
          await kith(page, 'data.export', { format });
        });
      }
      rows.push(row(`export.${format}`, `export of ${EXPORT_PEOPLE.toLocaleString('en-US')} people: ${format}`, 'ms', BUDGETS.export, ms,
        `data.export message round trip from the options page (the file's text comes back in the reply: ${(size / 1e6).toFixed(1)} M characters)`));
    }
    const reads = await readAllInWorker(b, RUNS);
    rows.push(row('export.readAll', `  what every export reads first: getAll() of the four stores (${EXPORT_PEOPLE.toLocaleString('en-US')} people)`, 'ms', null, reads,
      'the same requests as readAll (utils/db/reads.ts), on a second connection inside the service worker'));
    if (exportSeedMs !== null) rows.push(row('seed.exports', `(seeding: backup import of ${EXPORT_PEOPLE.toLocaleString('en-US')} people)`, 'ms', null, [exportSeedMs]));
    await b.close();

    // Imports into an empty store: each in a new browser profile, as a first import is (a store emptied
    // by delete-all is not the same: IndexedDB still skips the deleted records' tombstones for a while).
    const csv = generateConnectionsCsv({ seed: SEED, rows: CSV_ROWS, today: TODAY });
    const first: number[] = [];
    const again: number[] = [];
    const checking: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      await withFreshBrowser(async (fresh, page) => {
        const t = await importText(fresh, page, 'connections', csv);
        first.push(t.totalMs);
        checking.push(t.checkedMs);
        log(`  import ${i + 1}/${RUNS}: ${(t.totalMs / 1000).toFixed(1)} s (first write after ${(t.checkedMs / 1000).toFixed(1)} s)`);
        // The last profile keeps these people: import the same file again onto them.
        if (i === RUNS - 1) for (let j = 0; j < RUNS; j++) again.push((await importText(fresh, page, 'connections', csv)).totalMs);
      });
    }
    // The same import with sync connected: every record it writes is also queued for sync.
    const syncing: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      await withFreshBrowser(async (fresh, page) => {
        await queueForSyncInWorker(fresh);
        const t = await importText(fresh, page, 'connections', csv);
        syncing.push(t.totalMs);
        log(`  import with sync connected ${i + 1}/${RUNS}: ${(t.totalMs / 1000).toFixed(1)} s`);
      });
    }
    if (PROFILE) {
      await withFreshBrowser(async (fresh) => {
        // The floor under any import of these rows: the same people written by bare put() calls.
        const people = planConnectionsImport([], [], parseConnections(csv), Date.now(), []).put;
        for (const variant of ['all indexes', 'v4 with byTerm', 'no index'] as IndexVariant[]) {
          const ms = await rawPutFloor(fresh, people, variant);
          const text = `IndexedDB floor: ${people.length} imported people put() in one transaction, ${variant}: ${ms.toFixed(0)} ms`;
          profileNotes.push(text);
          log(`  ${text}`);
        }
      });
      await withFreshBrowser((fresh, page) =>
        profileWorker(fresh, page, 'worker-import', `import of ${CSV_ROWS} Connections.csv rows into an empty store`, async () => {
          await importText(fresh, page, 'connections', csv);
        }),
      );
    }
    rows.push(
      row('import.connections', `import of a ${CSV_ROWS.toLocaleString('en-US')}-row Connections.csv into an empty store`, 'ms', BUDGETS.import, first,
        `over the import port from the options page of a new browser profile, first part posted to {stage: 'done'}; ${(csv.length / 1e6).toFixed(1)} M characters`),
      row('import.connections.checked', '  of which reading and checking (until the first 500 records were written)', 'ms', null, checking),
      row('import.connections.again', `the same ${CSV_ROWS.toLocaleString('en-US')} rows imported again (all unchanged)`, 'ms', BUDGETS.import, again),
      row('import.connections.syncing', `the same import into an empty store with sync connected`, 'ms', BUDGETS.import, syncing,
        'each record also queued for sync in the same transaction (utils/db/outbox.ts); no server: nothing is sent'),
    );
  }, (e) => [row('import.connections', 'import of Connections.csv', 'ms', BUDGETS.import, [], e), ...EXPORT_FORMATS.map((f) => row(`export.${f}`, `export ${f}`, 'ms', BUDGETS.export, [], e))]);
}
