import { randomBytes } from 'node:crypto';
import { RecordCipher } from './record-cipher';
import type { VerificationRecord } from './verification-record';
import { VerificationStore } from './verification.store';
import { useTestRedis } from './testing/test-redis';

// Real Redis, isolated by a random prefix.
describe('VerificationStore', () => {
  let store: VerificationStore;
  const testRedis = useTestRedis();
  const { prefix } = testRedis;
  const RETENTION = 30 * 86_400;

  const record = (
    id: string,
    deadline: string,
    status: VerificationRecord['status'] = 'queued',
    createdAt = new Date().toISOString(),
  ): VerificationRecord => ({
    id,
    status,
    channel: 'staff',
    payer: { key: 'aetna', name: 'Aetna', payerId: '60054' },
    createdAt,
    updatedAt: createdAt,
    deadline,
    attempts: 0,
    lastError: null,
    request: {
      payerInput: 'aetna',
      member: { id: 'W100000001', firstName: 'JANE', lastName: 'DOE', dateOfBirth: '1990-04-12' },
      levelsOfCare: ['IOP'],
    },
  });

  beforeAll(() => {
    store = new VerificationStore(testRedis.redis(), new RecordCipher(new Map([['k1', randomBytes(32)]]), 'k1'), {
      prefix,
      retentionSeconds: RETENTION,
    });
  });

  it('stores records encrypted, with the retention period as their expiry', async () => {
    await store.create(record('vrf_a', '2026-11-28T10:00:00.000Z'));
    const raw = await testRedis.redis().hgetall(`${prefix}:vrf:{vrf_a}`);
    expect(raw.d).not.toContain('JANE');
    expect(raw.status).toBe('queued');
    const ttl = await testRedis.redis().ttl(`${prefix}:vrf:{vrf_a}`);
    expect(ttl).toBeGreaterThan(RETENTION - 10);
    expect(ttl).toBeLessThanOrEqual(RETENTION);
    expect((await store.get('vrf_a'))?.request.member.firstName).toBe('JANE');
  });

  it('refuses a second record with the same id', async () => {
    await expect(store.create(record('vrf_a', '2026-11-28T10:00:00.000Z'))).rejects.toThrow('collision');
  });

  it('never loses an update when two writers race (compare-and-set)', async () => {
    await store.create(record('vrf_b', '2026-11-28T10:00:00.000Z'));
    await Promise.all(Array.from({ length: 25 }, () => store.update('vrf_b', (r) => ({ ...r, attempts: r.attempts + 1 }))));
    expect((await store.get('vrf_b'))?.attempts).toBe(25);
  });

  it('lists by deadline with filters, and prunes expired records from the index', async () => {
    await store.create(record('vrf_c', '2026-11-27T12:00:00.000Z', 'needs_review'));
    await store.create(record('vrf_d', '2026-11-29T12:00:00.000Z', 'completed'));
    const all = await store.list({ offset: 0, limit: 10 });
    expect(all.items.map((r) => r.id)).toEqual(['vrf_c', 'vrf_a', 'vrf_b', 'vrf_d']);
    const review = await store.list({ offset: 0, limit: 10, statuses: ['needs_review'] });
    expect(review.items.map((r) => r.id)).toEqual(['vrf_c']);
    await testRedis.redis().del(`${prefix}:vrf:{vrf_d}`);
    expect((await store.list({ offset: 0, limit: 10 })).total).toBe(3);
    expect(await testRedis.redis().zscore(`${prefix}:vrf-index:deadline`, 'vrf_d')).toBeNull();
  });

  it('counts retention from creation: writes do not restart the timer, and the X12 expires with its record', async () => {
    const tenDaysAgo = new Date(Date.now() - 10 * 86_400_000).toISOString();
    await store.create(record('vrf_old', '2026-11-28T10:00:00.000Z', 'queued', tenDaysAgo));
    const left = RETENTION - 10 * 86_400;
    const ttl = () => testRedis.redis().ttl(`${prefix}:vrf:{vrf_old}`);
    expect(Math.abs((await ttl()) - left)).toBeLessThan(10);
    await store.update('vrf_old', (r) => ({ ...r, status: 'completed' }));
    expect(Math.abs((await ttl()) - left)).toBeLessThan(10);
    const at = new Date().toISOString();
    await store.appendExchange('vrf_old', { attempt: 1, payerKey: 'aetna', role: 'plan', sentAt: at, sent: 'ST*270', receivedAt: at });
    expect(Math.abs((await testRedis.redis().ttl(`${prefix}:vrf:{vrf_old}:x12`)) - left)).toBeLessThan(10);
    await testRedis.redis().del(`${prefix}:vrf:{vrf_old}`, `${prefix}:vrf:{vrf_old}:x12`);
  });

  it('lists around a record that cannot be decrypted and reports it (a removed key must not break the list)', async () => {
    const other = new VerificationStore(testRedis.redis(), new RecordCipher(new Map([['gone', randomBytes(32)]]), 'gone'), {
      prefix,
      retentionSeconds: RETENTION,
    });
    await other.create(record('vrf_lost', '2026-11-28T09:00:00.000Z'));
    await testRedis.redis().hset(`${prefix}:vrf:{vrf_bad}`, 'v', '1', 'd', 'not-an-envelope', 'status', 'queued');
    await testRedis.redis().zadd(`${prefix}:vrf-index:deadline`, Date.parse('2026-11-28T09:30:00.000Z'), 'vrf_bad');
    const listed = await store.list({ offset: 0, limit: 10 });
    expect(listed.items.map((r) => r.id)).toEqual(['vrf_c', 'vrf_a', 'vrf_b']);
    expect(listed.skipped).toEqual([
      { id: 'vrf_lost', reason: 'unknown key id gone' },
      { id: 'vrf_bad', reason: 'bad envelope' },
    ]);
    await testRedis.redis().del(`${prefix}:vrf:{vrf_lost}`, `${prefix}:vrf:{vrf_bad}`);
    await testRedis.redis().zrem(`${prefix}:vrf-index:deadline`, 'vrf_lost', 'vrf_bad');
  });

  it('finds unsettled verifications whose deadline is near', async () => {
    const ids = await store.unsettledIdsWithDeadlineBefore(new Date('2026-11-28T11:00:00.000Z'));
    expect(ids.sort()).toEqual(['vrf_a', 'vrf_b']);
  });

  it('updates from a known read without reading again, and refuses that read once somebody else wrote', async () => {
    await store.create(record('vrf_known', '2026-11-28T10:00:00.000Z'));
    const known = await store.getVersioned('vrf_known');
    expect(known?.version).toBe('1');
    // Somebody writes in between: the known read is stale, so the compare-and-set refuses it and
    // the update runs again on a fresh read (no lost update).
    await store.update('vrf_known', (r) => ({ ...r, lastError: 'written by somebody else' }));
    const seen: (string | null)[] = [];
    const next = await store.update(
      'vrf_known',
      (r) => {
        seen.push(r.lastError);
        return { ...r, attempts: r.attempts + 1 };
      },
      known!,
    );
    expect(seen).toEqual([null, 'written by somebody else']);
    expect(next).toMatchObject({ attempts: 1, lastError: 'written by somebody else' });
    const fresh = await store.getVersioned('vrf_known');
    expect(fresh?.version).toBe('3');
    // A fresh known read is written at once (one try).
    const tries: number[] = [];
    await store.update('vrf_known', (r) => (tries.push(1), { ...r, attempts: r.attempts + 1 }), fresh!);
    expect(tries).toHaveLength(1);
    expect((await store.get('vrf_known'))?.attempts).toBe(2);
  });

  it('chains writes by the version each one returns, and publishes a settlement in the same script as its write', async () => {
    const listener = testRedis.redis().duplicate();
    const published: string[] = [];
    listener.on('message', (_channel: string, id: string) => published.push(id));
    await listener.subscribe(store.eventsChannel);
    try {
      await store.create(record('vrf_chain', '2026-11-28T10:00:00.000Z'));
      const started = await store.updateVersioned('vrf_chain', (r) => ({ ...r, status: 'in_progress', attempts: 1 }));
      expect(started?.version).toBe('2');
      // Started is not a settlement: nobody is told.
      const tries: number[] = [];
      const settled = await store.updateVersioned('vrf_chain', (r) => (tries.push(1), { ...r, status: 'completed' }), started!);
      expect(tries).toHaveLength(1);
      expect(settled).toMatchObject({ version: '3', record: { status: 'completed', attempts: 1 } });
      expect(await store.getVersioned('vrf_chain')).toMatchObject({ version: '3', record: { status: 'completed' } });
      // A write that leaves the record alone returns the version it read.
      expect((await store.updateVersioned('vrf_chain', () => null))?.version).toBe('3');
      for (let i = 0; i < 50 && published.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(published).toEqual(['vrf_chain']);
      // A stale version is refused by the compare-and-set: the update re-reads and publishes nothing twice.
      const seen: string[] = [];
      await store.updateVersioned('vrf_chain', (r) => (seen.push(r.status), { ...r, lastError: 'noted' }), started!);
      expect(seen).toEqual(['in_progress', 'completed']);
      expect(published).toEqual(['vrf_chain']);
    } finally {
      listener.disconnect();
    }
  });
});
