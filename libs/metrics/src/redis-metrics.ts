import type Redis from 'ioredis';

export type Labels = Record<string, string>;

export interface MetricDefinition {
  name: string;
  help: string;
  type: 'counter' | 'histogram' | 'gauge';
  /** Histogram bucket upper bounds, in seconds. */
  buckets?: readonly number[];
}

const SECONDS_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300, 1800, 3600, 21600, 86400] as const;

/** Every metric the service reports. Labels are never PHI: status, payer key, channel, state. */
export const METRICS = {
  created: { name: 'bvs_verifications_created_total', help: 'Verifications created, by channel and payer', type: 'counter' },
  settled: { name: 'bvs_verifications_settled_total', help: 'Verifications settled, by status, channel and payer', type: 'counter' },
  withinWindow: {
    name: 'bvs_verifications_within_window_total',
    help: 'Settled verifications (completed, in review, manual) by whether they were settled before the deadline, by channel and payer',
    type: 'counter',
  },
  transitions: {
    name: 'bvs_verification_transitions_total',
    help: 'Lifecycle transitions, by event and the statuses before and after',
    type: 'counter',
  },
  retries: { name: 'bvs_verification_retries_total', help: 'Attempts that failed and were retried, by payer and reason', type: 'counter' },
  queueSeconds: {
    name: 'bvs_verification_queue_seconds',
    help: 'Time from creation to the first attempt',
    type: 'histogram',
    buckets: SECONDS_BUCKETS,
  },
  payerSeconds: {
    name: 'bvs_payer_response_seconds',
    help: 'Time the clearinghouse and payer took to answer, by payer',
    type: 'histogram',
    buckets: SECONDS_BUCKETS,
  },
  totalSeconds: {
    name: 'bvs_verification_total_seconds',
    help: 'Time from creation to settlement, by channel and payer',
    type: 'histogram',
    buckets: SECONDS_BUCKETS,
  },
  circuitOpen: { name: 'bvs_payer_circuit_open', help: '1 while the payer circuit breaker is open', type: 'gauge' },
  webhooks: { name: 'bvs_webhook_deliveries_total', help: 'Webhook delivery attempts by outcome', type: 'counter' },
  undecryptable: {
    name: 'bvs_records_undecryptable_total',
    help: 'Records a staff list skipped because they cannot be decrypted (a removed key, tampering)',
    type: 'counter',
  },
} as const satisfies Record<string, MetricDefinition>;

const labelKey = (labels: Labels): string =>
  Object.keys(labels)
    .sort()
    .map((k) => `${k}="${labels[k].replace(/["\\\n]/g, '_')}"`)
    .join(',');

/** How often a process adds what it counted to the fleet's totals in Redis. */
const FLUSH_INTERVAL_MS = 1_000;

/**
 * Prometheus metrics aggregated in Redis, so one scrape of any API process reports the work of
 * every API and worker process (they are stateless and scale out). Each process counts in
 * memory and adds its deltas to Redis once a second in one pipeline, so metrics cost the hot
 * path no Redis round trip. Histograms store one (non-cumulative) bucket per observation;
 * render() makes them cumulative.
 */
