/** The import port: what it accepts (the protocol's schema), what it posts back, and that its change is reported once. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as v from 'valibot';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Runtime } from 'webextension-polyfill';
import { handleImportPort } from '../../entrypoints/background/imports';
import { closeKithDb } from '../../utils/db';
import { IMPORT_PORT, importPort } from '../../utils/messages';
import { speakEnglish } from './english';

speakEnglish();

const csv = readFileSync(resolve('tests/fixtures/files/Connections.csv'), 'utf8');

/** A port as the browser hands it to the background, from a page at `url`. */
function connect(url = fakeBrowser.runtime.getURL('/options.html')) {
  const posted: unknown[] = [];
  let listener: (m: unknown) => void = () => undefined;
  let disconnected = false;
  const port = {
    name: IMPORT_PORT,
    sender: { id: fakeBrowser.runtime.id, url },
    postMessage: (m: unknown) => posted.push(m),
    disconnect: () => (disconnected = true),
    onMessage: { addListener: (l: (m: unknown) => void) => (listener = l) },
  };
  const changed = vi.fn();
  handleImportPort(port as unknown as Runtime.Port, { changed });
  return { posted, changed, send: (m: unknown) => listener(m), disconnected: () => disconnected };
}

beforeEach(() => fakeBrowser.reset());
afterEach(() => closeKithDb());

describe('the import port', () => {
  it('imports the parts of one file, posting progress the protocol describes, and reports the change once', async () => {
    const port = connect();
    const half = Math.floor(csv.length / 2);
    port.send({ kind: 'connections', text: csv.slice(0, half), more: true, id: 'import-1' });
    port.send({ kind: 'connections', text: csv.slice(half), id: 'import-1' });
    await vi.waitFor(() => expect(port.posted.at(-1)).toMatchObject({ stage: 'done' }));
    for (const m of port.posted) expect(v.is(importPort.progress, m), JSON.stringify(m)).toBe(true);
    expect(port.posted[0]).toEqual({ stage: 'checking' });
    expect(port.changed).toHaveBeenCalledOnce();
    expect(port.changed.mock.calls[0]![0].length).toBeGreaterThan(0);
  });

  it('refuses what the protocol does not describe, a second import, and parts that do not belong together', async () => {
    for (const bad of [null, 'text', { kind: 'vcard', text: '' }, { kind: 'backup' }, { kind: 'backup', text: '', more: 'yes' }, { kind: 'backup', text: '', extra: 1 }]) {
      const port = connect();
      port.send(bad);
      expect(port.posted).toEqual([{ stage: 'failed', error: 'Refused: malformed import request.' }]);
      expect(port.disconnected()).toBe(true);
    }
    const mixed = connect();
    mixed.send({ kind: 'connections', text: 'a', more: true, id: 'one' });
    mixed.send({ kind: 'connections', text: 'b', id: 'two' });
    expect(mixed.posted).toEqual([{ stage: 'failed', error: 'Refused: malformed import request.' }]);

    const twice = connect();
    twice.send({ kind: 'connections', text: csv });
    twice.send({ kind: 'connections', text: csv });
    expect(twice.posted).toContainEqual({ stage: 'failed', error: 'Refused: one import per connection.' });
    // The first import still lands (the store is all or nothing), once.
    await vi.waitFor(() => expect(twice.posted.at(-1)).toMatchObject({ stage: 'done' }));
    expect(twice.changed).toHaveBeenCalledOnce();
  });

  it('is not opened from a web page', () => {
    const port = connect('https://www.linkedin.com/in/anna/');
    expect(port.disconnected()).toBe(true);
    port.send({ kind: 'connections', text: csv });
    expect(port.posted).toEqual([]);
  });
});
