import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/** The browser tests drive the built extension; build it when `npm run build` has not. */
export default function globalSetup() {
  if (!existsSync(resolve(process.env.KITH_OUT_DIR ?? '.output', 'chrome-mv3/manifest.json'))) {
    execSync('npx wxt build', { stdio: 'inherit' });
  }
}
