// Stops the browser tests early, with a message that says how to get the browser they need.
import { existsSync } from 'node:fs';

const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean);
if (!candidates.some((p) => existsSync(p))) {
  console.error(
    '\nThe browser tests need Chromium, and none was found.\n' +
      'Install it (Debian/Ubuntu: `sudo apt-get install -y chromium`) or set CHROMIUM_PATH to a Chromium or Chrome binary.\n',
  );
  process.exit(1);
}
