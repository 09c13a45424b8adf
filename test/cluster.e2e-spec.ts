import request from 'supertest';
import type Redis from 'ioredis';
import { Cluster } from 'ioredis';
import { type LocalCluster, startLocalCluster } from '../bench/lib/cluster';
import { ProcessMetrics } from '@bvs/metrics';
import { type Stack, startStack } from './support/stack';

// The end-to-end path on a 3-master Redis Cluster (REDIS_CLUSTER_NODES): API -> BullMQ ({prefix}
// hash tag: one slot) -> worker -> sandbox -> store (one record's keys on one slot; the deadline
// index, audit stream and metrics hashes on their own slots) -> ?wait through pub/sub.

const STAFF_KEY = 'staff-key-for-cluster-e2e-0001';
const JANE = { id: 'W100000001', firstName: 'Jane', lastName: 'Doe', dateOfBirth: '1990-04-12' };

describe('Redis Cluster (e2e)', () => {
  let cluster: LocalCluster;
  let stack: Stack;
  const staff = () => ({ Authorization: `Bearer ${STAFF_KEY}` });

  beforeAll(async () => {
    cluster = await startLocalCluster(3);
    // Reuse off: the same synthetic members are verified many times and every one must reach the payer.
    stack = await startStack({ API_KEYS: `staff:${STAFF_KEY}`, REDIS_CLUSTER_NODES: cluster.nodes, REUSE_WINDOW_HOURS: '0' });
  }, 60_000);

  afterAll(async () => {
    // Not stack.stop(): its key cleanup is for a single Redis; the cluster is deleted whole.
    await stack?.api.close();
    await stack?.worker?.close();
    await stack?.sandbox.close();
    await cluster?.stop();
  }, 30_000);

  it('runs on the cluster it was given', () => {
    expect(stack.config.redis.url).toBe(`redis-cluster://${cluster.nodes}`);
  });

  it('verifies JANE DOE end to end and ?wait wakes through pub/sub', async () => {
    const started = Date.now();
    const res = await request(stack.apiServer).post('/v1/verifications?wait=10').set(staff()).send({ payer: 'aetna', member: JANE });
    expect(res.status).toBe(202);
    expect(res.body.status).toBe('completed');
    expect(Date.now() - started).toBeLessThan(8_000); // woken by the status event, not the 10 s timeout
    expect(res.body.summary.levelsOfCare.IOP).toMatchObject({ status: 'covered', basis: 'explicit' });
    expect(res.body.summary.accumulators.inNetwork.deductible.individual).toMatchObject({ total: '1500.00', remaining: '250.00' });
    const x12 = await request(stack.apiServer).get(`/v1/verifications/${res.body.id}/x12`).set(staff());
    expect(x12.status).toBe(200);
    expect(x12.body.received[0]).toContain('ST*271');
  });

  it('settles many verifications whose records spread over every master', async () => {
    const created = await Promise.all(
      Array.from({ length: 12 }, () =>
        request(stack.apiServer).post('/v1/verifications?wait=15').set(staff()).send({ payer: 'aetna', member: JANE }),
      ),
    );
    expect(created.map((r) => r.body.status)).toEqual(Array(12).fill('completed'));

    // Staff list: the deadline index (one zset) and one HMGET per record across slots.
    const list = await request(stack.apiServer).get('/v1/verifications?limit=100').set(staff());
    expect(list.status).toBe(200);
    expect(list.body.total).toBeGreaterThanOrEqual(13);

    // Every master holds some of the records: it really is spread over the cluster.
    const client = new Cluster(cluster.nodes.split(',').map((n) => ({ host: '127.0.0.1', port: Number(n.split(':')[1]) })));
    try {
      const perMaster = await Promise.all(client.nodes('master').map((node: Redis) => node.keys(`${stack.config.redis.prefix}:vrf:*`)));
      expect(perMaster.every((keys) => keys.length > 0)).toBe(true);
    } finally {
      client.disconnect();
    }
  });

  it('keeps the audit stream, and each process reports its own metrics with queue depth read from the cluster', async () => {
    const audit = await request(stack.apiServer).get('/v1/audit?limit=5').set(staff());
    expect(audit.status).toBe(200);
    expect(audit.body.items.map((e: { action: string }) => e.action)).toContain('verification.list');
    const worker = await stack.worker.get(ProcessMetrics).render();
    expect(worker).toMatch(/bvs_verifications_settled_total\{[^}]*status="completed"[^}]*\} 13/);
    expect(worker).toMatch(/bvs_payer_response_seconds_count/);
    const api = await request(stack.apiServer).get('/metrics').set(staff());
    expect(api.text).toMatch(/bvs_verifications_created_total\{[^}]*\} \d+/);
    expect(api.text).toContain('bvs_queue_jobs{queue="eligibility",state="waiting"} 0');
    const ready = await request(stack.apiServer).get('/health/ready');
    expect(ready.status).toBe(200);
  });
});
