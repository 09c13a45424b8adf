import { TransportError } from '../transport';
import { malformedResponse, statusFailure } from '../http/http-failure';
import { jsonObject, sendText } from '../http/send';

export interface OAuthClientCredentials {
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  scope?: string;
}

export interface OAuthTokenOptions {
  timeoutMs: number;
  /** Renew this long before the stated expiry, so a token never dies in flight. */
  marginMs?: number;
  now?: () => number;
}

// Availity tokens live 5 minutes; assume that when a server does not say.
const DEFAULT_LIFETIME_S = 300;
const DEFAULT_MARGIN_MS = 30_000;

/** OAuth2 client-credentials access token, cached until shortly before it expires. */
export class OAuthTokenSource {
  private cached?: { token: string; renewAt: number };
  private pending?: Promise<string>;

  constructor(
    private readonly credentials: OAuthClientCredentials,
    private readonly options: OAuthTokenOptions,
  ) {}

  async token(): Promise<string> {
    const now = this.now();
    if (this.cached && now < this.cached.renewAt) return this.cached.token;
    // Concurrent checks share one token request.
    this.pending ??= this.fetch().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  /** Forgets the cached token (the server refused it). */
  invalidate(): void {
    this.cached = undefined;
  }

  private async fetch(): Promise<string> {
    const { tokenUrl, clientId, clientSecret, scope } = this.credentials;
    const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret });
    if (scope) form.set('scope', scope);
    const response = await sendText(
      {
        method: 'POST',
        url: tokenUrl,
        data: form.toString(),
        timeout: this.options.timeoutMs,
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      },
      'token endpoint',
    );
    // invalid_client is 401 or 400 (RFC 6749 §5.2): either way the credentials are wrong.
    if (response.status === 400 || response.status === 401 || response.status === 403) {
      throw new TransportError('unauthorized', `token endpoint refused the client credentials (HTTP ${response.status})`, false);
    }
    const failure = statusFailure(response.status, response.headers, 'token endpoint');
    if (failure) throw failure;
    const body = jsonObject(response.data);
    const token = body?.access_token;
    if (typeof token !== 'string' || token === '') throw malformedResponse('answered without an access_token', 'token endpoint');
    const lifetimeS = typeof body?.expires_in === 'number' ? body.expires_in : Number(body?.expires_in) || DEFAULT_LIFETIME_S;
    const margin = Math.min(this.options.marginMs ?? DEFAULT_MARGIN_MS, (lifetimeS * 1000) / 2);
    this.cached = { token, renewAt: this.now() + lifetimeS * 1000 - margin };
    return token;
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }
}
