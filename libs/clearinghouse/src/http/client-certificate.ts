import { readFileSync } from 'node:fs';
import { Agent } from 'node:https';

// CAQH CORE Phase II's second submitter authentication: an X.509 client certificate presented in
// the TLS handshake (for both the SOAP and the MIME envelope). The certificate and key are read
// once, at boot, from configured paths; a private CA for the clearinghouse's server certificate
// may be given too. The agent keeps connections alive so the handshake is not paid per inquiry.

export interface ClientCertificatePaths {
  certPath: string;
  keyPath: string;
  /** PEM bundle of CAs for the clearinghouse's server certificate (default: Node's trust store). */
  caPath?: string;
  /** Passphrase of an encrypted key (from the environment only). */
  passphrase?: string;
}

export function clientCertificateAgent(paths: ClientCertificatePaths): Agent {
  const read = (path: string, what: string): Buffer => {
    try {
      return readFileSync(path);
    } catch {
      // The path is configuration, not a secret; the file's content never goes into a message.
      throw new Error(`clearinghouse client ${what} could not be read from ${path}`);
    }
  };
  return new Agent({
    cert: read(paths.certPath, 'certificate'),
    key: read(paths.keyPath, 'key'),
    ...(paths.caPath ? { ca: read(paths.caPath, 'CA bundle') } : {}),
    ...(paths.passphrase ? { passphrase: paths.passphrase } : {}),
    keepAlive: true,
    minVersion: 'TLSv1.2',
  });
}
