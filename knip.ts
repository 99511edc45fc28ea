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
    // The tests' CouchDB-protocol server: started as a program (its bin), never imported.
    'pouchdb-server',
  ],
};

export default config;
