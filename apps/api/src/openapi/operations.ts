import { applyDecorators } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiProduces, ApiQuery, ApiResponse, type ApiResponseOptions, ApiTags } from '@nestjs/swagger';
import { BATCH_RESULTS_CSV_EXAMPLE } from './schemas';

// One decorator per operation, so a controller method carries one line of OpenAPI and the
// document's details (statuses, security, examples) read together here.

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
type Security = Record<string, string[]>[];
const SECURITY: Record<'publicOrKey' | 'key' | 'none', Security> = {
  /** No key is the public role; a key (or staff OIDC token) is sent as a bearer token. */
  publicOrKey: [{}, { bearer: [] }],
  key: [{ bearer: [] }],
  none: [],
};

const ERRORS: Record<number, string> = {
  400: 'Invalid input: every invalid field is named in `details`',
  401: 'No valid credentials (a missing, malformed or unknown key)',
  403: 'The caller’s role may not do this',
  404: 'No such verification (or not the caller’s)',
  409: 'Conflict',
  413: 'The request body is too large (32 kB at most; 8 MB for a batch)',
  415: 'A compressed body (Content-Encoding) or a charset other than UTF-8: send it uncompressed',
  429: 'Rate limited (the public role); see Retry-After',
  503: 'A dependency (Redis) is down; see Retry-After',
};

/** A typical body per status, so each response shows its own example rather than the 400 one. */
const EXAMPLES: Record<number, { code: string; message: string; details: { field?: string; message: string }[] }> = {
  400: {
    code: 'invalid_request',
    message: 'The request is invalid.',
    details: [{ field: 'member.dateOfBirth', message: 'member.dateOfBirth must be a date like 1990-04-12' }],
  },
  401: { code: 'unauthenticated', message: 'This endpoint needs an API key (Authorization: Bearer <key>).', details: [] },
  403: { code: 'forbidden', message: 'The intake role may not do this.', details: [] },
  404: { code: 'not_found', message: 'No such verification.', details: [] },
  409: { code: 'conflict', message: 'The verification is already queued or in progress.', details: [] },
  413: { code: 'payload_too_large', message: 'The request body is too large.', details: [] },
  415: {
    code: 'unsupported_media_type',
    message: 'Content-Encoding is not supported: send the body uncompressed (identity).',
    details: [],
  },
  429: { code: 'rate_limited', message: 'Too many requests; try again shortly.', details: [] },
  503: { code: 'unavailable', message: 'The service store is unavailable; try again shortly.', details: [] },
};

function errors(statuses: number[], conflict?: string): MethodDecorator {
  return applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: status === 409 && conflict ? conflict : ERRORS[status],
        // Errors are JSON even where the operation produces another type (FHIR, Prometheus text).
        content: {
          'application/json': {
            schema: ref('Error'),
            example: { error: { ...EXAMPLES[status], requestId: 'c0ffee00-1111-4222-8333-444455556666' } },
          },
        },
        ...(status === 429 || status === 503 ? { headers: { 'Retry-After': { $ref: '#/components/headers/RetryAfter' } } } : {}),
      }),
    ),
  );
}

const record = (role: string) => (role === 'public' ? ref('PatientView') : { oneOf: [ref('VerificationRecord'), ref('PatientView')] });

export const DocCreateVerification = (): MethodDecorator =>
  applyDecorators(
    ApiTags('Verifications'),
    ApiOperation({
      summary: 'Start a verification',
      description:
        'Public (the web form: the answer is the patient view), intake and staff (the record). `?wait=N` holds the answer until it settles. ' +
        'With `Idempotency-Key` (intake, staff), the same key and body give the same verification; the same key with another body is a 409.',
      security: SECURITY.publicOrKey,
    }),
    // Lower case: the name Nest reflects from @Headers, so this replaces its "required" guess.
    ApiHeader({
      name: 'idempotency-key',
      required: false,
      // No example: Swagger UI would send it on every try, and a changed body would then be a 409.
      description:
        'Idempotency-Key, optional (intake, staff): 1–255 printable characters, e.g. a UUID per request; repeat it to retry safely',
    }),
    ApiResponse({
      status: 202,
      description: 'Accepted: the record (intake, staff) or the patient view (public); `Location` names it',
      headers: {
        Location: {
          description: 'The verification’s URL',
          schema: { type: 'string', example: '/v1/verifications/vrf_3f9c1d2e8a7b4c6d9e0f1a2b3c4d5e6f' },
        },
      },
      content: { 'application/json': { schema: record('any') } },
    }),
    errors([400, 401, 403, 409, 413, 415, 429, 503], 'The Idempotency-Key was used with a different body'),
  );

