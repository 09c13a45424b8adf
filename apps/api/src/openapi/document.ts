import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { BATCH_CSV_COLUMNS } from '../batches/batch-rows';
import { JANE_DOE_REQUEST, SCHEMAS } from './schemas';

/** Paths of the API proper; the web pages (form, staff dashboard) are for people, not integrators. */
const API_PATHS = /^\/(v1|health|metrics)(\/|$)/;

const BASE = new DocumentBuilder()
  .setOpenAPIVersion('3.1.0')
  .setTitle('Benefits verification API')
  .setDescription(
    'IOP / PHP / OP coverage from X12 270/271 eligibility.\n\n' +
      '**Credentials**: `Authorization: Bearer <key>` (a key from API_KEYS, staff or intake, or a staff OIDC token); without one you are the public web form. ' +
      'Use **Authorize** to send a key from this page.\n\n' +
      '**Errors** are `{ "error": { "code", "message", "details": [{ "field", "message" }], "requestId" } }`. ' +
      'Every response carries `X-Request-Id` (yours, if you sent a valid one, or a new one): quote it to support.\n\n' +
      '**Webhooks**: see the `webhooks` section; each delivery is signed `Webhook-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">` ' +
      'with the intake key’s webhook secret. Check it over the raw body, reject a `t` older than 5 minutes, and de-duplicate on the event `id`.\n\n' +
      'The sandbox member JANE DOE (aetna, W100000001, 1990-04-12) answers with a full behavioral-health plan.',
  )
  .setVersion('1')
  .setLicense('UNLICENSED (proprietary)', 'https://example.invalid/license')
  .addServer('/', 'This service')
  .addBearerAuth(
    { type: 'http', scheme: 'bearer', description: 'An API key from API_KEYS (staff or intake), or a staff OIDC token' },
    'bearer',
  )
  .build();

const REQUEST_ID_PARAMETER = {
  name: 'X-Request-Id',
  in: 'header',
  required: false,
  description: 'Your id for this call (1–64 of A-Z a-z 0-9 . _ -); echoed back, logged, and put in error bodies. Otherwise one is made.',
  schema: { type: 'string', pattern: '^[A-Za-z0-9._-]{1,64}$' },
};

const SIGNATURE_HEADER = {
  name: 'Webhook-Signature',
  in: 'header',
  required: true,
  description: '`t=<unix seconds>,v1=<hex HMAC-SHA256("<t>.<raw body>", webhook secret)>`',
  schema: { type: 'string', pattern: '^t=\\d+,v1=[0-9a-f]{64}$' },
  example: 't=1764349201,v1=5f2b0c6c0e4e8f9b3a1d7c2e6f4a8b0d1c3e5f7a9b2d4c6e8f0a1b3c5d7e9f1a',
};

const WEBHOOK_DESCRIPTIONS: Record<string, string> = {
  'verification.completed': 'The verification settled with a coverage summary.',
  'verification.needs_review': 'The verification went to staff review (the reasons are in `data.review.reasons`).',
  'verification.cancelled': 'The verification was cancelled; a later payer answer will not change it.',
  'verification.changed': 'A settled verification changed (a recheck before the planned start, or a manual result).',
};

const BATCH_ROW = {
  allOf: [{ $ref: '#/components/schemas/CreateVerificationDto' }],
  properties: {
    rowKey: {
      type: 'string',
      pattern: '^[\\x21-\\x7e]{1,200}$',
      description:
        'Your key for the row (an MRN, a row number): the same key always means the same verification, so a re-sent batch makes no row twice',
    },
  },
};

const BATCH_BODY = {
  required: true,
  description: 'Up to 5,000 rows, each a `POST /v1/verifications` body (JSON) or a CSV line; at most 8 MB.',
  content: {
    'application/json': {
      schema: {
        oneOf: [
          { type: 'array', minItems: 1, maxItems: 5000, items: BATCH_ROW },
          {
            type: 'object',
            required: ['rows'],
            properties: { rows: { type: 'array', minItems: 1, maxItems: 5000, items: BATCH_ROW } },
          },
        ],
      },
      examples: {
        sandbox: {
          summary: 'Two sandbox members',
          value: [
            { ...JANE_DOE_REQUEST, rowKey: 'MRN-1001' },
            {
              rowKey: 'MRN-1002',
              payer: 'umr',
              member: { id: 'UMR10000001', firstName: 'Ethan', lastName: 'Brown', dateOfBirth: '1987-03-17' },
            },
          ],
        },
      },
    },
    'text/csv': {
      schema: {
        type: 'string',
        description: `A header line, then one line per row. Columns (any order; all but payer, memberId, firstName, lastName and dateOfBirth may be empty or left out): ${BATCH_CSV_COLUMNS.join(', ')}. levelsOfCare is separated by "|", ";" or spaces.`,
      },
      example: 'rowKey,payer,memberId,firstName,lastName,dateOfBirth,levelsOfCare\nMRN-1001,aetna,W100000001,JANE,DOE,1990-04-12,IOP|PHP\n',
    },
  },
};

