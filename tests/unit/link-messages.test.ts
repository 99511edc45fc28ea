import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHandler, type HandlerDeps } from '../../entrypoints/background/router';
import { SIDEBAR, handlerDeps, pageSender } from './handler-harness';
import { closeKithDb } from '../../utils/db';

let dbName: string;
let changed: string[][];
let deps: HandlerDeps;

beforeEach(() => {
  dbName = `kith-link-msg-${Math.random()}`;
  changed = [];
  deps = handlerDeps(dbName, new Date(2026, 10, 27, 12), (ids) => changed.push(ids));
});
afterEach(() => closeKithDb(dbName));

const anna = { site: 'linkedin', keys: ['linkedin:anna-nowak'], url: 'https://www.linkedin.com/in/anna-nowak/', name: 'Anna Nowak' };
const annaOnGithub = { site: 'github', keys: ['github:anowak'], url: 'https://github.com/anowak', name: 'Anna Nowak' };

describe('person.sameName, person.link, person.unlink', () => {
  it('suggests the saved Anna with where you met, links the GitHub profile to her, and unlinks it again', async () => {
    const handle = createHandler(deps);
    const saved = await handle(
      { kith: 'encounter.record', payload: { profile: anna, encounter: { date: '2026-06-19', kind: 'event', place: 'Warsaw', event: { name: 'Grow Up Start Up' } } } },
      SIDEBAR,
    );
    const id = (saved as { value: { person: { id: string } } }).value.person.id;
    expect(await handle({ kith: 'person.sameName', payload: { name: '  anna NOWAK ' } }, SIDEBAR)).toEqual({
      ok: true,
      value: [{ id, name: 'Anna Nowak', where: 'Grow Up Start Up, Warsaw, 19 Jun 2026' }],
    });
    expect(await handle({ kith: 'person.sameName', payload: { name: 'Anna Nowakowska' } }, SIDEBAR)).toEqual({ ok: true, value: [] });

    changed.length = 0;
    const linked = await handle({ kith: 'person.link', payload: { personId: id, profile: annaOnGithub } }, SIDEBAR);
    expect(linked).toMatchObject({ ok: true, value: { person: { id, keys: ['linkedin:anna-nowak', 'github:anowak'] } } });
    expect(changed).toEqual([[id]]);
    expect(await handle({ kith: 'person.lookup', payload: { keys: ['github:anowak'] } }, SIDEBAR)).toMatchObject({ ok: true, value: { person: { id } } });

    const unlinked = await handle({ kith: 'person.unlink', payload: { personId: id, site: 'github' } }, pageSender('network.html'));
    expect(unlinked).toMatchObject({ ok: true, value: { person: { id, keys: ['linkedin:anna-nowak'] } } });
    expect(await handle({ kith: 'person.lookup', payload: { keys: ['github:anowak'] } }, SIDEBAR)).toEqual({ ok: true, value: null });
    // Her only profile: refused with a reason the sidebar can show.
    expect(await handle({ kith: 'person.unlink', payload: { personId: id, site: 'linkedin' } }, SIDEBAR)).toEqual({ ok: false, error: expect.stringMatching(/only profile/) });
  });

  it('refuses links from Kith pages, malformed profiles and unknown people', async () => {
    const handle = createHandler(deps);
    expect(await handle({ kith: 'person.link', payload: { personId: 'x', profile: annaOnGithub } }, pageSender('network.html'))).toMatchObject({ ok: false });
    expect(await handle({ kith: 'person.link', payload: { personId: 'x', profile: { ...annaOnGithub, url: 'javascript:alert(1)' } } }, SIDEBAR)).toMatchObject({ ok: false });
    expect(await handle({ kith: 'person.link', payload: { personId: 'gone', profile: annaOnGithub } }, SIDEBAR)).toEqual({ ok: false, error: expect.stringMatching(/no longer saved/) });
    expect(await handle({ kith: 'person.unlink', payload: { personId: 'gone', site: 'myspace' } }, SIDEBAR)).toMatchObject({ ok: false });
  });

  it('search and the suggestion answer from the shared table of everyone, current after every write', async () => {
    const handle = createHandler(deps);
    const names = async (query: string) => ((await handle({ kith: 'people.search', payload: { query } }, pageSender('popup.html'))) as { value: { name: string }[] }).value.map((p) => p.name);
    const same = async (name: string) => ((await handle({ kith: 'person.sameName', payload: { name } }, SIDEBAR)) as { value: { name: string }[] }).value.map((p) => p.name);
    expect(await names('anna')).toEqual([]); // the table is read now, empty
    expect(await same('Anna Nowak')).toEqual([]);
    const saved = await handle({ kith: 'encounter.record', payload: { profile: anna, encounter: { date: '2026-06-19', kind: 'event', place: 'Warsaw', event: { name: 'Grow Up Start Up' } } } }, SIDEBAR);
    const id = (saved as { value: { person: { id: string } } }).value.person.id;
    expect(await names('anna')).toEqual(['Anna Nowak']);
    expect(await names('grow war')).toEqual(['Anna Nowak']);
    expect(await same('ANNA nowák')).toEqual(['Anna Nowak']);
    await handle({ kith: 'person.update', payload: { id, patch: { tags: ['investor'] } } }, pageSender('network.html'));
    expect(await names('invest')).toEqual(['Anna Nowak']);
    // Her profile shows a new name: the next encounter recorded from it takes the name.
    await handle({ kith: 'encounter.record', payload: { profile: { ...anna, name: 'Anna Kowalska' }, encounter: { date: '2026-06-20', kind: 'message' } } }, SIDEBAR);
    expect(await names('nowak')).toEqual([]);
    expect(await names('kowal')).toEqual(['Anna Kowalska']);
    expect(await same('Anna Nowak')).toEqual([]);
    expect(await same('anna kowalska')).toEqual(['Anna Kowalska']);
    await handle({ kith: 'person.delete', payload: { id } }, pageSender('network.html'));
    expect(await names('anna')).toEqual([]);
    expect(await same('anna kowalska')).toEqual([]);
  });
});
