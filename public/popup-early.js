// Kith's popup asks the background for the follow-ups here, while the page's modules are still loading
// (a plain script in <head> runs tens of milliseconds before them): firstPopupData (entrypoints/popup/App.tsx) takes
// the answer if it asked for what it needs (FIRST_SCREEN rows a group), else asks again.
globalThis.kithEarly = {
  limit: 8,
  reply: (globalThis.browser ?? globalThis.chrome).runtime.sendMessage({ kith: 'followups.list', payload: { limit: 8 } }),
};
