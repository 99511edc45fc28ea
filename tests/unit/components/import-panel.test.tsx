// @vitest-environment jsdom
/** The options page's imports (components/options/ImportPanel.tsx) against the import port's protocol. */
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ImportPanel } from '../../../components/options/ImportPanel';
import { IMPORT_PORT } from '../../../utils/messages';
import { speakEnglish } from '../english';

speakEnglish();

/** The port the panel connects, as the page sees it: what it posted, and a way to answer it. */
let port: { name: string; posted: unknown[]; reply: (m: unknown) => void };

beforeEach(() => {
  fakeBrowser.reset();
  speakEnglish();
  (fakeBrowser.runtime as { connect: unknown }).connect = ({ name }: { name: string }) => {
    const listeners: Array<(m: unknown) => void> = [];
    port = { name, posted: [], reply: (m) => listeners.forEach((l) => l(m)) };
    return {
      name,
      postMessage: (m: unknown) => port.posted.push(m),
      disconnect: () => undefined,
      onMessage: { addListener: (l: (m: unknown) => void) => listeners.push(l) },
      onDisconnect: { addListener: () => undefined },
    };
  };
});
afterEach(() => cleanup());
// Preact runs effects after a paint: a rAF raced by a 100 ms timer that cancels it. Let a pending one
// finish while jsdom is still here (after teardown it finds no cancelAnimationFrame).
afterAll(() => new Promise((r) => setTimeout(r, 150)));

/** Chooses a Connections.csv in the panel and waits for its first part to be posted. */
async function chooseConnections(): Promise<void> {
  render(<ImportPanel onImported={() => undefined} />);
  const input = screen.getByLabelText('Import LinkedIn Connections.csv') as HTMLInputElement;
  const file = new File(['First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n'], 'Connections.csv', { type: 'text/csv' });
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  fireEvent.change(input);
  await waitFor(() => expect(port?.posted).toHaveLength(1));
  expect(port.name).toBe(IMPORT_PORT);
}

describe('the import panel', () => {
  it('shows the progress the protocol describes', async () => {
    await chooseConnections();
    port.reply({ stage: 'writing', done: 500, total: 1200 });
    expect(await screen.findByText('Writing 500 of 1,200 records…')).toBeTruthy();
    expect((screen.getByRole('progressbar') as HTMLProgressElement).value).toBe(500);
  });

  it('refuses a progress message the protocol does not describe, showing nothing of it', async () => {
    await chooseConnections();
    expect(() => port.reply({ stage: 'writing', done: '500', total: 1200 })).toThrow();
    expect(() => port.reply({ stage: 'failed' })).toThrow();
    await new Promise((r) => setTimeout(r, 20));
    expect(screen.queryByText(/Writing/)).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
    // The import goes on: a later message the protocol describes is shown.
    port.reply({ stage: 'failed', error: 'a reason', line: 3 });
    expect((await screen.findByRole('alert')).textContent).toContain('Line 3: a reason');
  });
});
