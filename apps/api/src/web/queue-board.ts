import { requestIdOf } from '../http/request-id';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Queue } from 'bullmq';
import type { Express, NextFunction, Request, Response } from 'express';
import { APP_CONFIG, AppConfig } from '@bvs/config';
import { ELIGIBILITY_QUEUE, MAINTENANCE_QUEUE, RECHECK_QUEUE, WEBHOOK_QUEUE } from '@bvs/queue';
import { AuditLog } from '@bvs/store';
import { sameOrigin } from './request-utils';
import { SESSION_COOKIE, readCookie, verifySession } from './staff-session';

export const BOARD_PATH = '/staff/queues';
// Its <base href> needs base-uri 'self'; its Google Fonts link stays blocked (no third-party calls).
const BOARD_CSP =
  "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

/** Bull Board for the eligibility, webhook, maintenance and re-check queues at /staff/queues, behind the staff session cookie. */
@Injectable()
export class QueueBoard implements OnModuleInit {
  constructor(
    @InjectQueue(ELIGIBILITY_QUEUE) private readonly queue: Queue,
    @InjectQueue(WEBHOOK_QUEUE) private readonly webhookQueue: Queue,
    @InjectQueue(MAINTENANCE_QUEUE) private readonly maintenanceQueue: Queue,
    @InjectQueue(RECHECK_QUEUE) private readonly recheckQueue: Queue,
    private readonly adapterHost: HttpAdapterHost,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: AuditLog,
  ) {}

  onModuleInit(): void {
    const serverAdapter = new ExpressAdapter();
    serverAdapter.setBasePath(BOARD_PATH);
    createBullBoard({
      queues: [this.queue, this.webhookQueue, this.maintenanceQueue, this.recheckQueue].map((queue) => new BullMQAdapter(queue)),
      serverAdapter,
      options: { uiConfig: { boardTitle: 'Verification queues' } },
    });
    const app = this.adapterHost.httpAdapter.getInstance<Express>();
    // Mounted on Express directly (the board is an Express router); Nest's 404 handler comes later.
    app.use(BOARD_PATH, this.requireSession, serverAdapter.getRouter() as (req: Request, res: Response, next: NextFunction) => void);
  }

  private readonly requireSession = (req: Request, res: Response, next: NextFunction): void => {
    const label = verifySession(this.config, readCookie(req.headers, SESSION_COOKIE));
    if (!label) {
      if (req.method === 'GET' && req.accepts('html')) res.redirect(303, '/staff/sign-in');
      else res.status(401).json({ error: { code: 'unauthenticated', message: 'Sign in to the staff dashboard.', details: [] } });
      return;
    }
    // The board's own writes (retry, clean) come from its UI on this origin only.
    if (!['GET', 'HEAD'].includes(req.method) && !sameOrigin(req)) {
      res.status(403).json({ error: { code: 'forbidden', message: 'Cross-site request refused.', details: [] } });
      return;
    }
    // The board's React UI sets inline styles; everything else stays as strict as the other pages.
    res.setHeader('Content-Security-Policy', BOARD_CSP);
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('X-Frame-Options', 'DENY');
    if (['GET', 'HEAD'].includes(req.method)) {
      next();
      return;
    }
    // Every write through the board (obliterate, clean, pause, retry, edit or add a job) is
    // audited before it runs: who, and the request (queue names and job ids only, no PHI).
    const path = req.originalUrl.split('?')[0] ?? '';
    this.audit
      .append({
        actor: label,
        action: 'queue_board.write',
        verificationId: null,
        requestId: requestIdOf(req),
        detail: `${req.method} ${path}`.slice(0, 300),
      })
      .then(() => {
        next();
      }, next);
  };
}