export class RedisMetrics {
  /** Pending deltas: Redis key -> hash field -> amount. */
  private pending = new Map<string, Map<string, number>>();
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> | null = null;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly flushIntervalMs: number = FLUSH_INTERVAL_MS,
  ) {}

  private key(metric: MetricDefinition): string {
    return `${this.prefix}:metrics:${metric.name}`;
  }

  private add(key: string, field: string, by: number): void {
    let fields = this.pending.get(key);
    if (!fields) this.pending.set(key, (fields = new Map<string, number>()));
    fields.set(field, (fields.get(field) ?? 0) + by);
    this.timer ??= setTimeout(() => void this.flush(), this.flushIntervalMs).unref();
  }

  increment(metric: MetricDefinition, labels: Labels, by = 1): Promise<void> {
    this.add(this.key(metric), labelKey(labels), by);
    return Promise.resolve();
  }

  /** Gauges are written at once (they are rare and must not be summed). */
  async set(metric: MetricDefinition, labels: Labels, value: number): Promise<void> {
    await this.redis.hset(this.key(metric), labelKey(labels), value);
  }

  observe(metric: MetricDefinition, labels: Labels, seconds: number): Promise<void> {
    const key = this.key(metric);
    const bound = (metric.buckets ?? []).find((b) => seconds <= b);
    this.add(key, `bucket|${labelKey({ ...labels, le: bound === undefined ? '+Inf' : String(bound) })}`, 1);
    this.add(key, `sum|${labelKey(labels)}`, seconds);
    this.add(key, `count|${labelKey(labels)}`, 1);
    return Promise.resolve();
  }

  /** Adds the pending deltas to Redis (also called on shutdown, so nothing counted is lost). */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.flushing;
    if (this.pending.size === 0) return;
    const batch = this.pending;
    this.pending = new Map();
    // One pipeline per metric key: a key is one Redis Cluster slot, and a cluster pipeline must
    // stay on one slot. A key whose write fails (Redis away) keeps its counts for the next flush.
    const writes = [...batch].map(async ([key, fields]) => {
      const pipeline = this.redis.pipeline();
      for (const [field, by] of fields) pipeline.hincrbyfloat(key, field, by);
      try {
        const results = (await pipeline.exec()) ?? [];
        if (results.some(([error]) => error)) throw new Error('metrics write failed');
      } catch {
        for (const [field, by] of fields) this.add(key, field, by);
      }
    });
    this.flushing = Promise.all(writes).then(() => undefined);
    await this.flushing;
    this.flushing = null;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.flush();
  }

  /** The Prometheus text exposition of every metric (after adding this process's own counts). */
  async render(): Promise<string> {
    await this.flush();
    const lines: string[] = [];
    for (const metric of Object.values(METRICS) as MetricDefinition[]) {
      const values = await this.redis.hgetall(this.key(metric));
      lines.push(`# HELP ${metric.name} ${metric.help}`, `# TYPE ${metric.name} ${metric.type}`);
      if (metric.type !== 'histogram') {
        for (const [field, value] of Object.entries(values).sort(([a], [b]) => a.localeCompare(b)))
          lines.push(`${metric.name}{${field}} ${value}`);
        continue;
      }
      lines.push(...renderHistogram(metric, values));
    }
    return `${lines.join('\n')}\n`;
  }
}

/** Turns per-bucket counts into Prometheus' cumulative `le` buckets, per label set. */
function renderHistogram(metric: MetricDefinition, values: Record<string, string>): string[] {
  const series = new Map<string, { buckets: Map<string, number>; sum: string; count: string }>();
  const seriesOf = (labels: string) => {
    let entry = series.get(labels);
    if (!entry) series.set(labels, (entry = { buckets: new Map(), sum: '0', count: '0' }));
    return entry;
  };
  for (const [field, value] of Object.entries(values)) {
    const [kind, labels = ''] = field.split('|') as [string, string?];
    if (kind === 'bucket') {
      const le = /le="([^"]*)"/.exec(labels)?.[1] ?? '+Inf';
      const rest = labels.replace(/,?le="[^"]*"/, '').replace(/^,/, '');
      seriesOf(rest).buckets.set(le, Number(value));
    } else if (kind === 'sum') seriesOf(labels).sum = value;
    else if (kind === 'count') seriesOf(labels).count = value;
  }
  const lines: string[] = [];
  for (const [labels, entry] of [...series].sort(([a], [b]) => a.localeCompare(b))) {
    let cumulative = 0;
    for (const bound of [...(metric.buckets ?? []).map(String), '+Inf']) {
      cumulative += entry.buckets.get(bound) ?? 0;
      const withLe = labels ? `${labels},le="${bound}"` : `le="${bound}"`;
      lines.push(`${metric.name}_bucket{${withLe}} ${cumulative}`);
    }
    lines.push(`${metric.name}_sum{${labels}} ${entry.sum}`, `${metric.name}_count{${labels}} ${entry.count}`);
  }
  return lines;
}
