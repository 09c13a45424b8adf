import type { AppConfig } from '@bvs/config';
import { AvailityTransport } from './availity/availity.transport';
import { CoreMimeTransport } from './core/core-mime.transport';
import { CoreSoapTransport } from './core/core-soap.transport';
import { clientCertificateAgent } from './http/client-certificate';
import { JsonEligibilityTransport } from './json/json-eligibility.transport';
import type { EligibilityTransport } from './transport';

/**
 * The transport named by CLEARINGHOUSE_TRANSPORT, built from configuration only: payer and
 * clearinghouse credentials never come from a request. "sandbox" is the CORE MIME protocol
 * pointed at the sandbox clearinghouse (apps/sandbox), so the default path exercises the real
 * wire format. A transport missing its credentials fails here, at boot, not on the first check.
 */
export function createTransport(config: AppConfig): EligibilityTransport {
  const { clearinghouse: ch } = config;
  // CORE's X.509 authentication: the client certificate goes with every CORE request (MIME or SOAP).
  const httpsAgent = ch.clientCertificate ? clientCertificateAgent(ch.clientCertificate) : undefined;
  switch (ch.transport) {
    case 'sandbox':
    case 'core-mime':
      return new CoreMimeTransport({
        url: ch.url,
        senderId: ch.senderId,
        receiverId: ch.receiverId,
        timeoutMs: ch.timeoutMs,
        username: ch.username,
        password: ch.password,
        httpsAgent,
      });
    case 'core-soap':
      if (!httpsAgent && (!ch.username || !ch.password))
        throw new Error(
          'transport core-soap needs CLEARINGHOUSE_USERNAME and CLEARINGHOUSE_PASSWORD (WS-Security), or CLEARINGHOUSE_CLIENT_CERT and CLEARINGHOUSE_CLIENT_KEY (X.509)',
        );
      return new CoreSoapTransport({
        url: ch.url,
        senderId: ch.senderId,
        receiverId: ch.receiverId,
        timeoutMs: ch.timeoutMs,
        username: ch.username,
        password: ch.password,
        httpsAgent,
      });
    case 'json':
      if (ch.oauth)
        return new JsonEligibilityTransport({ url: ch.url, timeoutMs: ch.timeoutMs, auth: { kind: 'oauth', credentials: ch.oauth } });
      if (ch.apiKey)
        return new JsonEligibilityTransport({ url: ch.url, timeoutMs: ch.timeoutMs, auth: { kind: 'api-key', apiKey: ch.apiKey } });
      throw new Error('transport json needs CLEARINGHOUSE_API_KEY or the CLEARINGHOUSE_TOKEN_URL / CLIENT_ID / CLIENT_SECRET trio');
    case 'availity':
      if (!ch.oauth)
        throw new Error('transport availity needs CLEARINGHOUSE_TOKEN_URL, CLEARINGHOUSE_CLIENT_ID and CLEARINGHOUSE_CLIENT_SECRET');
      return new AvailityTransport({
        url: ch.url,
        timeoutMs: ch.timeoutMs,
        credentials: ch.oauth,
        pollIntervalMs: ch.pollIntervalMs,
        pollTimeoutMs: ch.pollTimeoutMs,
      });
    default: {
      const unknownKind: never = ch.transport;
      throw new Error(`unknown transport ${String(unknownKind)}`);
    }
  }
}