const INTERNAL_ERROR = {
  description: 'An unexpected error, logged with the request id: quote X-Request-Id to support',
  content: {
    'application/json': {
      schema: { $ref: '#/components/schemas/Error' },
      example: {
        error: {
          code: 'internal',
          message: 'Something went wrong on our side.',
          details: [],
          requestId: 'c0ffee00-1111-4222-8333-444455556666',
        },
      },
    },
  },
};

interface Operation {
  parameters?: unknown[];
  responses?: Record<string, { description?: string; headers?: Record<string, unknown>; content?: unknown }>;
  requestBody?: unknown;
}

/** The OpenAPI 3.1 document of this app: the controllers' decorators plus the shared schemas and webhooks. */
export function createOpenApiDocument(app: INestApplication): OpenAPIObject {
  const generated = SwaggerModule.createDocument(app, BASE);
  const paths: OpenAPIObject['paths'] = {};
  for (const [path, item] of Object.entries(generated.paths)) {
    if (!API_PATHS.test(path)) continue;
    for (const operation of Object.values(item) as Operation[]) {
      // Nest reflects @Headers('content-type' | 'accept') as parameters; OpenAPI ignores those (the media types say it).
      const own = (operation.parameters ?? []).filter(
        (p) => !((p as { in?: string }).in === 'header' && /^(content-type|accept)$/i.test((p as { name?: string }).name ?? '')),
      );
      operation.parameters = [...own, REQUEST_ID_PARAMETER];
      // Any operation can fail unexpectedly; the body then says nothing but the request id.
      operation.responses = { ...operation.responses, '500': structuredClone(INTERNAL_ERROR) };
      for (const response of Object.values(operation.responses ?? {})) {
        response.headers = { 'X-Request-Id': { $ref: '#/components/headers/XRequestId' }, ...response.headers };
      }
    }
    paths[path] = item;
  }
  const create = paths['/v1/verifications']?.post as
    (Operation & { requestBody?: { content?: Record<string, { examples?: unknown }> } }) | undefined;
  const body = create?.requestBody?.content?.['application/json'];
  if (body) body.examples = { janeDoe: { summary: 'Sandbox member JANE DOE (Aetna, all levels of care)', value: JANE_DOE_REQUEST } };

  // The batch body is read by hand (JSON or CSV), so Nest reflects none: described here.
  const batch = paths['/v1/batches']?.post as Operation | undefined;
  if (batch) batch.requestBody = BATCH_BODY;

  const event = { $ref: '#/components/schemas/WebhookEvent' };
  const webhooks = Object.fromEntries(
    Object.entries(WEBHOOK_DESCRIPTIONS).map(([type, description]) => [
      type,
      {
        post: {
          operationId: `webhook_${type.replace('.', '_')}`,
          summary: `${type} (POSTed to the verification's callbackUrl)`,
          description: `${description} At least once, retried with backoff: de-duplicate on \`id\`. Answer 2xx to acknowledge.`,
          tags: ['Webhooks'],
          security: [],
          parameters: [SIGNATURE_HEADER],
          requestBody: { required: true, content: { 'application/json': { schema: event } } },
          responses: { '200': { description: 'Received' } },
        },
      },
    ]),
  );

  return {
    ...generated,
    openapi: '3.1.0',
    paths,
    webhooks,
    tags: [
      { name: 'Verifications', description: 'Create and read verifications' },
      { name: 'Staff', description: 'Staff work: the list, X12, retries, manual results, the audit trail' },
      { name: 'Payers', description: 'The payer directory' },
      { name: 'Operations', description: 'Probes and metrics' },
      { name: 'Webhooks', description: 'Events POSTed to an intake caller’s callbackUrl' },
    ],
    components: {
      ...generated.components,
      schemas: { ...generated.components?.schemas, ...SCHEMAS },
      headers: {
        XRequestId: { description: 'The request id (yours, or a new one)', schema: { type: 'string' } },
        RetryAfter: { description: 'Seconds to wait before trying again', schema: { type: 'integer', minimum: 0 } },
      },
    },
  } as OpenAPIObject;
}
