import type { NextFunction, Request, Response } from 'express';
import { METRICS, type ProcessMetrics } from '@bvs/metrics';

/**
 * Times every request into METRICS.httpSeconds, labelled by the route template (never the path:
 * ids would make a series per verification) and the status code.
 */
export function httpMetrics(metrics: ProcessMetrics) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      const routePath = (req.route as { path?: unknown } | undefined)?.path;
      const route = typeof routePath === 'string' ? `${req.baseUrl}${routePath}` : 'unmatched';
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      void metrics.observe(METRICS.httpSeconds, { method: req.method, route, status: String(res.statusCode) }, seconds);
    });
    next();
  };
}
