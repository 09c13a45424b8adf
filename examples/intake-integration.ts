// An intake system's integration with the benefits verification API, from its OpenAPI document
// alone (GET /docs/openapi.json). It uses only Node (>= 20): no project code, no SDK.
//
//   1. create a verification with an Idempotency-Key (and send it again: same verification),
//   2. receive the webhook and check its Webhook-Signature (HMAC-SHA256 over "<t>.<raw body>"),
//   3. fetch the FHIR R4 CoverageEligibilityResponse.
//
// Run against a service (`npm start` with the settings below, or docker compose):
//   API_KEYS=intake:<key> WEBHOOK_SECRET=<32+ chars> CALLBACK_ALLOWED_HOSTS=127.0.0.1:4500 \
//   CALLBACK_ALLOW_PRIVATE_ADDRESSES=true npm start
//   BVS_URL=http://127.0.0.1:3000 BVS_API_KEY=<key> BVS_WEBHOOK_SECRET=<secret> \
//   npx ts-node --transpile-only examples/intake-integration.ts

import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';

export interface IntegrationSettings {
  /** The API's base URL, e.g. http://127.0.0.1:3000 */
  baseUrl: string;
  /** An intake API key (Authorization: Bearer). */
  apiKey: string;
  /** The webhook secret the service signs with (WEBHOOK_SECRET, or the intake key's own). */
  webhookSecret: string;
  /** Where this program listens for the webhook (its host:port must be in CALLBACK_ALLOWED_HOSTS). */
  callbackHost: string;
  callbackPort: number;
  /** How long to wait for the webhook. */
  timeoutMs: number;
}

export interface WebhookEvent {
  id: string;
  type: string;
  data: { id: string; status: string; summary?: { eligibility: { status: string } } };
}

/** Checks `Webhook-Signature: t=<unix seconds>,v1=<hex>` over the raw body; at most 5 minutes old. */
export function signatureIsValid(secret: string, rawBody: string, header: string | undefined, now = Date.now()): boolean {
  if (!header) return false;
  const parts = new Map(header.split(',').map((part) => part.split('=', 2) as [string, string]));
  const t = Number(parts.get('t'));
  const v1 = parts.get('v1') ?? '';
  if (!Number.isInteger(t) || Math.abs(now / 1000 - t) > 300 || !/^[0-9a-f]{64}$/.test(v1)) return false;
  const expected = createHmac('sha256', secret).update(`${t}.${rawBody}`).digest();
  return timingSafeEqual(expected, Buffer.from(v1, 'hex'));
}

/** A receiver that accepts only correctly signed events and ignores a repeated event id. */
function listenForWebhook(settings: IntegrationSettings): {
  server: Server;
  next: (verificationId: string) => Promise<WebhookEvent>;
  refused: number;
} {
  const seen = new Set<string>();
  const waiting = new Map<string, (event: WebhookEvent) => void>();
  const early = new Map<string, WebhookEvent>();
  const state = { refused: 0 };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const header = req.headers['webhook-signature'];
      if (!signatureIsValid(settings.webhookSecret, raw, typeof header === 'string' ? header : undefined)) {
        state.refused += 1;
        res.writeHead(401).end();
        return;
      }
      const event = JSON.parse(raw) as WebhookEvent;
      res.writeHead(200).end();
      if (seen.has(event.id)) return; // delivery is at least once
      seen.add(event.id);
      const resolve = waiting.get(event.data.id);
      if (resolve) resolve(event);
      else early.set(event.data.id, event);
    });
  });
  server.listen(settings.callbackPort, settings.callbackHost);
  const next = (verificationId: string): Promise<WebhookEvent> =>
    new Promise((resolve, reject) => {
      const ready = early.get(verificationId);
      if (ready) {
        resolve(ready);
        return;
      }
      const timer = setTimeout(() => reject(new Error(`no webhook within ${settings.timeoutMs} ms`)), settings.timeoutMs);
      waiting.set(verificationId, (event) => {
        clearTimeout(timer);
        resolve(event);
      });
    });
  return {
    server,
    next,
    get refused() {
      return state.refused;
    },
  };
}

async function call(settings: IntegrationSettings, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${settings.baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${settings.apiKey}`, ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  const json = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  if (!res.ok) {
    const error = json.error as { code?: string; message?: string; requestId?: string } | undefined;
    throw new Error(
      `${method} ${path} → ${res.status} ${error?.code ?? ''}: ${error?.message ?? text} (request id ${res.headers.get('x-request-id') ?? '?'})`,
    );
  }
  return { status: res.status, json, headers: res.headers };
}

export interface IntegrationResult {
  verificationId: string;
  sameOnRetry: boolean;
  event: WebhookEvent;
  fhir: { resourceType: string; outcome: string; insurance?: unknown[] };
}

export async function runIntegration(settings: IntegrationSettings): Promise<IntegrationResult> {
  const receiver = listenForWebhook(settings);
  try {
    const idempotencyKey = randomUUID();
    const request = {
      payer: 'aetna',
      member: { id: 'W100000001', firstName: 'JANE', lastName: 'DOE', dateOfBirth: '1990-04-12' },
      levelsOfCare: ['IOP', 'PHP', 'OP'],
      callbackUrl: `http://${settings.callbackHost}:${settings.callbackPort}/hooks/coverage`,
    };
    const created = await call(settings, 'POST', '/v1/verifications', request, { 'idempotency-key': idempotencyKey });
    const verificationId = created.json.id as string;
    // A retry after a timeout: the same key and body give the same verification, not a second one.
    const again = await call(settings, 'POST', '/v1/verifications', request, { 'idempotency-key': idempotencyKey });
    const event = await receiver.next(verificationId);
    const fhir = (await call(settings, 'GET', `/v1/verifications/${verificationId}/fhir`)).json as IntegrationResult['fhir'];
    return { verificationId, sameOnRetry: again.json.id === verificationId, event, fhir };
  } finally {
    await new Promise((resolve) => receiver.server.close(resolve));
  }
}

if (require.main === module) {
  const env = (name: string, fallback?: string): string => {
    const value = process.env[name] ?? fallback;
    if (!value) throw new Error(`set ${name}`);
    return value;
  };
  runIntegration({
    baseUrl: env('BVS_URL', 'http://127.0.0.1:3000'),
    apiKey: env('BVS_API_KEY'),
    webhookSecret: env('BVS_WEBHOOK_SECRET'),
    callbackHost: env('CALLBACK_HOST', '127.0.0.1'),
    callbackPort: Number(env('CALLBACK_PORT', '4500')),
    timeoutMs: Number(env('WEBHOOK_TIMEOUT_MS', '30000')),
  }).then(
    (result) => {
      process.stdout.write(
        `${JSON.stringify({ verification: result.verificationId, sameOnRetry: result.sameOnRetry, event: result.event.type, status: result.event.data.status, fhir: result.fhir.resourceType, outcome: result.fhir.outcome })}\n`,
      );
    },
    (error: unknown) => {
      process.stderr.write(`integration failed: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
