// Lets Node run the project's TypeScript modules as they are written for the bundler: imports without
// an extension ('../text'), folder imports ('./db') and the '@/' alias (the project root). Used by
// `npm run bench` with `node --experimental-transform-types --import ./scripts/bench/register.mjs`.
import { register } from 'node:module';

register('./resolve-hook.mjs', import.meta.url);
