import { applyDecorators } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';

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
  413: 'The request body is too large (32 kB at most)',
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
    errors([400, 401, 403, 409, 413, 429, 503], 'The Idempotency-Key was used with a different body'),
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
    errors([400, 401, 403, 404, 409, 413, 503]),
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
 * An operation of the staff work, batch and re-check routes: its security requirement, its
 * success response and its errors. The bodies are described in docs/admissions-workflow.md and
 * docs/batches-and-rechecks.md.
 */
export const DocOperation = (o: {
  tag: 'Staff' | 'Batches' | 'Re-verification';
  summary: string;
  status: number;
  schema?: Record<string, unknown>;
  produces?: string[];
  errors: number[];
  conflict?: string;
}): MethodDecorator =>
  applyDecorators(
    ApiTags(o.tag),
    ApiOperation({ summary: o.summary, security: SECURITY.key }),
    ...(o.produces ? [ApiProduces(...o.produces)] : []),
    ApiResponse({ status: o.status, description: o.summary, schema: o.schema ?? { type: 'object' } }),
    errors(o.errors, o.conflict),
  );

/** The staff view of a record, as the staff work routes answer it. */
export const STAFF_RECORD = ref('VerificationRecord');
