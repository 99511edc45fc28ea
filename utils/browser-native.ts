/**
 * The content script's `browser`: the browser's own promise-based extension API (Firefox's `browser`,
 * Chrome MV3's `chrome`), in place of webextension-polyfill, which costs ~3 KB gzipped of the 15 KB
 * content-script budget. Everything the content script calls (runtime.sendMessage, runtime.onMessage
 * with listeners that return nothing, storage.local, i18n) returns promises natively in both.
 * The background and the extension pages keep the polyfill. Aliased in wxt.config.ts.
 */
const g = globalThis as unknown as { browser?: { runtime?: { id?: string } }; chrome?: unknown };
const native = g.browser?.runtime?.id ? g.browser : g.chrome;
export default native;
