import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { fileURLToPath } from 'node:url';
import { mergedLocales } from './scripts/locales';

// Hosts Kith reads profiles from, and the CDNs their photos come from (DESIGN.md, "Rules that protect users").
// They are the content scripts' matches (entrypoints/*.content), which the background also checks
// senders against. Mastodon instances are not here: each is an optional permission the user grants.
const PROFILE_HOSTS = [
  'https://*.linkedin.com/*',
  'https://github.com/*',
  'https://x.com/*',
  'https://mobile.x.com/*',
  'https://twitter.com/*',
  'https://mobile.twitter.com/*',
  'https://www.xing.com/*',
];
const PHOTO_HOSTS = ['https://*.licdn.com/*', 'https://avatars.githubusercontent.com/*', 'https://pbs.twimg.com/*', 'https://profile-images.xing.com/*'];
/**
 * Mastodon instances are many and anywhere, so none is declared: the options page asks for exactly
 * `https://<instance>/*` when the user adds one (permissions.request), and the browser can only grant
 * an origin the manifest lists as optional, hence this pattern. Optional means nothing is granted or
 * shown at install. Chromium (MV3) lists it in optional_host_permissions; Firefox's MV2 build in
 * optional_permissions (MV2 has no separate host list).
 */
const MASTODON_INSTANCES = 'https://*/*';
/**
 * The sync server (Options → Sync, issue 17) is the user's own CouchDB: the options page asks for its
 * origin alone, when the server does not already let Kith in by CORS. An https server falls under the
 * pattern above; http is allowed only for a server on this computer.
 */
const SYNC_SERVERS = [MASTODON_INSTANCES, 'http://localhost/*', 'http://127.0.0.1/*'];

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  // Explicit imports only (STYLE.md): `#imports` for WXT's APIs, paths for our own modules. Auto-imports
  // would also put utils/content-script-context.ts (the content scripts' own context) in WXT's place.
  imports: false,
  vite: () => ({ plugins: [preact()], build: { sourcemap: !!process.env.KITH_SOURCEMAP } }),
  // KITH_OUT_DIR lets parallel work (and the benchmark) build without overwriting each other's output.
  outDir: process.env.KITH_OUT_DIR ?? '.output',
  webExt: { disabled: true },
  hooks: {
    // The content script runs on someone else's page and has a 15 KB budget: it uses the browsers'
    // native promise APIs instead of webextension-polyfill (see utils/browser-native.ts).
    'vite:build:extendConfig': (entrypoints, config) => {
      if (!entrypoints.every((e) => e.type === 'content-script')) return;
      config.resolve ??= {};
      const own = (file: string) => fileURLToPath(new URL(file, import.meta.url));
      const alias = config.resolve.alias;
      const entries = [
        { find: /^webextension-polyfill$/, replacement: own('./utils/browser-native.ts') },
        // A lighter context that says nothing to the page (see utils/content-script-context.ts).
        { find: /^wxt\/utils\/content-script-context$/, replacement: own('./utils/content-script-context.ts') },
      ];
      // Terser with several passes takes a few hundred bytes more off the script than the default minifier.
      config.build = { ...config.build, minify: 'terser', terserOptions: { compress: { passes: 3 }, ecma: 2020 } };
      config.resolve.alias = Array.isArray(alias)
        ? [...entries, ...alias]
        : [...entries, ...Object.entries(alias ?? {}).map(([find, replacement]) => ({ find, replacement: replacement as string }))];
    },
    'build:publicAssets': (wxt, assets) => {
      for (const { lang, json } of mergedLocales(wxt.config.root)) {
        assets.push({ relativeDest: `_locales/${lang}/messages.json`, contents: json });
      }
    },
  },
  // The sources zip (for Firefox review) holds the project, not build outputs, test artefacts or the
  // store screenshots (a few MB the build never reads).
  zip: { excludeSources: ['.output*/**', 'test-results/**', 'playwright-report/**', 'bench-results/**', '.ci/**', 'docs/screenshots/**'] },
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // Chromium registers the Mastodon content script with scripting.registerContentScripts, which needs
    // `scripting` (no install warning: it grants no site by itself). Firefox's MV2 build uses
    // contentScripts.register, which needs no permission (utils/compat.ts, runtimeContentScripts).
    permissions: ['storage', 'unlimitedStorage', 'alarms', 'notifications', ...(browser === 'firefox' ? [] : ['scripting'])],
    host_permissions: [...PROFILE_HOSTS, ...PHOTO_HOSTS],
    ...(browser === 'firefox' ? { optional_permissions: SYNC_SERVERS } : { optional_host_permissions: SYNC_SERVERS }),
    action: { default_title: 'Kith' },
    // Kith's sidebar is its own page in a frame on the profile page (utils/content/frame.ts). Chromium
    // serves it under a per-session id (use_dynamic_url), so no page can probe for Kith at a fixed URL;
    // Firefox's moz-extension address is random per install already. Every https page, because
    // Mastodon instances are wherever the user's are.
    web_accessible_resources:
      browser === 'firefox' ? ['sidebar.html'] : [{ resources: ['sidebar.html'], matches: ['https://*/*'], use_dynamic_url: true }],
    commands: {
      'toggle-sidebar': {
        suggested_key: { default: 'Alt+Shift+K' },
        description: '__MSG_commandToggleSidebar__',
      },
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'kith@kith.example',
              // data_collection_permissions came in Firefox 140 on desktop (140 is the current ESR,
              // which Debian and many companies ship) and in 142 on Android.
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['none'] },
            },
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  }),
});
