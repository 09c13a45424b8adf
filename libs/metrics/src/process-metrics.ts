import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics, type Metric } from 'prom-client';
import { METRICS, type Labels, type MetricDefinition } from './definitions';

/** A reading made at scrape time (queue depth, circuit state): the current value per label set. */
export type Reading = { labels: Labels; value: number }[];

/**
 * This process's Prometheus metrics (prom-client, one registry per app): Node's default process
 * metrics plus the service's own. Nothing is shared between processes: Prometheus scrapes each
 * one and PromQL adds them up, so a process that dies loses only what was not scraped yet.
 *
 * Callers record through increment / set / observe with a METRICS definition; the methods
 * return promises so the calls read the same as when they went to Redis.
 */
export class ProcessMetrics {
  readonly registry = new Registry();
  private readonly metrics = new Map<string, Metric>();
  private readonly readings: (() => Promise<void>)[] = [];

  constructor() {
    // Node's standard names (process_cpu_seconds_total, nodejs_heap_size_used_bytes, ...).
    collectDefaultMetrics({ register: this.registry });
    // Declared up front so every series name is on the first scrape (dashboards see HELP and TYPE).
    for (const definition of Object.values(METRICS) as MetricDefinition[]) if (definition.labels) this.metric(definition, {});
  }

  private metric(definition: MetricDefinition, labels: Labels): Metric {
    const existing = this.metrics.get(definition.name);
    if (existing) return existing;
    const common = {
      name: definition.name,
      help: definition.help,
      labelNames: [...(definition.labels ?? Object.keys(labels))],
      registers: [this.registry],
    };
    const created =
      definition.type === 'counter'
        ? new Counter(common)
        : definition.type === 'gauge'
          ? new Gauge(common)
          : new Histogram({ ...common, buckets: [...(definition.buckets ?? [])] });
    this.metrics.set(definition.name, created);
    return created;
  }

  increment(metric: MetricDefinition, labels: Labels, by = 1): Promise<void> {
    const counter = this.metric(metric, labels);
    if (counter instanceof Counter) counter.inc(ordered(metric, labels), by);
    return Promise.resolve();
  }

  set(metric: MetricDefinition, labels: Labels, value: number): Promise<void> {
    const gauge = this.metric(metric, labels);
    if (gauge instanceof Gauge) gauge.set(ordered(metric, labels), value);
    return Promise.resolve();
  }

  observe(metric: MetricDefinition, labels: Labels, seconds: number): Promise<void> {
    const histogram = this.metric(metric, labels);
    if (histogram instanceof Histogram) histogram.observe(ordered(metric, labels), seconds);
    return Promise.resolve();
  }

  /**
   * A gauge read at each scrape (from Redis: queue depth, circuit state). A reading that fails
   * leaves the gauge out of that scrape rather than failing the scrape.
   */
  readEachScrape(metric: MetricDefinition, read: () => Promise<Reading>): void {
    this.readings.push(async () => {
      const gauge = this.metric(metric, {});
      if (!(gauge instanceof Gauge)) return;
      try {
        const values = await read();
        gauge.reset();
        for (const { labels, value } of values) gauge.set(labels, value);
      } catch {
        gauge.reset();
      }
    });
  }

  /** Kept for callers that flushed the Redis counts; nothing is buffered any more. */
  flush(): Promise<void> {
    return Promise.resolve();
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  /** The Prometheus text exposition of this process's metrics. */
  async render(): Promise<string> {
    await Promise.all(this.readings.map((read) => read()));
    return this.registry.metrics();
  }
}

/** The name callers inject (the metrics used to be aggregated in Redis). */
export { ProcessMetrics as RedisMetrics };

/** The labels in the definition's order, so a series reads the same whoever recorded it. */
function ordered(metric: MetricDefinition, labels: Labels): Labels {
  if (!metric.labels) return labels;
  const out: Labels = {};
  for (const name of metric.labels) if (name in labels) out[name] = labels[name] ?? '';
  for (const name of Object.keys(labels)) if (!(name in out)) out[name] = labels[name] ?? '';
  return out;
}