export const DocGetVerification = (): MethodDecorator =>
  applyDecorators(
    ApiTags('Verifications'),
    ApiOperation({
      summary: 'Read a verification',
      description: 'Public: the patient view. Intake: its own records. Staff: every record (the read is audited).',
      security: SECURITY.publicOrKey,
    }),
    ApiResponse({
      status: 200,
      description: 'The record, or the patient view for the public role',
      content: { 'application/json': { schema: record('any') } },
    }),
    errors([400, 401, 404, 429, 503]),
  );

export const DocFhir = (): MethodDecorator =>
  applyDecorators(
    ApiTags('Verifications'),
    ApiOperation({ summary: 'The summary as a FHIR R4 CoverageEligibilityResponse', security: SECURITY.key }),
    ApiProduces('application/fhir+json'),
    ApiResponse({
      status: 200,
      description: 'FHIR R4 CoverageEligibilityResponse',
      content: { 'application/fhir+json': { schema: ref('FhirCoverageEligibilityResponse') } },
    }),
    errors([401, 403, 404, 409, 503], 'Not settled yet: no coverage summary to render'),
  );

export const DocListVerifications = (): MethodDecorator =>
  applyDecorators(
    ApiTags('Staff'),
    ApiOperation({ summary: 'List verifications (staff), earliest deadline first', security: SECURITY.key }),
    ApiResponse({ status: 200, description: 'A page of records', schema: ref('VerificationPage') }),
    errors([400, 401, 403, 503]),
  );

export const DocX12 = (): MethodDecorator =>
  applyDecorators(
    ApiTags('Staff'),
    ApiOperation({ summary: 'The 270s sent and 271s received (staff; audited)', security: SECURITY.key }),
    ApiResponse({ status: 200, description: 'The X12 exchange', schema: ref('X12Exchange') }),
    errors([401, 403, 404, 503]),
  );

export const DocRetry = (): MethodDecorator =>
  applyDecorators(
    ApiTags('Staff'),
    ApiOperation({ summary: 'Another electronic attempt (staff)', security: SECURITY.key }),
    ApiResponse({ status: 202, description: 'Queued again', schema: ref('VerificationRecord') }),
    errors([401, 403, 404, 409, 503], 'The verification is already queued or in progress'),
  );

export const DocCancel = (): MethodDecorator =>
  applyDecorators(
    ApiTags('Verifications'),
    ApiOperation({
      summary: 'Cancel a verification (staff; intake for its own): a waiting job is removed, a later answer changes nothing',
      security: SECURITY.key,
    }),
    ApiResponse({ status: 200, description: 'The record, cancelled (webhook verification.cancelled)', schema: ref('VerificationRecord') }),
    errors([401, 403, 404, 409, 503], 'The verification is already settled'),
  );

export const DocManualResult = (): MethodDecorator =>
  applyDecorators(
    ApiTags('Staff'),
    ApiOperation({ summary: 'Record benefits obtained by phone or portal (staff)', security: SECURITY.key }),
    ApiResponse({ status: 200, description: 'The record, completed with source "manual"', schema: ref('VerificationRecord') }),
    errors([400, 401, 403, 404, 409, 413, 415, 503]),
  );

export const DocAudit = (): MethodDecorator =>
  applyDecorators(
    ApiTags('Staff'),
    ApiOperation({ summary: 'The append-only audit trail, newest first (staff)', security: SECURITY.key }),
    ApiResponse({ status: 200, description: 'Audit entries', schema: ref('AuditPage') }),
    errors([400, 401, 403, 503]),
  );

export const DocPayers = (): MethodDecorator =>
  applyDecorators(
    ApiTags('Payers'),
    ApiOperation({
      summary: 'The payer directory: the insurers the center accepts and how each is verified',
      security: SECURITY.publicOrKey,
    }),
    ApiResponse({ status: 200, description: 'The directory', schema: ref('PayerDirectory') }),
    errors([401, 429]),
  );

