import { type EligibilityReply, type EligibilityRequest, type EligibilityTransport } from '../transport';
import { withBearer } from '../auth/bearer';
import { type OAuthClientCredentials, OAuthTokenSource } from '../auth/oauth-token';
import { malformedResponse, statusFailure } from '../http/http-failure';
import { jsonObject, sendText } from '../http/send';
import { toStediRequest } from './stedi-request';

export type JsonEligibilityAuth = { kind: 'api-key'; apiKey: string } | { kind: 'oauth'; credentials: OAuthClientCredentials };

export interface JsonEligibilityOptions {
  url: string;
  timeoutMs: number;
  auth: JsonEligibilityAuth;
}

/**
 * Real-time JSON eligibility (Stedi / Optum Medical Network v3). The body is returned as
 * received: payer AAA errors inside it (42, 80 ...) are the normalizer's to judge, not ours.
 */
export class JsonEligibilityTransport implements EligibilityTransport {
  readonly name = 'json';
  private readonly tokens?: OAuthTokenSource;

  constructor(private readonly options: JsonEligibilityOptions) {
    if (options.auth.kind === 'oauth') this.tokens = new OAuthTokenSource(options.auth.credentials, { timeoutMs: options.timeoutMs });
  }

  async check({ inquiry, signal }: EligibilityRequest): Promise<EligibilityReply> {
    const body = JSON.stringify(toStediRequest(inquiry));
    const send = (authorization: string) =>
      sendText({
        method: 'POST',
        url: this.options.url,
        data: body,
        timeout: this.options.timeoutMs,
        signal,
        headers: { 'Content-Type': 'application/json', Accept: 'application/json', Authorization: authorization },
      });
    const { auth } = this.options;
    // Stedi takes the bare key as the Authorization value; OAuth APIs take a bearer token.
    const response = this.tokens ? await withBearer(this.tokens, send) : await send(auth.kind === 'api-key' ? auth.apiKey : '');
    const failure = statusFailure(response.status, response.headers);
    if (failure) throw failure;
    if (!jsonObject(response.data)) throw malformedResponse('answered a body that is not a JSON object');
    return { format: 'json', raw: response.data };
  }
}
