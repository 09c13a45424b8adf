import { Body, Controller, HttpCode, Inject, Logger, Post, Req, Res, UseInterceptors } from '@nestjs/common';
import { NoFilesInterceptor } from '@nestjs/platform-express';
import type { Request, Response } from 'express';
import type { TLSSocket } from 'node:tls';
import { CoreEnvelope, PAYLOAD_TYPE_271, toFormData } from '@bvs/clearinghouse';
import { InquiryAnswerer } from './answer-inquiry';
import { CORE_ERRORS, checkRealTimeRequest, envelopeReply } from './core-request';
import { delay } from '../http/delay';
import { SANDBOX_SETTINGS, SandboxSettings } from '../sandbox-settings';

/** CAQH CORE Phase II real-time endpoint over HTTP MIME multipart (rule vC2.2.0). */
@Controller('core')
export class CoreMimeController {
  private readonly logger = new Logger(CoreMimeController.name);

  constructor(
    private readonly answerer: InquiryAnswerer,
    @Inject(SANDBOX_SETTINGS) private readonly settings: SandboxSettings,
  ) {}

  @Post('realtime')
  @HttpCode(200)
  @UseInterceptors(NoFilesInterceptor())
  async realtime(@Body() body: Partial<CoreEnvelope>, @Req() req: Request, @Res() res: Response): Promise<void> {
    const reply = (fields: Partial<CoreEnvelope>, status = 200): Promise<void> => sendEnvelope(res, envelopeReply(body, fields), status);

    // CORE username/password authentication: the UserName and Password form parts (any values
    // pass here); a TLS client certificate the server verified stands in for them.
    const certified = (req.socket as Partial<TLSSocket>).authorized === true;
    if (!certified && (!body.UserName || !body.Password)) {
      return reply(
        { ErrorCode: CORE_ERRORS.unauthorized, ErrorMessage: 'UserName and Password are required (or an X.509 client certificate)' },
        401,
      );
    }
    const checked = checkRealTimeRequest(body);
    if (!checked.ok) return reply(checked.error);
    await delay(this.settings.responseDelayMs, req);
    const answer = this.answerer.answer(checked.inquiry, checked.senderId);
    this.logger.log({ msg: 'inquiry answered', protocol: 'core-mime', payloadId: body.PayloadID, answer: answer.kind });
    switch (answer.kind) {
      case 'http_error':
        // Simulated failures answer as CORE error envelopes, with the HTTP status a real receiver would use.
        return reply(
          {
            ErrorCode: answer.status >= 500 ? CORE_ERRORS.unavailable : CORE_ERRORS.badRequest,
            ErrorMessage: 'sandbox: simulated clearinghouse failure',
          },
          answer.status,
        );
      case 'stall':
        await delay(answer.ms, req);
        if (!req.socket.destroyed) await reply({ ErrorCode: CORE_ERRORS.timeout, ErrorMessage: 'sandbox: simulated payer timeout' }, 504);
        return;
      case 'x12':
        return reply({ PayloadType: PAYLOAD_TYPE_271, ErrorCode: 'Success', ErrorMessage: '', Payload: answer.x12 });
    }
  }
}

async function sendEnvelope(res: Response, envelope: CoreEnvelope, status: number): Promise<void> {
  // Let undici encode the multipart body so the boundary and headers are exactly right.
  const encoded = new globalThis.Response(toFormData(envelope));
  const body = Buffer.from(await encoded.arrayBuffer());
  res.status(status).setHeader('content-type', encoded.headers.get('content-type') ?? 'multipart/form-data');
  res.send(body);
}
