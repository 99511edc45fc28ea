import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createHandler, originOf, type HandlerDeps } from '../../entrypoints/background/router';
import { BASE, CONTENT, EXT, SIDEBAR, handlerDeps, pageSender } from './handler-harness';
import { closeKithDb, openKithDb } from '../../utils/db';
import { call, KithError } from '../../utils/client';

const PAGE = pageSender('popup.html');

let dbName: string;
let changed: string[][];
let deps: HandlerDeps;

beforeEach(() => {
  dbName = `kith-msg-${Math.random()}`;
  changed = [];
  deps = { ...handlerDeps(dbName, new Date(2026, 10, 27, 12), (ids) => changed.push(ids)), thumbnail: vi.fn(async () => 'data:image/jpeg;base64,/9j/') };

});
afterEach(() => closeKithDb(dbName));

const record = {
  profile: { site: 'linkedin', keys: ['linkedin:anna-nowak'], url: 'https://www.linkedin.com/in/anna-nowak/', name: 'Anna Nowak' },
  encounter: { date: '2026-11-20', kind: 'in-person' },
  photoUrl: 'https://media.licdn.com/dms/image/anna.jpg',
};

describe('who may send what', () => {
  it('tells content scripts from Kith pages by what the browser stamped', () => {
    expect(originOf(CONTENT, deps)).toBe('content');
    expect(originOf(PAGE, deps)).toBe('page');
    expect(originOf({ ...PAGE, url: `${BASE}options.html`, tab: { id: 3 } }, deps)).toBe('page');
    // Another extension, a web page without our id, a frame, a tab on another site:
    expect(originOf({ ...CONTENT, id: 'someone-else' }, deps)).toBeNull();
    expect(originOf({ ...CONTENT, id: undefined }, deps)).toBeNull();
    expect(originOf({ ...CONTENT, frameId: 3 }, deps)).toBeNull();
    expect(originOf({ ...CONTENT, url: 'https://evil.example/in/anna' }, deps)).toBeNull();
    expect(originOf({ ...CONTENT, url: 'https://linkedin.com.evil.example/in/anna' }, deps)).toBeNull();
    expect(originOf({ id: EXT, url: 'https://www.linkedin.com/in/a/' }, deps)).toBeNull();
  });

  it('lets a content script say what its page shows, and nothing else: no person, note or tag reaches a web page', async () => {
    const handle = createHandler(deps);
    const shown = { profile: { ...record.profile, readable: true }, reading: false, page: record.profile.url, instance: 'i1' };
    expect(await handle({ kith: 'tab.profile', payload: shown }, CONTENT)).toEqual({ ok: true, value: null });
    expect(await handle({ kith: 'tab.state', payload: {} }, SIDEBAR)).toEqual({ ok: true, value: { tabId: 7, site: true, ...shown } });
    for (const [name, payload] of [
      ['person.lookup', { keys: ['linkedin:anna-nowak'] }],
      ['encounter.record', record],
      ['tags.list', {}],
      ['events.list', {}],
      ['person.sameName', { name: 'Anna Nowak' }],
      ['tab.state', {}],
    ] as const) {
      expect(await handle({ kith: name, payload }, CONTENT)).toEqual({ ok: false, error: expect.stringMatching(/may not be sent from a web page/) });
    }
    // Kith's pages do not report for a tab; a page's report is checked like any web data.
    expect(await handle({ kith: 'tab.profile', payload: shown }, SIDEBAR)).toMatchObject({ ok: false });
    expect(await handle({ kith: 'tab.profile', payload: { ...shown, profile: { ...shown.profile, url: 'javascript:alert(1)' } } }, CONTENT)).toMatchObject({ ok: false });
    expect(await handle({ kith: 'tab.profile', payload: { ...shown, profile: { ...shown.profile, name: 'x'.repeat(5000) } } }, CONTENT)).toMatchObject({ ok: false });
    // A page Kith cannot read shows no name: its report (the URL's key alone) is taken, and the sidebar asks for the name.
    const { name: _name, ...nameless } = shown.profile;
    const unreadable = { ...shown, profile: { ...nameless, readable: false } };
    expect(await handle({ kith: 'tab.profile', payload: unreadable }, CONTENT)).toEqual({ ok: true, value: null });
    expect(await handle({ kith: 'tab.state', payload: {} }, SIDEBAR)).toEqual({ ok: true, value: { tabId: 7, site: true, ...unreadable } });
  });

  it('refuses messages from the wrong sender, unknown names and malformed payloads', async () => {
    const handle = createHandler(deps);
    expect(await handle({ kith: 'stats.get', payload: {} }, { ...PAGE, id: 'other' })).toEqual({ ok: false, error: expect.stringMatching(/not come from Kith/) });
    expect(await handle({ kith: 'data.deleteAll', payload: { confirm: 'DELETE' } }, CONTENT)).toEqual({ ok: false, error: expect.stringMatching(/may not be sent from a web page/) });
    expect(await handle({ kith: 'data.export', payload: { format: 'json' } }, CONTENT)).toMatchObject({ ok: false });
    expect(await handle({ kith: 'nope', payload: {} }, PAGE)).toEqual({ ok: false, error: expect.stringMatching(/unknown message "nope"/) });
    expect(await handle({ kith: '__proto__', payload: {} }, PAGE)).toMatchObject({ ok: false });
    expect(await handle('hello', PAGE)).toMatchObject({ ok: false });
    expect(await handle(null, PAGE)).toMatchObject({ ok: false });
    expect(await handle({ kith: 'person.lookup', payload: { keys: 'linkedin:a' } }, SIDEBAR)).toEqual({ ok: false, error: expect.stringMatching(/malformed keys/) });
    expect(await handle({ kith: 'person.lookup', payload: { keys: ['linkedin:a'], extra: 1 } }, SIDEBAR)).toMatchObject({ ok: false });
    expect(await handle({ kith: 'encounter.record', payload: { ...record, encounter: { date: 'yesterday', kind: 'in-person' } } }, SIDEBAR)).toEqual({
      ok: false,
      error: expect.stringMatching(/malformed encounter.date/),
    });
    expect(await handle({ kith: 'encounter.record', payload: { ...record, encounter: { date: '2026', kind: 'telepathy' } } }, SIDEBAR)).toMatchObject({ ok: false });
    expect(await handle({ kith: 'data.deleteAll', payload: { confirm: 'yes' } }, PAGE)).toMatchObject({ ok: false });
    expect(await handle({ kith: 'encounter.record', payload: { ...record, profile: { ...record.profile, url: 'javascript:alert(1)' } } }, SIDEBAR)).toMatchObject({ ok: false });
    // Nothing was written by any refused message.
    expect(await handle({ kith: 'stats.get', payload: {} }, PAGE)).toEqual({ ok: true, value: { people: 0, encounters: 0, events: 0 } });
    expect(changed).toEqual([]);
  });

  it('answers the sidebar from IndexedDB and announces changes', async () => {
    const handle = createHandler(deps);
    expect(await handle({ kith: 'person.lookup', payload: { keys: ['linkedin:anna-nowak'] } }, SIDEBAR)).toEqual({ ok: true, value: null });
    const saved = await handle({ kith: 'encounter.record', payload: record }, SIDEBAR);
    expect(saved).toMatchObject({ ok: true, value: { person: { name: 'Anna Nowak', hasPhoto: true }, photo: 'data:image/jpeg;base64,/9j/' } });
    expect(deps.thumbnail).toHaveBeenCalledWith('https://media.licdn.com/dms/image/anna.jpg');
    const found = await handle({ kith: 'person.lookup', payload: { keys: ['linkedin:anna-nowak'] } }, SIDEBAR);
    expect(found).toMatchObject({ ok: true, value: { person: { name: 'Anna Nowak' }, encounters: [{ date: '2026-11-20', kind: 'in-person' }] } });
    expect(changed).toHaveLength(1);
  });

  it('turns a failure into an error the caller can show', async () => {
    const handle = createHandler(deps);
    const reply = await handle({ kith: 'person.update', payload: { id: 'gone', patch: { notes: 'x' } } }, SIDEBAR);
    expect(reply).toEqual({ ok: false, error: 'This person is no longer saved.' });
    await expect(call(async (m) => handle(m, SIDEBAR), 'person.update', { id: 'gone', patch: {} })).rejects.toThrow(KithError);
    await expect(call(async () => undefined, 'stats.get', {})).rejects.toThrow(/errorNoReply|no answer/);
    await expect(call(async () => { throw new Error('Receiving end does not exist'); }, 'stats.get', {})).rejects.toThrow(/errorNoAnswer|did not answer/);
  });
});

