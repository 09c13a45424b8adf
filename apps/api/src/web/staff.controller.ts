import { Controller, Get, Inject, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { APP_CONFIG, AppConfig } from '@bvs/config';
import { PayerDirectory } from '@bvs/payers';
import { sendHtml } from './html';
import { AuthFailureLimiter } from '../auth/auth-failure-limiter';
import { readFormBody, sameOrigin } from './request-utils';
import { CHANNELS, QueueFilters, STATUSES, createPage, queuePage, signInPage, verificationPage } from './staff.pages';
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
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly directory: PayerDirectory,
    private readonly failures: AuthFailureLimiter,
  ) {}

  @Get('sign-in')
  signIn(@Req() req: Request, @Res() res: Response): void {
    if (this.signedIn(req)) {
      res.redirect(303, '/staff');
      return;
    }
    sendHtml(res, signInPage(), 200, true);
  }

  @Post('session')
  async createSession(@Req() req: Request, @Res() res: Response): Promise<void> {
    const client = req.ip ?? 'unknown';
    if (!sameOrigin(req)) {
      sendHtml(res, signInPage('Sign in from this site’s own page.'), 403, true);
      return;
    }
    const key = (await readFormBody(req))?.get('key') ?? '';
    const retryAfter = await this.failures.blockedFor(client, key);
    if (retryAfter !== null) {
      res.setHeader('Retry-After', String(retryAfter));
      sendHtml(res, signInPage('Too many attempts. Wait 15 minutes and try again.'), 429, true);
      return;
    }
    const label = key ? matchStaffKey(this.config, key) : null;
    if (!label) {
      if (key) await this.failures.fail(client, key);
      sendHtml(res, signInPage(key ? 'That staff key is not valid.' : 'Enter your staff key.'), 401, true);
      return;
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
    if (!this.signedIn(req)) {
      res.redirect(303, SIGN_IN);
      return;
    }
    sendHtml(res, queuePage(this.directory.list(), filters(req.query)), 200, true);
  }

  @Get('new')
  create(@Req() req: Request, @Res() res: Response): void {
    if (!this.signedIn(req)) return res.redirect(303, SIGN_IN);
    sendHtml(res, createPage(this.directory.list()), 200, true);
  }

  @Get('v/:id')
  verification(@Param('id') id: string, @Req() req: Request, @Res() res: Response): void {
    if (!this.signedIn(req)) {
      res.redirect(303, SIGN_IN);
      return;
    }
    if (!/^vrf_[0-9a-f]{32}$/.test(id)) {
      sendHtml(res, '<p>No such verification.</p>', 404, true);
      return;
    }
    sendHtml(res, verificationPage(id, this.config.center.phone), 200, true);
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
  const q = typeof query.q === 'string' ? query.q.trim().slice(0, 80) : '';
  const due = typeof query.due === 'string' && ['4', '24', '48'].includes(query.due) ? Number(query.due) : 0;
  return {
    status: list(query.status).filter((s) => statuses.includes(s)),
    payer,
    channel,
    q,
    awaitingCall: query.awaiting === 'true',
    dueWithin: due,
  };
}
