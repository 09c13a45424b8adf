import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import request from 'supertest';

/**
 * Paths the contract covers: the JSON API (/v1), the probes (/health) and /metrics. The web pages,
 * Bull Board (/staff/queues), their assets and /docs itself are for people, not integrators.
 */
const DOCUMENTED = /^\/(v1|health|metrics)(\/|$)/;

/** Every contract of a running stack, so one afterEach (contract-hooks.ts) checks them all. */
const LIVE = new Set<OpenApiContract>();

interface Seen {
  method: string;
  path: string;
  status: number;
  contentType: string;
  requestId: string | undefined;
  body: string;
}

interface Doc {
  paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: unknown }> }> }>>;
}

/**
 * Records every response the API sends (whoever asked: supertest, fetch, an example client) and
 * checks each against the OpenAPI document the API serves at /docs/openapi.json: the path and
 * method are documented, the status code is listed, the body validates (ajv, JSON Schema
 * 2020-12) and X-Request-Id is set. The document therefore cannot drift from the code.
 */
export class OpenApiContract {
  private readonly seen: Seen[] = [];
  private doc?: Doc;
  private readonly ajv = new Ajv2020({ strict: false, allErrors: true });
  private readonly validators = new Map<string, ValidateFunction>();
  /** How many responses were checked in all (a test may assert that checking happened). */
  checked = 0;

  constructor(private readonly server: Server) {
    addFormats(this.ajv);
    LIVE.add(this);
    // First listener: wraps write/end before the app starts answering.
    server.prependListener('request', (req: IncomingMessage, res: ServerResponse) => this.record(req, res));
  }

  private record(req: IncomingMessage, res: ServerResponse): void {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (!DOCUMENTED.test(path)) return;
    const chunks: Buffer[] = [];
    const write = res.write.bind(res) as (...args: unknown[]) => boolean;
    const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
    const keep = (chunk: unknown): void => {
      if (typeof chunk === 'string') chunks.push(Buffer.from(chunk));
      else if (chunk instanceof Uint8Array) chunks.push(Buffer.from(chunk));
    };
    res.write = ((chunk: unknown, ...rest: unknown[]) => {
      keep(chunk);
      return write(chunk, ...rest);
    }) as ServerResponse['write'];
    res.end = ((chunk?: unknown, ...rest: unknown[]) => {
      if (typeof chunk !== 'function') keep(chunk);
      const requestId = res.getHeader('x-request-id');
      this.seen.push({
        method: (req.method ?? 'GET').toLowerCase(),
        path,
        status: res.statusCode,
        contentType:
          String(res.getHeader('content-type') ?? '')
            .split(';')[0]
            ?.trim() ?? '',
        requestId: typeof requestId === 'string' ? requestId : undefined,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      return end(chunk, ...rest);
    }) as ServerResponse['end'];
  }

  /** Reads the served document now, while the API listens (a test may stop it later). */
  async load(): Promise<void> {
    await this.document();
  }

  /** Stops checking (the stack stopped): the problems left unreported, if any. */
  async close(): Promise<string[]> {
    LIVE.delete(this);
    return this.seen.length > 0 ? this.problems() : [];
  }

  private async document(): Promise<Doc> {
    if (!this.doc) {
      const served = await request(this.server).get('/docs/openapi.json');
      if (served.status !== 200) throw new Error(`the API did not serve its OpenAPI document (${served.status})`);
      this.doc = served.body as Doc;
      this.ajv.addSchema(this.doc, 'openapi');
    }
    return this.doc;
  }

  /** Every problem with the responses recorded since the last call (and forgets them). */
  async problems(): Promise<string[]> {
    const doc = await this.document();
    const batch = this.seen.splice(0);
    const problems: string[] = [];
    for (const seen of batch) {
      this.checked += 1;
      const where = `${seen.method.toUpperCase()} ${seen.path} → ${seen.status}`;
      if (!seen.requestId) problems.push(`${where}: no X-Request-Id header`);
      const template = Object.keys(doc.paths).find((p) => new RegExp(`^${p.replace(/\{[^}]+\}/g, '[^/]+')}$`).test(seen.path));
      const operation = template ? doc.paths[template]?.[seen.method] : undefined;
      if (!template || !operation) {
        problems.push(`${where}: the operation is not in the document`);
        continue;
      }
      const statusKey = [String(seen.status), `${String(seen.status)[0]}XX`, 'default'].find((key) => operation.responses[key]);
      if (!statusKey) {
        problems.push(`${where}: status ${seen.status} is not documented for ${template}`);
        continue;
      }
      const content = operation.responses[statusKey]?.content;
      if (!content) continue;
      if (!content[seen.contentType]) {
        problems.push(`${where}: content type "${seen.contentType}" is not documented (${Object.keys(content).join(', ')})`);
        continue;
      }
      if (!seen.contentType.endsWith('json')) continue;
      const pointer = `openapi#/paths/${escape(template)}/${seen.method}/responses/${statusKey}/content/${escape(seen.contentType)}/schema`;
      let validate = this.validators.get(pointer);
      if (!validate) {
        validate = this.ajv.compile({ $ref: pointer });
        this.validators.set(pointer, validate);
      }
      let body: unknown;
      try {
        body = JSON.parse(seen.body);
      } catch {
        problems.push(`${where}: the body is not JSON`);
        continue;
      }
      if (!validate(body)) {
        const errors = (validate.errors ?? []).slice(0, 5).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`);
        problems.push(`${where}: the body does not match the document: ${errors.join('; ')}`);
      }
    }
    return problems;
  }

  /** What is wrong with a webhook body a test's receiver got, against the document's `WebhookEvent`. */
  webhookProblems(event: unknown): string[] {
    if (!this.doc) throw new Error('the OpenAPI document is not loaded (contract.load())');
    const pointer = 'openapi#/components/schemas/WebhookEvent';
    let validate = this.validators.get(pointer);
    if (!validate) {
      validate = this.ajv.compile({ $ref: pointer });
      this.validators.set(pointer, validate);
    }
    if (validate(event)) return [];
    const type = (event as { type?: unknown } | null)?.type;
    return (validate.errors ?? []).slice(0, 5).map((e) => `webhook ${String(type)}: ${e.instancePath || '/'} ${e.message ?? ''}`);
  }

  /** Fails the test that received an undocumented response. */
  async expectAllDocumented(): Promise<void> {
    expect(await this.problems()).toEqual([]);
  }
}

/**
 * The problems of every running stack's responses since the last call: contract-hooks.ts runs
 * it after each e2e test, so every suite that starts a stack is checked without a line of its own.
 */
export async function problemsOfLiveContracts(): Promise<string[]> {
  const all: string[] = [];
  for (const contract of LIVE) all.push(...(await contract.problems()));
  return all;
}

const escape = (segment: string): string => segment.replace(/~/g, '~0').replace(/\//g, '~1');
