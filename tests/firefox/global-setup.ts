import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { firefoxPath, HOW_TO_GET_FIREFOX } from './driver';

/** Stops early without Firefox, and builds the Firefox extension when `npm run build` has not. */
export default function globalSetup() {
  if (!firefoxPath()) throw new Error(HOW_TO_GET_FIREFOX);
  if (!existsSync(resolve(process.env.KITH_OUT_DIR ?? '.output', 'firefox-mv2/manifest.json'))) {
    execSync('npx wxt build -b firefox', { stdio: 'inherit' });
  }
}
