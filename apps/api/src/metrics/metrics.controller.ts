import { InjectQueue } from '@nestjs/bullmq';
import { Controller, Get, Header } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { METRICS, ProcessMetrics, queueDepth } from '@bvs/metrics';
import { ELIGIBILITY_QUEUE, MAINTENANCE_QUEUE, RECHECK_QUEUE, WEBHOOK_QUEUE } from '@bvs/queue';
import { DocMetrics } from '../openapi/operations';

/** GET /metrics: this API process's Prometheus text (each process is scraped apart; no PHI in labels). */
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: ProcessMetrics,
    @InjectQueue(ELIGIBILITY_QUEUE) eligibility: Queue,
    @InjectQueue(WEBHOOK_QUEUE) webhooks: Queue,
    @InjectQueue(MAINTENANCE_QUEUE) maintenance: Queue,
    @InjectQueue(RECHECK_QUEUE) rechecks: Queue,
  ) {
    metrics.readEachScrape(METRICS.queueJobs, queueDepth([eligibility, webhooks, maintenance, rechecks]));
  }

  @Get()
  @DocMetrics()
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  render(): Promise<string> {
    return this.metrics.render();
  }
}
