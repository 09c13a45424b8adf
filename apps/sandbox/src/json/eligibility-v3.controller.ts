import { Body, Controller, Inject, Logger, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { parse271 } from '@bvs/x12';
import { InquiryAnswerer } from '../core/answer-inquiry';
import { authorization } from '../http/credentials';
import { delay } from '../http/delay';
import { SANDBOX_SETTINGS, SandboxSettings } from '../sandbox-settings';
import { JsonInquiryError, readJsonInquiry } from './json-inquiry';
import { toStediJson } from './x12-to-stedi-json';

/** Stedi / Optum Medical Network style real-time JSON eligibility ("v3"). */
@Controller('eligibility')
export class EligibilityV3Controller {
  private readonly logger = new Logger(EligibilityV3Controller.name);

  constructor(
    private readonly answerer: InquiryAnswerer,
    @Inject(SANDBOX_SETTINGS) private readonly settings: SandboxSettings,
  ) {}

  @Post('v3')
  async check(@Body() body: unknown, @Req() req: Request, @Res() res: Response): Promise<void> {
    if (!authorization(req)) {
      res.status(401).json({ message: 'Authorization header required' });
      return;
    }
    let inquiry;
    try {
      inquiry = readJsonInquiry(body);
    } catch (error) {
      const message = error instanceof JsonInquiryError ? error.message : 'request is not an eligibility check';
      res.status(400).json({ message });
      return;
    }
    await delay(this.settings.responseDelayMs, req);
    const answer = this.answerer.answer(inquiry, 'SANDBOXJSON');
    this.logger.log({ msg: 'inquiry answered', protocol: 'json', answer: answer.kind });
    switch (answer.kind) {
      case 'http_error':
        res.status(answer.status).json({ message: 'sandbox: simulated clearinghouse failure' });
        return;
      case 'stall':
        await delay(answer.ms, req);
        if (!req.socket.destroyed) res.status(504).json({ message: 'sandbox: simulated payer timeout' });
        return;
      case 'x12':
        res.status(200).json(toStediJson(parse271(answer.x12)[0], answer.x12));
        return;
    }
  }
}
