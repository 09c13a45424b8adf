import type { AxiosResponse } from 'axios';
import type { OAuthTokenSource } from './oauth-token';

/**
 * Sends with a bearer token; on 401 the token is dropped and the request sent once more with a
 * fresh one (tokens can be revoked or expire early). A second 401 is returned for the caller.
 */
export async function withBearer<T>(
  tokens: OAuthTokenSource,
  send: (authorization: string) => Promise<AxiosResponse<T>>,
): Promise<AxiosResponse<T>> {
  const first = await send(`Bearer ${await tokens.token()}`);
  if (first.status !== 401) return first;
  tokens.invalidate();
  return send(`Bearer ${await tokens.token()}`);
}
