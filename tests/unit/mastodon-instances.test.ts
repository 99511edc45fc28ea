import { describe, expect, it, vi } from 'vitest';
import {
  addInstance,
  dropInstances,
  INSTANCES_KEY,
  instancePattern,
  MAX_INSTANCES,
  normaliseInstance,
  parseInstances,
  readInstances,
  removeInstance,
  type InstanceStorage,
} from '../../utils/mastodon-instances';

/** storage.local in memory, with every write recorded. */
function memoryStorage(initial: Record<string, unknown> = {}) {
  const data: Record<string, unknown> = structuredClone(initial);
  const writes: Record<string, unknown>[] = [];
  const storage: InstanceStorage = {
    get: async (key) => (key in data ? { [key]: structuredClone(data[key]) } : {}),
    set: async (items) => {
      writes.push(structuredClone(items));
      Object.assign(data, structuredClone(items));
    },
  };
  return { storage, data, writes };
}

describe('what a user types for an instance', () => {
  it('comes down to the host, in lower case, from a name, an address on it or a handle', () => {
    for (const [input, host] of [
      ['mastodon.social', 'mastodon.social'],
      ['  Mastodon.Social  ', 'mastodon.social'],
      ['https://mastodon.social/@anna', 'mastodon.social'],
      ['https://mastodon.social/@anna@fosstodon.org', 'mastodon.social'],
      ['mastodon.social/about', 'mastodon.social'],
      ['https://mastodon.social:443/', 'mastodon.social'],
      ['mastodon.social.', 'mastodon.social'],
      ['@anna@mastodon.social', 'mastodon.social'],
      ['anna@mastodon.social', 'mastodon.social'],
      ['HTTPS://TOOT.COMMUNITY/explore?x=1#y', 'toot.community'],
      ['social.example.co.uk', 'social.example.co.uk'],
      // As the browser reads the address: a backslash is a slash in https URLs.
      ['https://mastodon.social\\@evil.example', 'mastodon.social'],
    ]) expect(normaliseInstance(input), input).toEqual({ host });
  });

  it('turns an internationalised name into punycode, as the browser matches hosts', () => {
    expect(normaliseInstance('mastodon.zażółć.pl')).toEqual({ host: 'mastodon.xn--za-6ja4f8n1l.pl' });
    expect(normaliseInstance('https://bücher.example/@anna')).toEqual({ host: 'xn--bcher-kva.example' });
  });

  it('refuses IP addresses, ports, http and other schemes, with the reason', () => {
    for (const [input, problem] of [
      ['', 'empty'],
      ['   ', 'empty'],
      ['192.168.1.20', 'ip'],
      ['https://10.0.0.1/@anna', 'ip'],
      ['0x7f.1', 'ip'],
      ['[::1]', 'ip'],
      ['https://[2001:db8::1]/', 'ip'],
      ['mastodon.social:8443', 'port'],
      ['https://mastodon.social:8080/@anna', 'port'],
      ['http://mastodon.social', 'scheme'],
      ['ftp://mastodon.social', 'invalid'],
      ['javascript:alert(1)', 'invalid'],
      ['data:text/html,hi', 'invalid'],
    ] as const) expect(normaliseInstance(input), input).toEqual({ problem });
  });

  it("refuses the other sites' hosts and junk", () => {
    for (const input of ['linkedin.com', 'www.linkedin.com', 'https://github.com/anna', 'x.com', 'medium.com']) {
      expect(normaliseInstance(input), input).toEqual({ problem: 'notMastodon' });
    }
    for (const input of [
      'not an instance',
      'localhost',
      'mastodon',
      'https://',
      'user:pass@mastodon.social',
      'https://user@mastodon.social/',
      'mastodon..social',
      '-.social',
      'a'.repeat(301) + '.social',
      '*.social',
      'mastodon.123',
    ]) expect(normaliseInstance(input), input).toEqual({ problem: 'invalid' });
  });

  it('asks for one origin: https on that host, every path', () => {
    expect(instancePattern('mastodon.social')).toBe('https://mastodon.social/*');
  });
});

describe('the stored list of instances', () => {
  it('keeps valid hosts only, each once, up to the cap', () => {
    expect(parseInstances(['mastodon.social', 'Mastodon.Social', 'mastodon.social', 42, null, '10.0.0.1', 'x.com', 'fosstodon.org'])).toEqual([
      'mastodon.social',
      'fosstodon.org',
    ]);
    expect(parseInstances('mastodon.social')).toEqual([]);
    expect(parseInstances(undefined)).toEqual([]);
    const many = Array.from({ length: MAX_INSTANCES + 5 }, (_, i) => `i${i}.example`);
    expect(parseInstances(many)).toEqual(many.slice(0, MAX_INSTANCES));
  });

  it('adds a host once, drops hosts, and refuses past the cap', async () => {
    const { storage, data, writes } = memoryStorage({ [INSTANCES_KEY]: ['fosstodon.org', 'bad host'] });
    expect(await readInstances(storage)).toEqual(['fosstodon.org']);
    expect(await addInstance('mastodon.social', storage)).toEqual(['fosstodon.org', 'mastodon.social']);
    expect(await addInstance('mastodon.social', storage)).toEqual(['fosstodon.org', 'mastodon.social']);
    expect(writes).toHaveLength(1);
    expect(await dropInstances(['fosstodon.org', 'other.example'], storage)).toEqual(['mastodon.social']);
    expect(await dropInstances(['other.example'], storage)).toEqual(['mastodon.social']);
    expect(writes).toHaveLength(2);
    expect(data[INSTANCES_KEY]).toEqual(['mastodon.social']);

    const full = memoryStorage({ [INSTANCES_KEY]: Array.from({ length: MAX_INSTANCES }, (_, i) => `i${i}.example`) });
    await expect(addInstance('mastodon.social', full.storage)).rejects.toThrow(RangeError);
  });

  it('removing an instance takes it off the list first, then gives its permission back', async () => {
    const { storage, data } = memoryStorage({ [INSTANCES_KEY]: ['mastodon.social', 'fosstodon.org'] });
    const order: string[] = [];
    const remove = vi.fn(async (p: { origins: string[] }) => {
      order.push(`remove ${p.origins.join()} (list: ${(data[INSTANCES_KEY] as string[]).join()})`);
      return true;
    });
    await removeInstance('mastodon.social', { storage, permissions: { remove } });
    expect(order).toEqual(['remove https://mastodon.social/* (list: fosstodon.org)']);
  });
});
