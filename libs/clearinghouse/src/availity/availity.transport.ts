import { type EligibilityReply, type EligibilityRequest, type EligibilityTransport, TransportError } from '../transport';
import { withBearer } from '../auth/bearer';
import { type OAuthClientCredentials, OAuthTokenSource } from '../auth/oauth-token';
import { type HeaderBag, header, malformedResponse, statusFailure } from '../http/http-failure';
import { jsonObject, sendText } from '../http/send';
import type { AvailityCoverage } from './availity-coverage';
import { toCoverageForm } from './availity-request';
import { coverageProgress } from './availity-status';
import { availityToStediJson } from './availity-to-json';

export interface AvailityOptions {
  /** The coverages collection, e.g. https://api.availity.com/availity/v1/coverages. */
  url: string;
  timeoutMs: number;
  credentials: OAuthClientCredentials;
  pollIntervalMs: number;
  pollTimeoutMs: number;
  /** Injected in tests. */
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

const PEER = 'Availity';
// Poll waits grow by half each time, up to this many times the base interval.
const BACKOFF_FACTOR = 1.5;
const MAX_BACKOFF_MULTIPLE = 8;

/**
 * Availity Coverages (asynchronous): POST the inquiry, then GET the coverage until it is
 * complete. 202 means both "accepted" and "not ready yet"; the statusCode in the body decides.
 */
export class AvailityTransport implements EligibilityTransport {
  readonly name = 'availity';
  private readonly tokens: OAuthTokenSource;

  constructor(private readonly options: AvailityOptions) {
    this.tokens = new OAuthTokenSource(options.credentials, { timeoutMs: options.timeoutMs, now: options.now });
  }

  async check({ inquiry, signal }: EligibilityRequest): Promise<EligibilityReply> {
    const started = this.now();
    const form = toCoverageForm(inquiry).toString();
    const created = await withBearer(this.tokens, (authorization) =>
      sendText(
        {
          method: 'POST',
          url: this.options.url,
          data: form,
          timeout: this.options.timeoutMs,
          signal,
          headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json', Authorization: authorization },
        },
        PEER,
      ),
    );
    let coverage = this.readCoverage(created.status, created.headers, created.data);
    const location = this.pollUrl(coverage, header(created.headers, 'location'));

    let wait = this.options.pollIntervalMs;
    for (;;) {
      const progress = coverageProgress(coverage.statusCode);
      if (progress.kind === 'complete') return completedReply(coverage);
      if (progress.kind === 'failed') throw progress.error;
      if (this.now() + wait - started > this.options.pollTimeoutMs) {
        throw new TransportError('timeout', `${PEER} coverage was not complete within ${this.options.pollTimeoutMs} ms`, true);
      }
      await this.sleep(wait);
      if (signal?.aborted) throw new TransportError('aborted', `${PEER} polling aborted (worker stopping)`, true);
      wait = Math.min(Math.round(wait * BACKOFF_FACTOR), this.options.pollIntervalMs * MAX_BACKOFF_MULTIPLE);
      const polled = await withBearer(this.tokens, (authorization) =>
        sendText(
          {
            method: 'GET',
            url: location,
            timeout: this.options.timeoutMs,
            signal,
            headers: { Accept: 'application/json', Authorization: authorization },
          },
          PEER,
        ),
      );
      coverage = this.readCoverage(polled.status, polled.headers, polled.data);
    }
  }

  private readCoverage(status: number, headers: HeaderBag, body: string): AvailityCoverage {
    const failure = statusFailure(status, headers, PEER);
    if (failure) throw failure;
    const json = jsonObject(body);
    if (!json) throw malformedResponse('answered a body that is not a JSON object', PEER);
    const coverage = json as AvailityCoverage;
    // 202 is "accepted" and "not ready yet" alike: never a finished coverage, whatever it says.
    if (status === 202 && (coverage.statusCode === undefined || coverageProgress(coverage.statusCode).kind === 'complete')) {
      return { ...coverage, statusCode: '0' };
    }
    return coverage;
  }

  /** Where to poll: the Location header when given, else the collection URL + the coverage id. */
  private pollUrl(coverage: AvailityCoverage, location: string | undefined): string {
    if (location) {
      const url = new URL(location, this.options.url);
      // The bearer token goes wherever we poll: never to another origin.
      if (url.origin !== new URL(this.options.url).origin) throw malformedResponse('pointed the poll at another origin', PEER);
      return url.toString();
    }
    if (typeof coverage.id === 'string' && /^[\w.-]{1,128}$/.test(coverage.id))
      return `${this.options.url.replace(/\/+$/, '')}/${coverage.id}`;
    throw malformedResponse('accepted the coverage without an id or a Location', PEER);
  }

  private sleep(ms: number): Promise<void> {
    return this.options.sleep ? this.options.sleep(ms) : new Promise((resolve) => setTimeout(resolve, ms));
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }
}

/** The payer's own 271 when the coverage carries it; else the coverage mapped to Stedi JSON. */
export function completedReply(coverage: AvailityCoverage): EligibilityReply {
  if (typeof coverage.x12 === 'string' && coverage.x12.trimStart().startsWith('ISA')) return { format: 'x12', raw: coverage.x12 };
  return { format: 'json', raw: JSON.stringify(availityToStediJson(coverage)) };
}
