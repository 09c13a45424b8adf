import { randomBytes } from 'node:crypto';
import { RecordCipher } from './record-cipher';
import type { StoredAnswer, VerificationRecord } from './verification-record';
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

  it('refuses a second record with the same id, and leaves the first one and its deadline as they were', async () => {
    const before = await testRedis.redis().hgetall(`${prefix}:vrf:{vrf_a}`);
    await expect(store.create(record('vrf_a', '2026-12-25T10:00:00.000Z', 'needs_review'))).rejects.toThrow('collision');
    expect(await testRedis.redis().hgetall(`${prefix}:vrf:{vrf_a}`)).toEqual(before);
    expect(await testRedis.redis().zscore(`${prefix}:vrf-index:deadline`, 'vrf_a')).toBe(String(Date.parse('2026-11-28T10:00:00.000Z')));
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

  describe('answers (their own encrypted field)', () => {
    const plan: StoredAnswer = { payerKey: 'magellan-plan', role: 'plan', responses: [] };
    const followUp: StoredAnswer = { payerKey: 'carelon-admin', role: 'follow_up', responses: [] };
    const key = (id: string) => `${prefix}:vrf:{${id}}`;
    const raw = (id: string) => testRedis.redis().hgetall(key(id));

    it('keeps them out of the record blob, encrypted, and reads them only when asked', async () => {
      await store.create({ ...record('vrf_ans', '2027-01-01T10:00:00.000Z'), answers: [plan] });
      const stored = await raw('vrf_ans');
      expect(stored.a).toMatch(/^v1\./);
      expect(stored.a).not.toContain('magellan');
      expect(stored.d).not.toContain('magellan');
      expect(JSON.stringify(await store.get('vrf_ans'))).not.toContain('magellan');
      expect((await store.get('vrf_ans'))?.answers).toBeUndefined();
      expect((await store.get('vrf_ans', { answers: true }))?.answers).toEqual([plan]);
      expect((await store.getVersioned('vrf_ans'))?.record.answers).toBeUndefined();
      expect((await store.getVersioned('vrf_ans', { answers: true }))?.record.answers).toEqual([plan]);
      expect((await store.list({ ids: ['vrf_ans'], offset: 0, limit: 10 })).items[0].answers).toBeUndefined();
    });

    it('gives mutate the answers there are, even from a read without them, and writes them only when they change', async () => {
      const before = (await raw('vrf_ans')).a;
      const read = await store.getVersioned('vrf_ans');
      const seen: (StoredAnswer[] | undefined)[] = [];
      const noted = await store.updateVersioned('vrf_ans', (r) => (seen.push(r.answers), { ...r, lastError: 'noted' }), read!);
      expect(seen).toEqual([[plan]]);
      // Unchanged answers are not re-encrypted: the field is the very same ciphertext.
      expect((await raw('vrf_ans')).a).toBe(before);
      // A merge (a follow-up's answer) sees the plan's answer and writes both.
      await store.update('vrf_ans', (r) => ({ ...r, answers: [...(r.answers ?? []), followUp] }), noted!);
      expect((await raw('vrf_ans')).a).not.toBe(before);
      expect((await store.get('vrf_ans', { answers: true }))?.answers).toEqual([plan, followUp]);
      // A mutation that removes them (a manual result) clears the field.
      await store.update('vrf_ans', (r) => ({ ...r, answers: undefined, status: 'completed' }));
      expect((await raw('vrf_ans')).a).toBeUndefined();
      expect((await store.get('vrf_ans', { answers: true }))?.answers).toBeUndefined();
      expect((await store.get('vrf_ans'))?.status).toBe('completed');
    });

    it('binds them to their record and role: swapped or copied onto another record, they fail authentication', async () => {
      await store.create({ ...record('vrf_ans2', '2027-01-01T10:00:00.000Z'), answers: [plan] });
      await store.create({ ...record('vrf_ans3', '2027-01-01T10:00:00.000Z'), answers: [followUp] });
      const two = await raw('vrf_ans2');
      await testRedis.redis().hset(key('vrf_ans3'), 'a', two.a);
      await expect(store.get('vrf_ans3', { answers: true })).rejects.toThrow('authentication failed');
      await expect(store.update('vrf_ans3', (r) => ({ ...r, attempts: 9 }))).rejects.toThrow('authentication failed');
      // The record's blob and its answers swapped: neither reads as the other.
      await testRedis.redis().hset(key('vrf_ans2'), 'd', two.a, 'a', two.d);
      await expect(store.get('vrf_ans2')).rejects.toThrow('authentication failed');
      await testRedis.redis().hset(key('vrf_ans2'), 'd', two.d, 'a', two.d);
      await expect(store.get('vrf_ans2', { answers: true })).rejects.toThrow('authentication failed');
      await testRedis.redis().del(key('vrf_ans2'), key('vrf_ans3'));
      await testRedis.redis().zrem(`${prefix}:vrf-index:deadline`, 'vrf_ans2', 'vrf_ans3');
    });

    it('reads a record written before answers had their own field as before, and moves them out on its next write', async () => {
      const cipher = new RecordCipher(new Map([['k1', randomBytes(32)]]), 'k1');
      const legacyStore = new VerificationStore(testRedis.redis(), cipher, { prefix, retentionSeconds: RETENTION });
      const legacy: VerificationRecord = { ...record('vrf_legacy', '2027-01-01T10:00:00.000Z', 'in_progress'), answers: [plan] };
      // As the store wrote it before: answers inside the blob, no `a`.
      await testRedis
        .redis()
        .hset(key('vrf_legacy'), 'v', '1', 'd', cipher.encrypt(JSON.stringify(legacy), 'vrf_legacy'), 'status', 'in_progress');
      expect(await legacyStore.get('vrf_legacy')).toEqual(legacy);
      expect(await legacyStore.get('vrf_legacy', { answers: true })).toEqual(legacy);
      expect((await legacyStore.getVersioned('vrf_legacy'))?.record).toEqual(legacy);
      const seen: (StoredAnswer[] | undefined)[] = [];
      await legacyStore.update('vrf_legacy', (r) => (seen.push(r.answers), { ...r, attempts: 2 }));
      expect(seen).toEqual([[plan]]);
      const moved = await raw('vrf_legacy');
      expect(moved.a).toMatch(/^v1\./);
      expect(cipher.decrypt(moved.d, 'vrf_legacy')).not.toContain('magellan');
      expect(await legacyStore.get('vrf_legacy', { answers: true })).toMatchObject({ attempts: 2, answers: [plan] });
      expect((await legacyStore.get('vrf_legacy'))?.answers).toBeUndefined();
      await testRedis.redis().del(key('vrf_legacy'));
    });
  });
});
