import { Controller, Get, Inject, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { APP_CONFIG, AppConfig } from '@bvs/config';
import { PayerDirectory } from '@bvs/payers';
import { sendHtml } from './html';
import { FailureLimiter, readFormBody, sameOrigin } from './request-utils';
import { CHANNELS, QueueFilters, STATUSES, queuePage, signInPage, verificationPage } from './staff.pages';
import {
  SESSION_COOKIE,
  clearedSessionCookie,
  issueSession,
  matchStaffKey,
  readCookie,
  sessionCookie,
  verifySession,
} from './staff-session';

const SIGN_IN = '/staff/sign-in';

/** The staff dashboard pages and its sign-in; the data comes from the JSON API with the cookie. */
@Controller('staff')
export class StaffController {
  private readonly limiter = new FailureLimiter(10, 15 * 60_000);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly directory: PayerDirectory,
  ) {}

  @Get('sign-in')
  signIn(@Req() req: Request, @Res() res: Response): void {
    if (this.signedIn(req)) return res.redirect(303, '/staff');
    sendHtml(res, signInPage(), 200, true);
  }

  @Post('session')
  async createSession(@Req() req: Request, @Res() res: Response): Promise<void> {
    const client = req.ip ?? 'unknown';
    if (!sameOrigin(req)) {
      sendHtml(res, signInPage('Sign in from this site’s own page.'), 403, true);
      return;
    }
    if (this.limiter.blocked(client)) {
      sendHtml(res, signInPage('Too many attempts. Wait 15 minutes and try again.'), 429, true);
      return;
    }
    const key = (await readFormBody(req))?.get('key') ?? '';
    const label = key ? matchStaffKey(this.config, key) : null;
    if (!label) {
      this.limiter.fail(client);
      {
        sendHtml(res, signInPage(key ? 'That staff key is not valid.' : 'Enter your staff key.'), 401, true);
        return;
      }
    }
    const session = issueSession(this.config, label);
    res.setHeader('Set-Cookie', sessionCookie(session.value, session.expires, req.secure));
    res.redirect(303, '/staff');
  }

  @Post('sign-out')
  signOut(@Req() req: Request, @Res() res: Response): void {
    if (sameOrigin(req)) res.setHeader('Set-Cookie', clearedSessionCookie(req.secure));
    res.redirect(303, SIGN_IN);
  }

  @Get()
  queue(@Req() req: Request, @Res() res: Response): void {
    if (!this.signedIn(req)) return res.redirect(303, SIGN_IN);
    sendHtml(res, queuePage(this.directory.list(), filters(req.query)), 200, true);
  }

  @Get('v/:id')
  verification(@Param('id') id: string, @Req() req: Request, @Res() res: Response): void {
    if (!this.signedIn(req)) return res.redirect(303, SIGN_IN);
    if (!/^vrf_[0-9a-f]{32}$/.test(id)) return sendHtml(res, '<p>No such verification.</p>', 404, true);
    sendHtml(res, verificationPage(id), 200, true);
  }

  private signedIn(req: Request): boolean {
    return verifySession(this.config, readCookie(req.headers, SESSION_COOKIE)) !== null;
  }
}

/** Filters from the address bar, kept to known values (they are echoed into the page). */
function filters(query: Request['query']): QueueFilters {
  const list = (v: unknown): string[] => (Array.isArray(v) ? v : [v]).flatMap((x) => (typeof x === 'string' ? x.split(',') : []));
  const statuses: readonly string[] = STATUSES;
  const channels: readonly string[] = CHANNELS;
  const payer = typeof query.payer === 'string' && /^[a-z0-9_-]{1,40}$/.test(query.payer) ? query.payer : '';
  const channel = typeof query.channel === 'string' && channels.includes(query.channel) ? query.channel : '';
  return { status: list(query.status).filter((s) => statuses.includes(s)), payer, channel };
}
