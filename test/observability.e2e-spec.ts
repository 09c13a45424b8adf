import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { parsePrometheusText, valueOf } from './support/prometheus-text';
import { freePort } from './support/processes';
import { type Stack, startStack } from './support/stack';

// Each process's /metrics (the API's route, the worker's health port) parses as Prometheus text,
// carries the process metrics and queue depth, and counts the work that process did.

const STAFF = 'staff-key-for-observability-0001';
const JANE = { id: 'W100000001', firstName: 'Jane', lastName: 'Doe', dateOfBirth: '1990-04-12' };

describe('metrics per process (e2e)', () => {
  let stack: Stack;
  let workerPort: number;

  beforeAll(async () => {
    workerPort = await freePort();
    // The worker answers probes and /metrics only when WORKER_HEALTH_PORT is set.
    stack = await startStack({ API_KEYS: `staff:${STAFF}`, WORKER_HEALTH_PORT: String(workerPort), REUSE_WINDOW_HOURS: '0' });
    const created = await request(stack.apiServer)
      .post('/v1/verifications?wait=10')
      .set('Authorization', `Bearer ${STAFF}`)
      .send({ payer: 'aetna', member: JANE });
    expect(created.body.status).toBe('completed');
  });
  afterAll(async () => {
    await stack?.stop();
  });

  const workerMetrics = async () => {
    const res = await fetch(`http://127.0.0.1:${workerPort}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    return res.text();
  };

  it('the API: parses, with process metrics, queue depth, the HTTP histogram and what it created', async () => {
    const res = await request(stack.apiServer).get('/metrics');
    expect(res.status).toBe(200);
    const families = parsePrometheusText(res.text);
    expect(families.get('process_cpu_seconds_total')?.type).toBe('counter');
    expect(families.get('nodejs_eventloop_lag_p99_seconds')?.type).toBe('gauge');
    for (const state of ['waiting', 'active', 'delayed', 'failed']) {
      expect([state, valueOf(families, 'bvs_queue_jobs', { queue: 'eligibility', state })]).toEqual([state, expect.any(Number)]);
    }
    expect(valueOf(families, 'bvs_queue_jobs', { queue: 'webhooks', state: 'waiting' })).toBe(0);
    expect(valueOf(families, 'bvs_queue_jobs', { queue: 'rechecks', state: 'delayed' })).toEqual(expect.any(Number));
    expect(valueOf(families, 'bvs_verifications_created_total', { channel: 'staff', payer: 'aetna' })).toBe(1);
    expect(families.get('bvs_http_request_duration_seconds')?.type).toBe('histogram');
    expect(
      valueOf(families, 'bvs_http_request_duration_seconds_count', { method: 'POST', route: '/v1/verifications', status: '202' }),
    ).toBe(1);
    // The worker's work is the worker's: not counted again here.
    expect(valueOf(families, 'bvs_verifications_settled_total', { status: 'completed', payer: 'aetna' })).toBeUndefined();
  });

  it('the worker (its health port): parses, with queue depth, circuit state, payer latency and outcome, time to settle and the window', async () => {
    const families = parsePrometheusText(await workerMetrics());
    expect(families.get('process_resident_memory_bytes')?.type).toBe('gauge');
    expect(valueOf(families, 'bvs_queue_jobs', { queue: 'eligibility', state: 'waiting' })).toBe(0);
    expect(valueOf(families, 'bvs_queue_jobs', { queue: 'maintenance', state: 'delayed' })).toBeGreaterThanOrEqual(0);
    expect(valueOf(families, 'bvs_queue_jobs', { queue: 'rechecks', state: 'delayed' })).toBeGreaterThanOrEqual(0);
    expect(valueOf(families, 'bvs_payer_circuit_open', { payer: 'aetna' })).toBe(0);
    expect(valueOf(families, 'bvs_verifications_settled_total', { status: 'completed', payer: 'aetna' })).toBe(1);
    expect(valueOf(families, 'bvs_verifications_within_window_total', { within: 'true' })).toBe(1);
    expect(valueOf(families, 'bvs_verification_total_seconds_count', { payer: 'aetna' })).toBe(1);
    expect(valueOf(families, 'bvs_payer_response_seconds_count', { payer: 'aetna' })).toBe(1);
    expect(valueOf(families, 'bvs_payer_requests_total', { payer: 'aetna', outcome: 'answered' })).toBeGreaterThanOrEqual(1);
  });

  it("boots quietly: Nest's module and route dump is at debug, not in the info log", () => {
    const dump = stack.logs.lines.filter((line) => /"context":"(RoutesResolver|RouterExplorer|InstanceLoader)"/.test(line));
    expect(dump).toEqual([]);
    expect(stack.logs.lines.length).toBeGreaterThan(0);
  });

  it('carries no PHI in any label', async () => {
    const text = `${(await request(stack.apiServer).get('/metrics')).text}\n${await workerMetrics()}`;
    for (const value of [JANE.id, JANE.firstName, JANE.lastName, JANE.dateOfBirth, 'JANE', 'DOE']) expect(text).not.toContain(value);
  });

  it('the dashboard and the scrape config name only metrics the processes expose', async () => {
    const exposed = new Set([
      ...parsePrometheusText((await request(stack.apiServer).get('/metrics')).text).keys(),
      ...parsePrometheusText(await workerMetrics()).keys(),
    ]);
    const dashboard = readFileSync(join(__dirname, '..', 'ops', 'grafana', 'dashboards', 'bvs.json'), 'utf8');
    const named = new Set(
      [...dashboard.matchAll(/\b((?:bvs|process|nodejs)_[a-z0-9_]+)/g)].map((m) => m[1].replace(/_(bucket|sum|count)$/, '')),
    );
    expect(named.size).toBeGreaterThan(10);
    expect([...named].filter((name) => !exposed.has(name))).toEqual([]);
    const scrape = readFileSync(join(__dirname, '..', 'ops', 'prometheus.yml'), 'utf8');
    expect(scrape).toMatch(/names: \['api'\][\s\S]*?port: 3000/);
    expect(scrape).toMatch(/names: \['worker'\][\s\S]*?port: 3001/);
    const compose = readFileSync(join(__dirname, '..', 'docker-compose.yml'), 'utf8');
    expect(compose).toContain("WORKER_HEALTH_PORT: '3001'");
  });
});

describe('the Prometheus text reader used above', () => {
  it('refuses what Prometheus would refuse', () => {
    expect(() => parsePrometheusText('bvs_undeclared 1\n')).toThrow(/undeclared family/);
    expect(() => parsePrometheusText('# TYPE bvs_x counter\nbvs_x{payer="a} 1\n')).toThrow(/bad labels|not a sample/);
    const histogram = (inf: number) =>
      `# TYPE bvs_h histogram\nbvs_h_bucket{le="1"} 2\nbvs_h_bucket{le="+Inf"} ${inf}\nbvs_h_sum 3\nbvs_h_count 2\n`;
    expect(() => parsePrometheusText(histogram(1))).toThrow(/not cumulative/);
    expect(valueOf(parsePrometheusText(histogram(2)), 'bvs_h_count', {})).toBe(2);
  });
});
