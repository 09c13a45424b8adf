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
  settled: { name: 'bvs_verifications_settled_total', help: 'Verifications settled, by status and payer', type: 'counter' },
  withinWindow: { name: 'bvs_verifications_within_window_total', help: 'Settled verifications by whether the answer was ready before the deadline', type: 'counter' },
  retries: { name: 'bvs_verification_retries_total', help: 'Attempts that failed and were retried, by payer and reason', type: 'counter' },
  queueSeconds: { name: 'bvs_verification_queue_seconds', help: 'Time from creation to the first attempt', type: 'histogram', buckets: SECONDS_BUCKETS },
  payerSeconds: { name: 'bvs_payer_response_seconds', help: 'Time the clearinghouse and payer took to answer, by payer', type: 'histogram', buckets: SECONDS_BUCKETS },
  totalSeconds: { name: 'bvs_verification_total_seconds', help: 'Time from creation to settlement, by payer', type: 'histogram', buckets: SECONDS_BUCKETS },
  circuitOpen: { name: 'bvs_payer_circuit_open', help: '1 while the payer circuit breaker is open', type: 'gauge' },
  webhooks: { name: 'bvs_webhook_deliveries_total', help: 'Webhook delivery attempts by outcome', type: 'counter' },
} as const satisfies Record<string, MetricDefinition>;

const labelKey = (labels: Labels): string =>
  Object.keys(labels)
    .sort()
    .map((k) => `${k}="${String(labels[k]).replace(/["\\\n]/g, '_')}"`)
    .join(',');

/**
 * Prometheus metrics aggregated in Redis, so one scrape of any API process reports the work of
 * every API and worker process (they are stateless and scale out).
 */
export class RedisMetrics {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  private key(metric: MetricDefinition): string {
    return `${this.prefix}:metrics:${metric.name}`;
  }

  async increment(metric: MetricDefinition, labels: Labels, by = 1): Promise<void> {
    await this.redis.hincrbyfloat(this.key(metric), labelKey(labels), by);
  }

  async set(metric: MetricDefinition, labels: Labels, value: number): Promise<void> {
    await this.redis.hset(this.key(metric), labelKey(labels), value);
  }

  async observe(metric: MetricDefinition, labels: Labels, seconds: number): Promise<void> {
    const pipeline = this.redis.pipeline();
    const key = this.key(metric);
    for (const bound of metric.buckets ?? []) {
      if (seconds <= bound) pipeline.hincrby(key, `bucket|${labelKey({ ...labels, le: String(bound) })}`, 1);
    }
    pipeline.hincrby(key, `bucket|${labelKey({ ...labels, le: '+Inf' })}`, 1);
    pipeline.hincrbyfloat(key, `sum|${labelKey(labels)}`, seconds);
    pipeline.hincrby(key, `count|${labelKey(labels)}`, 1);
    await pipeline.exec();
  }

  /** The Prometheus text exposition of every metric. */
  async render(): Promise<string> {
    const lines: string[] = [];
    for (const metric of Object.values(METRICS) as MetricDefinition[]) {
      const values = await this.redis.hgetall(this.key(metric));
      lines.push(`# HELP ${metric.name} ${metric.help}`, `# TYPE ${metric.name} ${metric.type}`);
      for (const [field, value] of Object.entries(values).sort(([a], [b]) => a.localeCompare(b))) {
        if (metric.type !== 'histogram') {
          lines.push(`${metric.name}{${field}} ${value}`);
          continue;
        }
        const [kind, labels] = field.split('|') as [string, string];
        const suffix = kind === 'bucket' ? '_bucket' : kind === 'sum' ? '_sum' : '_count';
        lines.push(`${metric.name}${suffix}{${labels}} ${value}`);
      }
    }
    return `${lines.join('\n')}\n`;
  }
}
