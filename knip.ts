/**
 * knip (`npm run lint`): unused files, exports and dependencies fail the build. Everything that starts
 * code is named here, since knip cannot see what WXT and a few configs start by name.
 */
import type { KnipConfig } from 'knip';

const config: KnipConfig = {
  // `!`: what ships, so that `knip --production` finds code only the tests use.
  entry: [
    // WXT entrypoints: a folder's index (background, each <site>.content), or an extension page's
    // index.html, whose scripts the html compiler below follows.
    'entrypoints/*/index.{ts,tsx,html}!',
    'wxt.config.ts!',
    // wxt.config.ts swaps these in for the content scripts by path (resolve.alias), not by import.
    'utils/browser-native.ts!',
    'utils/content-script-context.ts!',
    // Scripts run by hand or from package.json, and the module hooks the benchmark registers by path.
    'scripts/*.{mjs,ts}',
    'scripts/bench/js-costs.ts',
    'scripts/bench/*.mjs',
  ],
  project: ['**/*.{ts,tsx,mjs,js,html}!', '!tests/fixtures/**', '!{tests,scripts}/**!'],
  // WXT's own plugin makes every file under entrypoints/ an entry, so nothing there would ever be found
  // unused; the entries above say which files WXT really starts.
  wxt: false,
  vitest: { config: ['vitest.config.ts', 'vitest.firefox.config.ts'] },
  playwright: { config: ['playwright.config.ts'] },
  compilers: {
    // An extension page's scripts are its imports.
    html: (text: string) =>
      [...text.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)].map(([, src]) => `import '${src}';`).join('\n'),
  },
  // WXT's virtual module of its own APIs: it exists only inside WXT's build.
  ignoreUnresolved: ['#imports'],
  ignoreDependencies: [
    // Named in wxt.config.ts as a WXT module and as Vite's minifier: loaded by name, never imported.
    '@wxt-dev/webextension-polyfill',
    'terser',
    // @testing-library/preact's peer: pinned here, imported by it.
    '@testing-library/dom',
  ],
  // TEMPORARY, for the merge of issue 20's branches: files that other branches rewrite, where knip found
  // exports used only in their own file (the `export` should go) or nowhere. Delete this block once they
  // are merged, and fix whatever knip then reports:
  //   components/ExportPanel.tsx downloadText; ImportPanel.tsx MAX_IMPORT_BYTES; ImportReport.tsx
  //   VISIBLE_NAMES, isMergeReport, isConnectionsReport; NetworkEvents.tsx eventDates;
  //   entrypoints/background/first-screen.ts FIRST_SCREEN_DELAY_MS; imports.ts MAX_IMPORT_CHARS;
  //   messages.ts STORAGE_RETRY_MS; reminders.ts NOTIFICATION_NAMES;
  //   utils/db/writes.ts writeTx, findByKeys; people-list.ts type FollowUpFilter;
  //   utils/formats/csv.ts FORMULA_START; ical.ts ALARM_SECONDS_AFTER_MIDNIGHT; json-backup.ts
  //   MAX_PHOTO_DATA_URL; merge.ts the re-export of derivePersonFields; shared.ts KIND_LABELS; vcard.ts
  //   escapeText; utils/messages.ts PEOPLE_SORTS, FOLLOWUP_FILTERS, EXPORT_FORMATS, and the types
  //   ChangedNotice and ToggleNotice (declared, never used).
  ignoreIssues: {
    'components/{ExportPanel,ImportPanel,ImportReport,NetworkEvents}.tsx': ['exports'],
    'entrypoints/background/{first-screen,imports,messages,reminders}.ts': ['exports'],
    'utils/db/writes.ts': ['exports'],
    'utils/db/people-list.ts': ['types'],
    'utils/formats/{csv,ical,json-backup,merge,shared,vcard}.ts': ['exports'],
    'utils/messages.ts': ['exports', 'types'],
  },
};

export default config;
