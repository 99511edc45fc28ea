// Stops the browser tests early, with a message that says how to get the browser they need.
// `node scripts/check-browsers.mjs` checks for Chromium (Playwright's tests), `... firefox` for Firefox.
import { existsSync } from 'node:fs';

const browsers = {
  chromium: {
    candidates: [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'],
    message:
      '\nThe browser tests need Chromium, and none was found.\n' +
      'Install it (Debian/Ubuntu: `sudo apt-get install -y chromium`) or set CHROMIUM_PATH to a Chromium or Chrome binary.\n',
  },
  // The same places as tests/firefox/driver.ts looks.
  firefox: {
    candidates: [process.env.FIREFOX_PATH, '/usr/lib/firefox-esr/firefox-esr', '/usr/lib/firefox/firefox', '/usr/bin/firefox-esr', '/usr/bin/firefox'],
    message:
      '\nThe Firefox browser tests need Firefox (140 or newer), and none was found.\n' +
      'Install it (Debian/Ubuntu: `sudo apt-get install -y firefox-esr`) or set FIREFOX_PATH to a Firefox binary.\n',
  },
};

const name = process.argv[2] ?? 'chromium';
const browser = browsers[name];
if (!browser) {
  console.error(`check-browsers: unknown browser "${name}" (chromium or firefox)`);
  process.exit(2);
}
if (!browser.candidates.filter(Boolean).some((p) => existsSync(p))) {
  console.error(browser.message);
  process.exit(1);
}
