import { Body, Controller, Get, Inject, Logger, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { randomBytes } from 'node:crypto';
import { parse271 } from '@bvs/x12';
import { InquiryAnswerer } from '../core/answer-inquiry';
import { bearerToken } from '../http/credentials';
import { delay } from '../http/delay';
import { SANDBOX_SETTINGS, SandboxSettings } from '../sandbox-settings';
import { AvailityInquiryError, readAvailityInquiry } from './availity-inquiry';
import { CoverageStore } from './coverage-store';
import { toAvailityCoverage } from './x12-to-availity';

// Polls that answer "in progress" before a coverage completes (Availity's 202 on GET).
const POLLS_IN_PROGRESS = 2;
const TOKEN_LIFETIME_S = 300;

/** Availity-style OAuth2 token endpoint and asynchronous Coverages API. */
@Controller('availity/v1')
export class AvailityController {
  private readonly logger = new Logger(AvailityController.name);
  private readonly store = new CoverageStore();

  constructor(
    private readonly answerer: InquiryAnswerer,
    @Inject(SANDBOX_SETTINGS) private readonly settings: SandboxSettings,
  ) {}

  @Post('token')
  token(@Body() body: Record<string, unknown> | undefined, @Res() res: Response): void {
    const field = (key: string): string => (typeof body?.[key] === 'string' ? body[key] : '');
    if (field('grant_type') !== 'client_credentials') {
      res.status(400).json({ error: 'unsupported_grant_type' });
      return;
    }
    if (!field('client_id') || !field('client_secret')) {
      res.status(401).json({ error: 'invalid_client' });
      return;
    }
    res.status(200).json({
      access_token: randomBytes(24).toString('hex'),
      token_type: 'Bearer',
      expires_in: TOKEN_LIFETIME_S,
      scope: field('scope') || undefined,
    });
  }

  @Post('coverages')
  async create(@Body() body: unknown, @Req() req: Request, @Res() res: Response): Promise<void> {
    if (!bearerToken(req)) {
      unauthorized(res);
      return;
    }
    let inquiry;
    try {
      inquiry = readAvailityInquiry(body);
    } catch (error) {
      const message = error instanceof AvailityInquiryError ? error.message : 'invalid coverage request';
      res.status(400).json({ statusCode: 400, userMessage: message });
      return;
    }
    await delay(this.settings.responseDelayMs, req);
    const answer = this.answerer.answer(inquiry, 'SANDBOXAV');
    this.logger.log({ msg: 'inquiry answered', protocol: 'availity', answer: answer.kind });
    switch (answer.kind) {
      case 'http_error':
        res.status(answer.status).json({ statusCode: answer.status, userMessage: 'sandbox: simulated clearinghouse failure' });
        return;
      case 'stall':
        await delay(answer.ms, req);
        if (!req.socket.destroyed) res.status(504).json({ statusCode: 504, userMessage: 'sandbox: simulated payer timeout' });
        return;
      case 'x12': {
        const coverage = toAvailityCoverage(parse271(answer.x12)[0], answer.x12, inquiry.payerId);
        const id = this.store.add({ ...coverage }, POLLS_IN_PROGRESS);
        res
          .status(202)
          .location(`${req.baseUrl}${req.path.replace(/\/+$/, '')}/${id}`)
          .json({ id, status: 'In Progress', statusCode: '0' });
        return;
      }
    }
  }

  @Get('coverages/:id')
  poll(@Param('id') id: string, @Req() req: Request, @Res() res: Response): void {
    if (!bearerToken(req)) return unauthorized(res);
    const result = this.store.poll(id);
    if (result === undefined) {
      res.status(404).json({ statusCode: 404, userMessage: 'coverage not found or expired' });
    } else if (result === 'pending') {
      res.status(202).json({ id, status: 'In Progress', statusCode: '0' });
    } else {
      res.status(200).json(result);
    }
  }
}

function unauthorized(res: Response): void {
  res.status(401).json({ statusCode: 401, userMessage: 'bearer token required' });
}
