import { defineConfig } from 'vitest/config';

/**
 * The shared browser scenarios (tests/scenarios) in a real Firefox with the built MV2 extension:
 * `npm run test:firefox`. Each test starts its own Firefox; two files at once suit a 2-core machine.
 */
export default defineConfig({
  test: {
    include: ['tests/firefox/**/*.test.ts'],
    globalSetup: ['tests/firefox/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    maxWorkers: 2,
    retry: 0,
  },
});
