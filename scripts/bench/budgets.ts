/** The budgets (DESIGN.md, "Budgets") each figure is held to, as the report shows them. */
export const BUDGETS = {
  size: { max: 6 * 1024, text: '6 KB (6,144 B)' },
  watcher: { max: 1, text: 'under 1 ms, no DOM changes' },
  noDom: { max: 0, text: 'no DOM changes' },
  unsupported: { max: 0, text: 'nothing injected' },
  script: { max: 3, text: '3 ms' },
  warm: { max: 100, text: '100 ms' },
  cold: { max: 150, text: '150 ms' },
  nav: { max: 50, text: '50 ms' },
  panel: { max: 100, text: '100 ms' },
  popup: { max: 100, text: '100 ms' },
  overdue: { max: 20, text: '20 ms' },
  search: { max: 16, text: '16 ms' },
  import: { max: 5000, text: '5 s' },
  export: { max: 2000, text: '2 s' },
};