export const DocLive = (): MethodDecorator =>
  applyDecorators(
    ApiTags('Operations'),
    ApiOperation({ summary: 'Liveness: the process runs', security: SECURITY.none }),
    ApiResponse({ status: 200, description: 'Alive', schema: ref('Health') }),
  );

export const DocReady = (): MethodDecorator =>
  applyDecorators(
    ApiTags('Operations'),
    ApiOperation({ summary: 'Readiness: Redis and the queue answer', security: SECURITY.none }),
    ApiResponse({ status: 200, description: 'Ready', schema: ref('Health') }),
    errors([503]),
  );

export const DocMetrics = (): MethodDecorator =>
  applyDecorators(
    ApiTags('Operations'),
    ApiOperation({ summary: 'This process’s Prometheus metrics (text exposition format 0.0.4)', security: SECURITY.none }),
    ApiProduces('text/plain'),
    ApiResponse({ status: 200, description: 'Prometheus text', content: { 'text/plain': { schema: { type: 'string' } } } }),
  );

/**
 * An operation of the staff work, batch and re-check routes: its security requirement (a key),
 * its success response with the schema of its body, and its errors.
 */
export const DocOperation = (o: {
  tag: 'Staff' | 'Batches' | 'Re-verification';
  summary: string;
  description?: string;
  status: number;
  /** The success body: a component of schemas.ts. */
  schema: string;
  /** Response headers besides X-Request-Id. */
  headers?: ApiResponseOptions['headers'];
  errors: number[];
  conflict?: string;
}): MethodDecorator =>
  applyDecorators(
    ApiTags(o.tag),
    ApiOperation({ summary: o.summary, ...(o.description ? { description: o.description } : {}), security: SECURITY.key }),
    ApiResponse({
      status: o.status,
      description: o.summary,
      ...(o.headers ? { headers: o.headers } : {}),
      content: { 'application/json': { schema: ref(o.schema) } },
    }),
    errors(o.errors, o.conflict),
  );

export const DocSubmitBatch = (): MethodDecorator =>
  applyDecorators(
    DocOperation({
      tag: 'Batches',
      summary: 'Many verifications at once: a JSON array or text/csv of up to 5,000 rows, validated up front',
      description:
        'Every row is validated as a single `POST /v1/verifications` body would be; the valid rows become verifications (below single ones in priority), ' +
        'the invalid ones are listed in `rejectedRows`. A batch with no valid row is a 400. The answer comes once the rows are created (or after 15 s, ' +
        'with `state: "creating"`). With `Idempotency-Key`, the same key and rows answer with the same batch (`replayed: true`).',
      status: 202,
      schema: 'BatchCreated',
      headers: {
        Location: {
          description: 'The batch’s URL',
          schema: { type: 'string', example: '/v1/batches/bat_8d0f2c4e6a8b0d2f4e6a8c0e2b4d6f8a' },
        },
      },
      errors: [400, 401, 403, 409, 413, 415, 429, 503],
      conflict: 'The Idempotency-Key was used with a different batch',
    }),
    ApiHeader({
      name: 'idempotency-key',
      required: false,
      description: 'Idempotency-Key, optional: 1–255 printable characters; repeat it (with the same rows) to retry safely',
    }),
  );

export const DocBatchResults = (): MethodDecorator =>
  applyDecorators(
    ApiTags('Batches'),
    ApiOperation({
      summary: 'One line per row, as JSON or CSV (Accept: text/csv or ?format=csv)',
      description:
        'The CSV has one header line and one line per row; a cell a spreadsheet would run as a formula starts with an apostrophe.',
      security: SECURITY.key,
    }),
    ApiQuery({ name: 'format', required: false, enum: ['json', 'csv'], description: 'Overrides Accept' }),
    ApiProduces('application/json', 'text/csv'),
    ApiResponse({
      status: 200,
      description: 'The results',
      headers: {
        'Content-Disposition': {
          description: 'CSV only: `attachment; filename="<batch id>-results.csv"`',
          schema: { type: 'string' },
        },
      },
      content: {
        'application/json': { schema: ref('BatchResults') },
        'text/csv': {
          schema: {
            type: 'string',
            description: 'RFC 4180 CSV, UTF-8: the columns of the JSON rows, a level of care’s three per column group',
          },
          example: BATCH_RESULTS_CSV_EXAMPLE,
        },
      },
    }),
    errors([401, 403, 404, 503]),
  );
