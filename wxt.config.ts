import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { mergedLocales } from './scripts/locales';

// Hosts Kith reads profiles from, and the CDNs their photos come from (DESIGN.md, "Rules that protect users").
const PROFILE_HOSTS = ['https://*.linkedin.com/*'];
const PHOTO_HOSTS = ['https://media.licdn.com/*', 'https://*.licdn.com/*'];

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({ plugins: [preact()] }),
  // KITH_OUT_DIR lets parallel work (and the benchmark) build without overwriting each other's output.
  outDir: process.env.KITH_OUT_DIR ?? '.output',
  webExt: { disabled: true },
  hooks: {
    'build:publicAssets': (wxt, assets) => {
      for (const { lang, json } of mergedLocales(wxt.config.root)) {
        assets.push({ relativeDest: `_locales/${lang}/messages.json`, contents: json });
      }
    },
  },
  zip: { excludeSources: ['**/*'] },
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    permissions: ['storage', 'unlimitedStorage', 'alarms', 'notifications'],
    host_permissions: [...PROFILE_HOSTS, ...PHOTO_HOSTS],
    action: { default_title: 'Kith' },
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
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
  }),
});