describe('dates in messages', () => {
  it('refuses dates that do not exist', async () => {
    const handle = createHandler(deps);
    for (const date of ['2026-02-30', '2026-13', '1800', '2026-1-5']) {
      expect(await handle({ kith: 'encounter.record', payload: { ...record, encounter: { date, kind: 'call' } } }, SIDEBAR)).toEqual({
        ok: false,
        error: expect.stringMatching(/malformed encounter.date/),
      });
    }
    expect(await handle({ kith: 'followups.snooze', payload: { personId: 'x', until: '2026-02-29' } }, PAGE)).toMatchObject({ ok: false });
  });
});

describe('a closed database connection', () => {
  it('is opened again and the write is retried once, not dropped', async () => {
    let opened = 0;
    const handle = createHandler({
      ...deps,
      db: async () => {
        opened++;
        return openKithDb(dbName);
      },
      reopenDb: () => closeKithDb(dbName),
    });
    // Close the connection the handler holds, as the browser does when it tears storage down.
    (await openKithDb(dbName)).close();
    const reply = await handle({ kith: 'encounter.record', payload: record }, SIDEBAR);
    expect(reply).toMatchObject({ ok: true, value: { person: { name: 'Anna Nowak' } } });
    expect(opened).toBe(2);
    expect(await handle({ kith: 'stats.get', payload: {} }, PAGE)).toEqual({ ok: true, value: { people: 1, encounters: 1, events: 0 } });
  });
});
