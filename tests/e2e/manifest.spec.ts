import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { execSync } from 'node:child_process';
import { expect, test } from './fixtures';

// DESIGN.md, "Rules that protect users": the profile sites, their photo CDNs, storage,
// unlimitedStorage, alarms, notifications; nothing broader, and no externally_connectable.
// Chromium also has `scripting`, to register the Mastodon content script on the instances the user
// grants (no install warning; Firefox's MV2 contentScripts.register needs no permission).
const ALLOWED_PERMISSIONS: Record<string, string[]> = {
  'chrome-mv3': ['storage', 'unlimitedStorage', 'alarms', 'notifications', 'scripting', 'sidePanel'],
  'firefox-mv2': ['storage', 'unlimitedStorage', 'alarms', 'notifications'],
};
// Mastodon instances are many: none is declared. The only optional permissions are the patterns the
// user's grant of one instance (https://<instance>/*) or of the sync server (that, or http on this
// computer) must fall under; nothing is granted at install.
const OPTIONAL = ['https://*/*', 'http://localhost/*', 'http://127.0.0.1/*'];
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
const ALLOWED_HOSTS = [...PROFILE_HOSTS, ...PHOTO_HOSTS];
const out = resolve(process.env.KITH_OUT_DIR ?? '.output');

function manifest(target: string): Record<string, unknown> {
  const file = join(out, target, 'manifest.json');
  if (!existsSync(file)) execSync(`npx wxt build${target.startsWith('firefox') ? ' -b firefox' : ''}`, { stdio: 'inherit' });
  return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
}

for (const target of ['chrome-mv3', 'firefox-mv2']) {
  test(`${target}: asks for the listed permissions and hosts only`, () => {
    const m = manifest(target);
    const declared = [...((m.permissions as string[]) ?? []), ...((m.host_permissions as string[]) ?? [])];
    const hosts = declared.filter((p) => p.includes('://'));
    const apis = declared.filter((p) => !p.includes('://'));
    expect(apis.sort()).toEqual([...ALLOWED_PERMISSIONS[target]].sort());
    expect(hosts.sort()).toEqual([...ALLOWED_HOSTS].sort());
    // MV3 lists optional hosts apart; MV2 has one optional list for both.
    const optional = target === 'chrome-mv3' ? { hosts: m.optional_host_permissions, apis: m.optional_permissions } : { hosts: m.optional_permissions, apis: undefined };
    expect(optional.hosts).toEqual(OPTIONAL);
    expect(optional.apis ?? []).toEqual([]);
    if (target === 'firefox-mv2') expect(m).not.toHaveProperty('optional_host_permissions');
    expect(m).not.toHaveProperty('externally_connectable');
    // Only Kith's sidebar page, for its frame on profile pages; in Chromium never at a fixed URL.
    expect(m.web_accessible_resources).toEqual(
      target === 'chrome-mv3' ? [{ resources: ['sidebar.html'], matches: ['https://*/*'], use_dynamic_url: true }] : ['sidebar.html'],
    );
    // One content script a site, each on its own site's pages only; together, exactly the profile sites.
    const scripts = m.content_scripts as { matches: string[]; js: string[] }[];
    expect(scripts.flatMap((cs) => cs.matches).sort()).toEqual([...PROFILE_HOSTS].sort());
    expect(scripts.map((cs) => cs.js.join()).sort()).toEqual(['github', 'linkedin', 'x', 'xing'].map((s) => `content-scripts/${s}.js`));
    // Mastodon's is built, but registered at run time on granted instances only, never declared.
    expect(existsSync(join(out, target, 'content-scripts/mastodon.js'))).toBe(true);
    // No remote code: the content security policy, if any, allows only the extension's own scripts.
    expect(JSON.stringify(m.content_security_policy ?? '')).not.toMatch(/https?:|unsafe-eval/);
  });
}
