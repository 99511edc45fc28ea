/**
 * The small surface the shared browser scenarios (tests/scenarios/*.ts) are written against. Each
 * browser has one implementation: Chromium through Playwright (tests/e2e/scenarios.spec.ts) and Firefox
 * through puppeteer-core over WebDriver BiDi (tests/firefox/driver.ts). A scenario never touches a
 * browser library directly, so one list of scenarios runs in both.
 *
 * Elements are found the way a user (or a screen reader) finds them: by ARIA role and exact accessible
 * name, optionally inside another element. Only Kith's own UI is searched: on a web page, inside
 * Kith's sidebar frame (its own page, in a closed shadow root the page cannot open), never the site's
 * elements; on Kith's pages, the whole document.
 */

type Role =
  | 'alert'
  | 'article'
  | 'button'
  | 'cell'
  | 'checkbox'
  | 'combobox'
  | 'complementary'
  | 'group'
  | 'heading'
  | 'link'
  | 'list'
  | 'listbox'
  | 'listitem'
  | 'option'
  | 'progressbar'
  | 'radio'
  | 'region'
  | 'row'
  | 'searchbox'
  | 'spinbutton'
  | 'status'
  | 'textbox';

export interface Target {
  role: Role;
  /** The exact accessible name; leave it out to match any element of the role. */
  name?: string;
  /** Look only inside the first element matching this. */
  within?: Target;
}

type BrowserName = 'chromium' | 'firefox';

/** A response the browser gets instead of going to the network. */
export interface Route {
  url: RegExp;
  body: string | Uint8Array;
  contentType?: string;
}

export interface Tab {
  /** Loads a web page (served by a route) and waits for it to load. */
  goto(url: string): Promise<void>;
  /** Reloads the page (web page or Kith page) and waits until it has loaded again. */
  reload(): Promise<void>;
  url(): Promise<string>;
  /** Runs a function in the page (Kith's pages have the extension API: `browser` or `chrome`). */
  evaluate<R, A = undefined>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R>;
  /**
   * Runs a function in Kith's own document: on a web page, the sidebar's frame (waiting a few seconds
   * for it to be there); on Kith's pages, the page itself.
   */
  evaluateInKith<R, A = undefined>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R>;

  /** Actions wait (a few seconds) for the target to be there, then act like a user would. */
  click(t: Target): Promise<void>;
  /** Replaces the field's text. */
  fill(t: Target, value: string): Promise<void>;
  /** Types into the field key by key, after what is there. */
  type(t: Target, text: string): Promise<void>;
  /** Presses one key (Playwright's names: 'Enter', 'Tab', 'Escape') with the focus in the target. */
  press(t: Target, key: string): Promise<void>;
  /** Picks the option of a <select> by its visible label. */
  select(t: Target, label: string): Promise<void>;
  /** Gives a file input (found by CSS selector: file inputs have no useful role) these files. */
  upload(selector: string, path: string): Promise<void>;
  /** Clicks the target and returns the file the page downloads. */
  download(t: Target): Promise<{ filename: string; text: string }>;
  /**
   * Brings this tab to the front and runs one of Kith's keyboard shortcuts there (a `commands` entry
   * of the manifest, e.g. 'toggle-sidebar'). Firefox: its keys are pressed in the browser window, and
   * Firefox's own shortcut handling fires the command. Headless Chromium cannot press an extension's
   * shortcut, so the command event is dispatched to Kith's background, as Chromium would on the keys.
   */
  shortcut(command: string): Promise<void>;

  /** Reads do not wait: poll them with `until` (tests/scenarios/assert.ts). */
  count(t: Target): Promise<number>;
  /** The text content of each match, trimmed, in document order. */
  texts(t: Target): Promise<string[]>;
  /** The form value of the first match, or null when there is none. */
  value(t: Target): Promise<string | null>;
  /** An attribute of the first match, or null. */
  attribute(t: Target, name: string): Promise<string | null>;

  /** The messages of the dialogs (alert, confirm) the page opened; each was dismissed. */
  readonly dialogs: string[];
  close(): Promise<void>;
}

export interface KithBrowser {
  readonly name: BrowserName;
  /** Serves responses at these URLs (every other request from the browser's tabs fails). */
  serve(route: Route): Promise<void>;
  /** A new tab on a web page. */
  open(url: string): Promise<Tab>;
  /** A new tab on one of Kith's pages: 'popup.html', 'options.html'. */
  openExtensionPage(path: string): Promise<Tab>;
  /** Closes the browser and starts it again on the same profile, with Kith still installed and the same routes served. */
  restart(): Promise<void>;
  /** Errors Kith's background logged (console.error) since the browser started. */
  backgroundErrors(): Promise<string[]>;
  close(): Promise<void>;
}

export interface Scenario {
  name: string;
  run(browser: KithBrowser): Promise<void>;
  /** Milliseconds; the runner's default otherwise. */
  timeout?: number;
}
