import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { APP_CONFIG, AppConfig } from '@bvs/config';
import { sendHtml } from './html';
import { batchesPage, rechecksPage } from './batches.pages';
import { SESSION_COOKIE, readCookie, verifySession } from './staff-session';

/** The dashboard's batch and re-check pages; their data comes from /v1/batches and /v1/rechecks with the session cookie. */
@Controller('staff')
export class BatchPagesController {
  private readonly batchesHtml = batchesPage();
  private readonly rechecksHtml = rechecksPage();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  @Get('batches')
  batches(@Req() req: Request, @Res() res: Response): void {
    if (!this.signedIn(req)) return res.redirect(303, '/staff/sign-in');
    sendHtml(res, this.batchesHtml, 200, true);
  }

  @Get('rechecks')
  rechecks(@Req() req: Request, @Res() res: Response): void {
    if (!this.signedIn(req)) return res.redirect(303, '/staff/sign-in');
    sendHtml(res, this.rechecksHtml, 200, true);
  }

  private signedIn(req: Request): boolean {
    return verifySession(this.config, readCookie(req.headers, SESSION_COOKIE)) !== null;
  }
}
