import { randomBytes } from 'node:crypto';
import { SearchIndex } from './search-index';
import type { VerificationRecord } from './verification-record';
import { useTestRedis } from './testing/test-redis';

// Real Redis, isolated by a random prefix.
describe('SearchIndex', () => {
  const testRedis = useTestRedis();
  const { prefix } = testRedis;
  const RETENTION = 30 * 86_400;
  const keyA = randomBytes(32);
  const keyB = randomBytes(32);

  const index = (keys: [string, Buffer][], current: string) =>
    new SearchIndex(testRedis.redis(), new Map(keys), current, { prefix, retentionSeconds: RETENTION });

  const record = (
    id: string,
    lastName: string,
    createdAt = new Date().toISOString(),
  ): Pick<VerificationRecord, 'id' | 'request' | 'reference' | 'createdAt'> => ({
    id,
    createdAt,
    reference: undefined,
    request: {
      payerInput: 'aetna',
      member: { id: `W${id.slice(-6)}`, firstName: 'Test', lastName, dateOfBirth: '1990-04-12' },
      levelsOfCare: ['IOP'],
    },
  });

  const entryKeys = () => testRedis.redis().keys(`${prefix}:vrf-find:*`);

  it('stores only HMAC tokens, never the values', async () => {
    await index([['a', keyA]], 'a').add(record('vrf_000000000001', 'Plaintextcheck'));
    const keys = await entryKeys();
    expect(keys.length).toBe(3);
    for (const key of keys) {
      expect(key).toMatch(/:vrf-find:[0-9a-f]{64}$/);
      const members = await testRedis.redis().zrange(key, 0, -1);
      expect(members).toEqual(['vrf_000000000001']);
    }
    expect(keys.join(' ').toLowerCase()).not.toContain('plaintextcheck');
  });

  it('finds records created under key A after a rotation to key B (RECORD_KEYS=a,b, RECORD_KEY_ID=b)', async () => {
    await index([['a', keyA]], 'a').add(record('vrf_000000000002', 'Rotated'));
    const rotated = index(
      [
        ['a', keyA],
        ['b', keyB],
      ],
      'b',
    );
    await rotated.add(record('vrf_000000000003', 'Rotated'));
    expect((await rotated.search('rotated')).sort()).toEqual(['vrf_000000000002', 'vrf_000000000003']);
    expect(await rotated.search('W000002')).toEqual(['vrf_000000000002']);
    // The new record is indexed under B only: an index that knows only A does not find it.
    expect(await index([['a', keyA]], 'a').search('rotated')).toEqual(['vrf_000000000002']);
    // Once key A is removed its records are unreadable, and they are not found either.
    expect(await index([['b', keyB]], 'b').search('rotated')).toEqual(['vrf_000000000003']);
  });

  it('lets an entry expire with its record, counted from the record’s creation, not from the last write', async () => {
    const search = index([['a', keyA]], 'a');
    const tenDaysAgo = new Date(Date.now() - 10 * 86_400_000).toISOString();
    await search.add(record('vrf_000000000004', 'Aging', tenDaysAgo));
    const key = `${prefix}:vrf-find:${search.token('lastName', 'aging')}`;
    const ttl = await testRedis.redis().ttl(key);
    expect(ttl).toBeGreaterThan(20 * 86_400 - 10);
    expect(ttl).toBeLessThanOrEqual(20 * 86_400);
    // Indexing the same record again (or a write from an older one) keeps the expiry where it was.
    await search.add(record('vrf_000000000004', 'Aging', tenDaysAgo));
    expect(await testRedis.redis().ttl(key)).toBeLessThanOrEqual(20 * 86_400);
    // A newer record in the same entry keeps the entry as long as it lives; the older id keeps its own expiry.
    const fiveDaysAgo = new Date(Date.now() - 5 * 86_400_000).toISOString();
    await search.add(record('vrf_000000000005', 'Aging', fiveDaysAgo));
    expect(await testRedis.redis().ttl(key)).toBeGreaterThan(25 * 86_400 - 10);
    const createdSeconds = (iso: string) => Math.floor(Date.parse(iso) / 1000);
    expect(Number(await testRedis.redis().zscore(key, 'vrf_000000000004'))).toBe(createdSeconds(tenDaysAgo) + RETENTION);
  });

  it('does not return, and drops, ids whose retention has run out', async () => {
    const search = index([['a', keyA]], 'a');
    const expired = new Date(Date.now() - (RETENTION + 60) * 1000).toISOString();
    const key = `${prefix}:vrf-find:${search.token('lastName', 'lapsed')}`;
    // An id whose record has expired, left in an entry (as an older write would leave it).
    await testRedis.redis().zadd(key, Math.floor(Date.parse(expired) / 1000) + RETENTION, 'vrf_000000000006');
    expect(await search.search('lapsed')).toEqual([]);
    await search.add(record('vrf_000000000007', 'Lapsed'));
    expect(await testRedis.redis().zrange(key, 0, -1)).toEqual(['vrf_000000000007']);
    expect(await search.search('lapsed')).toEqual(['vrf_000000000007']);
    // A record already past its retention leaves no entry behind.
    await search.add(record('vrf_000000000008', 'Gonealready', expired));
    expect(await testRedis.redis().exists(`${prefix}:vrf-find:${search.token('lastName', 'gonealready')}`)).toBe(0);
  });

  it('writes all of a record’s entries in one script call, sent by its SHA, also after Redis forgot the script', async () => {
    const redis = testRedis.redis();
    const sent = jest.spyOn(redis, 'sendCommand');
    const scriptCalls = () =>
      sent.mock.calls.map(([command]) => command).filter((command) => command.name === 'evalsha' || command.name === 'eval');
    try {
      const search = index([['a', keyA]], 'a');
      await search.add(record('vrf_000000000009', 'Scripted'));
      // Three entries (last name, member id, date of birth): one EVALSHA with three keys (an EVAL
      // follows only if this Redis had not cached the script yet).
      expect(scriptCalls()[0]?.name).toBe('evalsha');
      expect(String(scriptCalls()[0]?.args[1])).toBe('3');
      expect(scriptCalls().filter((command) => command.name === 'evalsha')).toHaveLength(1);
      // A restarted Redis (or a new node) has no scripts: ioredis sends the text once, then the SHA again.
      await redis.script('FLUSH');
      sent.mockClear();
      await search.add(record('vrf_000000000010', 'Scripted'));
      expect(scriptCalls().map((command) => command.name)).toEqual(['evalsha', 'eval']);
      sent.mockClear();
      await search.add(record('vrf_000000000011', 'Scripted'));
      expect(scriptCalls().map((command) => command.name)).toEqual(['evalsha']);
      expect((await search.search('scripted')).sort()).toEqual(['vrf_000000000009', 'vrf_000000000010', 'vrf_000000000011']);
      expect(await search.search('W000009')).toEqual(['vrf_000000000009']);
      expect(await search.search('1990-04-12')).toContain('vrf_000000000011');
    } finally {
      sent.mockRestore();
    }
  });
});
