import { Controller, Inject, Logger, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { CoreEnvelope, PAYLOAD_TYPE_271, SoapMessage, coreSoapEnvelope, readCoreSoap, soapFault } from '@bvs/clearinghouse';
import { InquiryAnswerer } from './answer-inquiry';
import { checkRealTimeRequest, envelopeReply } from './core-request';
import { delay } from '../http/delay';
import { readRawBody } from '../http/read-raw-body';
import { SANDBOX_SETTINGS, SandboxSettings } from '../sandbox-settings';

const SOAP_TYPE = 'application/soap+xml; charset=utf-8';

/** CAQH CORE Phase II real-time endpoint over SOAP 1.2 + WS-Security (rule vC2.2.0). */
@Controller('core')
export class CoreSoapController {
  private readonly logger = new Logger(CoreSoapController.name);

  constructor(
    private readonly answerer: InquiryAnswerer,
    @Inject(SANDBOX_SETTINGS) private readonly settings: SandboxSettings,
  ) {}

  @Post('soap')
  async soap(@Req() req: Request, @Res() res: Response): Promise<void> {
    const fault = (status: number, code: 'Sender' | 'Receiver', reason: string, subcode?: string): void => {
      res
        .status(status)
        .type(SOAP_TYPE)
        .send(soapFault(code, reason, subcode));
    };
    let message: SoapMessage;
    try {
      message = readCoreSoap(await readRawBody(req));
    } catch {
      {
        fault(400, 'Sender', 'request is not a SOAP envelope carrying a CORE envelope');
        return;
      }
    }
    if (message.kind !== 'envelope' || message.element !== 'COREEnvelopeRealTimeRequest') {
      {
        fault(400, 'Sender', 'expected COREEnvelopeRealTimeRequest');
        return;
      }
    }
    if (!message.security?.username || !message.security.password) {
      {
        fault(401, 'Sender', 'WS-Security UsernameToken with a username and password is required', 'wsse:FailedAuthentication');
        return;
      }
    }
    const request = message.envelope;
    const reply = (fields: Partial<CoreEnvelope>): void => {
      res
        .status(200)
        .type(SOAP_TYPE)
        .send(coreSoapEnvelope('COREEnvelopeRealTimeResponse', envelopeReply(request, fields)));
    };
    const checked = checkRealTimeRequest(request);
    if (!checked.ok) {
      reply(checked.error);
      return;
    }
    await delay(this.settings.responseDelayMs, req);
    const answer = this.answerer.answer(checked.inquiry, checked.senderId);
    this.logger.log({ msg: 'inquiry answered', protocol: 'core-soap', payloadId: request.PayloadID, answer: answer.kind });
    switch (answer.kind) {
      case 'http_error': {
        fault(answer.status, answer.status >= 500 ? 'Receiver' : 'Sender', 'sandbox: simulated clearinghouse failure');
        return;
      }
      case 'stall':
        await delay(answer.ms, req);
        if (!req.socket.destroyed) fault(504, 'Receiver', 'sandbox: simulated payer timeout');
        return;
      case 'x12': {
        reply({ PayloadType: PAYLOAD_TYPE_271, ErrorCode: 'Success', ErrorMessage: '', Payload: answer.x12 });
        return;
      }
    }
  }
}
