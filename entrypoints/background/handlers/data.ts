import { countPeople } from '@/utils/db/people';
import { readAll } from '@/utils/db/reads';
import { clearAll, importReceipt } from '@/utils/db/bulk';
import { exportFile } from '../exports';
import type { HandlersOf, World } from './context';

/** Everything at once: what is stored, export, delete all, and whether an import landed (imports themselves run over a port, imports.ts). */
export function dataHandlers(world: World): HandlersOf<'stats.get' | 'data.export' | 'data.deleteAll' | 'import.status'> {
  return {
    async 'stats.get'(_p, { db }) {
      const [people, encounters, events] = await Promise.all([countPeople(db), db.count('encounters'), db.count('events')]);
      return { people, encounters, events };
    },
    async 'data.export'({ format }, { db }) {
      return exportFile(await readAll(db), format, world.now());
    },
    async 'data.deleteAll'(_p, { db, changed }) {
      await clearAll(db, world.now().getTime());
      changed([]);
      return null;
    },
    async 'import.status'({ id }, { db }) {
      const receipt = await importReceipt(db, id);
      return receipt ? { landed: true, report: receipt.report } : { landed: false };
    },
  };
}
