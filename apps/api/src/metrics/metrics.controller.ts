import { Controller, Get, Header } from '@nestjs/common';
import { RedisMetrics } from '@bvs/metrics';

/** GET /metrics: Prometheus text for the whole fleet (aggregated in Redis; no PHI in labels). */
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: RedisMetrics) {}

  @Get()
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  render(): Promise<string> {
    return this.metrics.render();
  }
}
