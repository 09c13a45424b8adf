import type { AppConfig } from '@bvs/config';
import { CoreMimeTransport } from './core/core-mime.transport';
import type { EligibilityTransport } from './transport';

/**
 * The transport named by CLEARINGHOUSE_TRANSPORT. "sandbox" is the CORE MIME protocol pointed at
 * the sandbox clearinghouse (apps/sandbox), so the default path exercises the real wire format.
 */
export function createTransport(config: AppConfig): EligibilityTransport {
  const { clearinghouse } = config;
  switch (clearinghouse.transport) {
    case 'sandbox':
    case 'core-mime':
      return new CoreMimeTransport({
        url: clearinghouse.url,
        senderId: clearinghouse.senderId,
        receiverId: clearinghouse.receiverId,
        timeoutMs: clearinghouse.timeoutMs,
      });
    case 'core-soap':
    case 'json':
    case 'availity':
      throw new Error(`transport ${clearinghouse.transport} is being added`);
    default: {
      const unknownKind: never = clearinghouse.transport;
      throw new Error(`unknown transport ${String(unknownKind)}`);
    }
  }
}
