import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

// Hosts Kith reads profiles from, and the CDNs their photos come from (DESIGN.md, "Rules that protect users").
const PROFILE_HOSTS = ['https://*.linkedin.com/*'];
const PHOTO_HOSTS = ['https://media.licdn.com/*', 'https://*.licdn.com/*'];

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({ plugins: [preact()] }),
  webExt: { disabled: true },
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
