import { METRICS } from './definitions';
import { ProcessMetrics } from './process-metrics';
import { queueDepth } from './queue-depth';

describe('ProcessMetrics', () => {
  it('renders counters, gauges and cumulative histogram buckets with the callers’ labels', async () => {
    const metrics = new ProcessMetrics();
    await metrics.increment(METRICS.created, { channel: 'web_form', payer: 'aetna' });
    await metrics.increment(METRICS.created, { channel: 'web_form', payer: 'aetna' });
    await metrics.set(METRICS.circuitOpen, { payer: 'umr' }, 1);
    await metrics.observe(METRICS.totalSeconds, { payer: 'aetna' }, 0.07);
    await metrics.observe(METRICS.totalSeconds, { payer: 'aetna' }, 3);
    await metrics.observe(METRICS.totalSeconds, { payer: 'aetna' }, 100_000);

    const text = await metrics.render();
    expect(text).toContain('bvs_verifications_created_total{channel="web_form",payer="aetna"} 2');
    expect(text).toContain('bvs_payer_circuit_open{payer="umr"} 1');
    expect(text).toContain('bvs_verification_total_seconds_bucket{le="0.05",payer="aetna"} 0');
    expect(text).toContain('bvs_verification_total_seconds_bucket{le="0.1",payer="aetna"} 1');
    expect(text).toContain('bvs_verification_total_seconds_bucket{le="86400",payer="aetna"} 2');
    expect(text).toContain('bvs_verification_total_seconds_bucket{le="+Inf",payer="aetna"} 3');
    expect(text).toContain('bvs_verification_total_seconds_count{payer="aetna"} 3');
    // Node's default process metrics come with every registry.
    expect(text).toMatch(/^process_cpu_user_seconds_total \d/m);
    expect(text).toMatch(/^nodejs_heap_size_used_bytes \d/m);
  });

  it('keeps each registry to itself: two apps in one process count apart', async () => {
    const api = new ProcessMetrics();
    const worker = new ProcessMetrics();
    await api.increment(METRICS.webhooks, { outcome: 'delivered' });
    expect(await api.render()).toContain('bvs_webhook_deliveries_total{outcome="delivered"} 1');
    expect(await worker.render()).not.toContain('bvs_webhook_deliveries_total{outcome="delivered"}');
  });

  it('reads queue depth at each scrape, counting prioritized jobs as waiting, and leaves a failed reading out', async () => {
    const metrics = new ProcessMetrics();
    let counts: Record<string, number> = { waiting: 2, prioritized: 3, active: 1, delayed: 4, failed: 0 };
    let down = false;
    const queue = {
      name: 'eligibility',
      getJobCounts: () => (down ? Promise.reject(new Error('Connection is closed')) : Promise.resolve(counts)),
    };
    metrics.readEachScrape(METRICS.queueJobs, queueDepth([queue]));
    let text = await metrics.render();
    expect(text).toContain('bvs_queue_jobs{queue="eligibility",state="waiting"} 5');
    expect(text).toContain('bvs_queue_jobs{queue="eligibility",state="active"} 1');
    expect(text).toContain('bvs_queue_jobs{queue="eligibility",state="delayed"} 4');
    expect(text).toContain('bvs_queue_jobs{queue="eligibility",state="failed"} 0');
    counts = { waiting: 0, prioritized: 0, active: 0, delayed: 0, failed: 7 };
    expect(await metrics.render()).toContain('bvs_queue_jobs{queue="eligibility",state="failed"} 7');
    down = true;
    text = await metrics.render();
    expect(text).not.toContain('bvs_queue_jobs{');
    expect(text).toContain('bvs_verifications_created_total');
  });
});
