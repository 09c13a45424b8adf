import { Body, Controller, HttpCode, Inject, Logger, Post, Req, Res, UseInterceptors } from '@nestjs/common';
import { NoFilesInterceptor } from '@nestjs/platform-express';
import type { Request, Response } from 'express';
import { CORE_RULE_VERSION, CoreEnvelope, PAYLOAD_TYPE_270, PAYLOAD_TYPE_271, coreTimestamp, toFormData } from '@bvs/clearinghouse';
import { InquiryAnswerer } from './answer-inquiry';
import { InquiryError, readInquiry } from './read-inquiry';
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
    const reply = (fields: Partial<CoreEnvelope>): Promise<void> => sendEnvelope(res, envelopeReply(body, fields));

    if (body.PayloadType !== PAYLOAD_TYPE_270 || body.ProcessingMode !== 'RealTime') {
      return reply({ ErrorCode: 'PayloadTypeIncorrect', ErrorMessage: `expected ${PAYLOAD_TYPE_270} in RealTime mode` });
    }
    if (body.CORERuleVersion !== CORE_RULE_VERSION) {
      return reply({ ErrorCode: 'VersionMismatch', ErrorMessage: `CORERuleVersion must be ${CORE_RULE_VERSION}` });
    }
    if (!body.PayloadID || !body.SenderID || !body.ReceiverID || !body.TimeStamp || !body.Payload) {
      return reply({ ErrorCode: 'Receiver.MissingField', ErrorMessage: 'PayloadID, TimeStamp, SenderID, ReceiverID and Payload are required' });
    }
    let inquiry;
    try {
      inquiry = readInquiry(body.Payload);
    } catch (error) {
      const message = error instanceof InquiryError ? error.message : 'payload is not valid X12';
      return reply({ ErrorCode: 'PayloadFormatError', ErrorMessage: message });
    }
    await delay(this.settings.responseDelayMs, req);
    const answer = this.answerer.answer(inquiry, body.SenderID);
    this.logger.log({ msg: 'inquiry answered', payloadId: body.PayloadID, answer: answer.kind });
    switch (answer.kind) {
      case 'http_error':
        res.status(answer.status).type('text/plain').send('sandbox: simulated clearinghouse failure');
        return;
      case 'stall':
        await delay(answer.ms, req);
        if (!req.socket.destroyed) res.status(504).type('text/plain').send('sandbox: simulated payer timeout');
        return;
      case 'x12':
        return reply({ PayloadType: PAYLOAD_TYPE_271, ErrorCode: 'Success', ErrorMessage: '', Payload: answer.x12 });
    }
  }
}

function envelopeReply(request: Partial<CoreEnvelope>, fields: Partial<CoreEnvelope>): CoreEnvelope {
  return {
    PayloadType: PAYLOAD_TYPE_271,
    ProcessingMode: 'RealTime',
    PayloadID: request.PayloadID ?? '',
    TimeStamp: coreTimestamp(),
    SenderID: request.ReceiverID ?? 'SANDBOXCH',
    ReceiverID: request.SenderID ?? '',
    CORERuleVersion: CORE_RULE_VERSION,
    ...fields,
  };
}

async function sendEnvelope(res: Response, envelope: CoreEnvelope): Promise<void> {
  // Let undici encode the multipart body so the boundary and headers are exactly right.
  const encoded = new globalThis.Response(toFormData(envelope));
  const body = Buffer.from(await encoded.arrayBuffer());
  res.status(200).setHeader('content-type', encoded.headers.get('content-type') ?? 'multipart/form-data');
  res.send(body);
}

/** Waits `ms`, or less if the client goes away (a timed-out caller closes its socket). */
function delay(ms: number, req: Request): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      req.socket.off('close', done);
      resolve();
    }
    req.socket.once('close', done);
  });
}
