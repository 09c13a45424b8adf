import { Controller, Get, Inject, Param, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { APP_CONFIG, AppConfig } from '@bvs/config';
import { type Asset, sendHtml } from './html';
import { BATCHES_SCRIPT, RECHECKS_SCRIPT, batchesPage, rechecksPage } from './batches.pages';
import { SESSION_COOKIE, readCookie, verifySession } from './staff-session';

const SCRIPTS = new Map<string, Asset>([BATCHES_SCRIPT, RECHECKS_SCRIPT].map((a) => [a.path.slice('/staff/assets/'.length), a]));

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

  @Get('assets/:name')
  script(@Param('name') name: string, @Query('v') version: string | undefined, @Res() res: Response): void {
    const found = SCRIPTS.get(name);
    if (!found) {
      res.status(404).type('text/plain').send('Not found');
      return;
    }
    res.setHeader('Content-Type', found.type);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Cache-Control', version && found.url.endsWith(`?v=${version}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
    res.send(found.body);
  }

  private signedIn(req: Request): boolean {
    return verifySession(this.config, readCookie(req.headers, SESSION_COOKIE)) !== null;
  }
}
