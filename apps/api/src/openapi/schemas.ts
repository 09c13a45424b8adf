// JSON Schemas (OpenAPI 3.1 = JSON Schema 2020-12) of what the API answers. They sit next to the
// views that produce those answers (libs/store record-views, libs/coverage summary); the e2e
// tests validate every response against them, so a view that changes without its schema fails CI.

type Schema = Record<string, unknown>;

const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
const nullable = (schema: Schema): Schema => ({ oneOf: [schema, { type: 'null' }] });
const dateTime: Schema = { type: 'string', format: 'date-time' };
const money: Schema = { type: 'string', pattern: '^-?\\d+\\.\\d{2}$', examples: ['1500.00'] };
const strings: Schema = { type: 'array', items: { type: 'string' } };
const LEVELS = ['IOP', 'PHP', 'OP'];

const VERIFICATION_ID: Schema = { type: 'string', pattern: '^vrf_[0-9a-f]{32}$', examples: ['vrf_3f9c1d2e8a7b4c6d9e0f1a2b3c4d5e6f'] };

const amountPair: Schema = {
  type: 'object',
  properties: { total: money, remaining: money, remainingDerived: { type: 'boolean' }, sources: strings },
};
const accumulator: Schema = { type: 'object', properties: { individual: amountPair, family: amountPair } };
const networkAccumulators: Schema = { type: 'object', properties: { deductible: accumulator, outOfPocketMax: accumulator } };
const networkTerms: Schema = {
  type: 'object',
  properties: {
    copay: { type: 'object', required: ['amount'], properties: { amount: money, per: { type: 'string' } } },
    coinsurancePercent: { type: 'number', minimum: 0, maximum: 100 },
    deductibleApplies: { type: 'boolean' },
    limits: {
      type: 'array',
      items: {
        type: 'object',
        required: ['quantity', 'unit'],
        properties: {
          quantity: { type: 'number' },
          unit: { type: 'string' },
          period: { type: 'string' },
          remaining: { type: 'number' },
          source: { type: 'string' },
        },
      },
    },
    basis: { type: 'string' },
    notCovered: { type: 'boolean' },
    accumulators: networkAccumulators,
    sources: strings,
  },
};
const costEstimate: Schema = {
  type: 'object',
  required: ['network', 'sessions', 'allowedPerSession', 'patientResponsibility', 'breakdown', 'cappedByOutOfPocket'],
  properties: {
    network: { enum: ['inNetwork', 'outOfNetwork'] },
    sessions: { type: 'integer' },
    allowedPerSession: money,
    patientResponsibility: money,
    breakdown: {
      type: 'object',
      required: ['deductible', 'coinsurance', 'copay'],
      properties: { deductible: money, coinsurance: money, copay: money },
    },
    cappedByOutOfPocket: { type: 'boolean' },
    deductibleAssumed: { type: 'boolean' },
    notes: strings,
  },
};
const levelOfCareSummary: Schema = {
  type: 'object',
  required: ['status', 'basis', 'sources'],
  properties: {
    status: { enum: ['covered', 'not_covered', 'unknown'] },
    basis: { enum: ['explicit', 'mental_health_general', 'plan_general', 'none'] },
    inNetwork: networkTerms,
    outOfNetwork: networkTerms,
    unknownNetwork: networkTerms,
    priorAuthorizationRequired: { type: ['boolean', 'null'] },
    priorAuthorizationText: { type: 'string' },
    sources: strings,
    estimate: costEstimate,
    estimates: { type: 'array', items: costEstimate },
    estimateUnavailable: { type: 'string' },
    answeredBy: strings,
  },
};

const coverageSummary: Schema = {
  type: 'object',
  description:
    'The normalized IOP / PHP / OP coverage summary (money as "1250.00", percentages 0–100). A figure the payer did not state is absent.',
  required: ['eligibility', 'accumulators', 'levelsOfCare'],
  properties: {
    eligibility: {
      type: 'object',
      required: ['status', 'payer', 'plan', 'member', 'rejections'],
      properties: {
        status: { enum: ['active', 'inactive', 'not_found', 'rejected', 'unknown'] },
        payer: { type: 'object', properties: { name: { type: 'string' }, payerId: { type: 'string' } } },
        plan: {
          type: 'object',
          properties: {
            name: { type: 'string' },
            groupNumber: { type: 'string' },
            groupName: { type: 'string' },
            insuranceType: { type: 'string' },
            insuranceTypeCode: { type: 'string' },
            coverageStart: { type: ['string', 'null'] },
            coverageEnd: { type: ['string', 'null'] },
          },
        },
        member: {
          type: 'object',
          properties: {
            memberId: { type: 'string' },
            firstName: { type: 'string' },
            lastName: { type: 'string' },
            dateOfBirth: { type: 'string' },
            relationship: { enum: ['self', 'spouse', 'child', 'other'] },
          },
        },
        rejections: {
          type: 'array',
          items: {
            type: 'object',
            required: ['code', 'description', 'retryable'],
            properties: {
              code: { type: 'string' },
              description: { type: 'string' },
              followUp: { type: 'string' },
              followUpDescription: { type: 'string' },
              retryable: { type: 'boolean' },
              loop: { type: 'string' },
            },
          },
        },
      },
    },
    responses: {
      type: 'array',
      items: {
        type: 'object',
        required: ['payer', 'benefits'],
        properties: { payer: { type: 'string' }, payerId: { type: 'string' }, benefits: { type: 'integer' } },
      },
    },
    accumulators: {
      type: 'object',
      properties: { inNetwork: networkAccumulators, outOfNetwork: networkAccumulators, unknownNetwork: networkAccumulators },
    },
    levelsOfCare: { type: 'object', propertyNames: { enum: LEVELS }, additionalProperties: levelOfCareSummary },
    carveOut: nullable({
      type: 'object',
      required: ['name'],
      properties: {
        name: { type: 'string' },
        payerId: { type: 'string' },
        phone: { type: 'string' },
        entityCode: { type: 'string' },
        source: { type: 'string' },
        foundBy: { enum: ['entity', 'message'] },
      },
    }),
    network: nullable({ type: 'object', required: ['key', 'name'], properties: { key: { type: 'string' }, name: { type: 'string' } } }),
  },
};

const webhookDelivery: Schema = {
  type: 'object',
  required: ['eventId', 'type', 'status', 'attempts'],
  properties: {
    eventId: { type: 'string' },
    type: { type: 'string', examples: ['verification.completed'] },
    status: { enum: ['pending', 'sending', 'delivered', 'failed'], description: '`sending`: the attempt is recorded before the POST' },
    attempts: { type: 'integer', minimum: 0 },
    lastAttemptAt: dateTime,
    responseStatus: { type: ['integer', 'null'] },
    error: { type: ['string', 'null'] },
  },
};

const BATCH_ID: Schema = { type: 'string', pattern: '^bat_[0-9a-f]{32}$', examples: ['bat_8d0f2c4e6a8b0d2f4e6a8c0e2b4d6f8a'] };
const STATUS_COUNT: Schema = { type: 'integer', minimum: 0 };
const rowKey: Schema = { type: ['string', 'null'], description: 'The caller’s row key (null when none was sent)' };
const rowNumber: Schema = { type: 'integer', minimum: 1, description: '1-based place in the array or CSV (the header is not a row)' };

/** BatchesService.progress: the same fields in every batch answer. */
const batchProgressProperties: Record<string, Schema> = {
  id: BATCH_ID,
  state: {
    enum: ['creating', 'running', 'done', 'cancelled'],
    description: '`creating` while rows are still becoming verifications; `done` once every row is settled or refused',
  },
  createdAt: dateTime,
  total: { type: 'integer', minimum: 1, description: 'Rows submitted' },
  rejected: { type: 'integer', minimum: 0, description: 'Rows refused (invalid, or refused when created)' },
  byStatus: {
    type: 'object',
    description:
      'Rows by their verification’s status; `expired` for one whose record is past retention, `not_started` for rows not created yet (a cancelled or still-creating batch)',
    required: ['queued', 'in_progress', 'completed', 'needs_review', 'cancelled'],
    additionalProperties: false,
    properties: {
      queued: STATUS_COUNT,
      in_progress: STATUS_COUNT,
      completed: STATUS_COUNT,
      needs_review: STATUS_COUNT,
      cancelled: STATUS_COUNT,
      expired: STATUS_COUNT,
      not_started: STATUS_COUNT,
    },
  },
  settled: { type: 'integer', minimum: 0, description: 'Rows whose verification is completed, in review, cancelled or expired' },
  percent: { type: 'integer', minimum: 0, maximum: 100, description: 'Settled or refused rows, of all rows' },
};
const BATCH_PROGRESS_REQUIRED = ['id', 'state', 'createdAt', 'total', 'rejected', 'byStatus', 'settled', 'percent'];

const BATCH_PROGRESS_EXAMPLE = {
  id: 'bat_8d0f2c4e6a8b0d2f4e6a8c0e2b4d6f8a',
  state: 'running',
  createdAt: '2026-11-28T17:00:00.000Z',
  total: 3,
  rejected: 1,
  byStatus: { queued: 0, in_progress: 0, completed: 1, needs_review: 1, cancelled: 0 },
  settled: 2,
  percent: 100,
};

const rowError: Schema = {
  type: 'object',
  required: ['field', 'message'],
  additionalProperties: false,
  properties: { field: { type: 'string', examples: ['member.dateOfBirth'] }, message: { type: 'string' } },
};

const levelResult: Schema = {
  type: 'object',
  required: ['covered', 'costShare', 'priorAuthorization'],
  additionalProperties: false,
  properties: {
    covered: { enum: ['covered', 'not_covered', 'unknown', null] },
    costShare: {
      type: ['string', 'null'],
      description: 'The patient’s share in the center’s network, in words',
      examples: ['20% coinsurance after deductible'],
    },
    priorAuthorization: { enum: ['required', 'not_required', null] },
  },
};

const batchResultLine: Schema = {
  type: 'object',
  required: ['row', 'rowKey', 'verificationId', 'status', 'coverageActive', 'levelsOfCare', 'reviewReasons', 'errors'],
  additionalProperties: false,
  properties: {
    row: rowNumber,
    rowKey,
    verificationId: { oneOf: [VERIFICATION_ID, { type: 'null' }] },
    status: {
      enum: ['queued', 'in_progress', 'completed', 'needs_review', 'cancelled', 'not_found', 'rejected', 'expired', 'not_started'],
      description: 'The verification’s status; `not_found` when the payer does not know the member; `rejected` for a refused row',
    },
    coverageActive: { type: ['boolean', 'null'] },
    levelsOfCare: {
      type: 'object',
      description: 'Each level of care the row asked for (empty for a row without a verification)',
      propertyNames: { enum: LEVELS },
      additionalProperties: levelResult,
    },
    reviewReasons: strings,
    errors: { ...strings, description: 'Why the row was refused, as "field: message"' },
  },
};

const personAndPayer: Record<string, Schema> = {
  verificationId: VERIFICATION_ID,
  patient: { type: 'string', description: 'The patient’s name (staff only)' },
  payer: { type: 'string', description: 'The payer’s name', examples: ['Aetna'] },
};

const JANE_RECORD = {
  id: 'vrf_3f9c1d2e8a7b4c6d9e0f1a2b3c4d5e6f',
  status: 'completed',
  channel: 'staff',
  payer: { key: 'aetna', name: 'Aetna', payerId: '60054' },
  network: null,
  createdAt: '2026-11-28T17:00:00.000Z',
  updatedAt: '2026-11-28T17:00:01.200Z',
  completedAt: '2026-11-28T17:00:01.200Z',
  plannedStart: '2026-11-30T02:00:00.000Z',
  deadline: '2026-11-30T02:00:00.000Z',
  timeLeftSeconds: 118800,
  withinWindow: true,
  attempts: 1,
  lastError: null,
  levelsOfCareRequested: ['IOP', 'PHP', 'OP'],
  source: 'electronic',
  summary: {
    eligibility: {
      status: 'active',
      payer: { name: 'AETNA', payerId: '60054' },
      plan: { name: 'AETNA CHOICE POS II', coverageStart: '2026-01-01', coverageEnd: null },
      member: { memberId: 'W100000001', firstName: 'JANE', lastName: 'DOE', dateOfBirth: '1990-04-12', relationship: 'self' },
      rejections: [],
    },
    accumulators: {
      inNetwork: {
        deductible: { individual: { total: '1500.00', remaining: '250.00' } },
        outOfPocketMax: { individual: { total: '5000.00', remaining: '3380.00' } },
      },
    },
    levelsOfCare: {
      IOP: {
        status: 'covered',
        basis: 'explicit',
        inNetwork: { coinsurancePercent: 20, deductibleApplies: true },
        outOfNetwork: { coinsurancePercent: 40 },
        priorAuthorizationRequired: true,
        sources: ['EB*A*IND**PR****0.2***Y*Y*HC:S9480'],
      },
    },
    carveOut: null,
  },
};

/** The components every operation refers to. */
export const SCHEMAS: Record<string, Schema> = {
  Error: {
    type: 'object',
    description: 'Every error. `requestId` is the X-Request-Id of the call, to quote to support.',
    required: ['error'],
    additionalProperties: false,
    properties: {
      error: {
        type: 'object',
        required: ['code', 'message', 'details'],
        additionalProperties: false,
        properties: {
          code: { type: 'string', examples: ['invalid_request'] },
          message: { type: 'string' },
          details: {
            type: 'array',
            description: 'For 400: one entry per invalid field (the field path, or "body"); dependency states for 503 from /health/ready.',
            items: {
              type: 'object',
              required: ['message'],
              additionalProperties: false,
              properties: { field: { type: 'string', examples: ['member.dateOfBirth'] }, message: { type: 'string' } },
            },
          },
          requestId: { type: 'string', pattern: '^[A-Za-z0-9._-]{1,64}$' },
        },
      },
    },
    examples: [
      {
        error: {
          code: 'invalid_request',
          message: 'The request is invalid.',
          details: [{ field: 'member.dateOfBirth', message: 'member.dateOfBirth must be a date like 1990-04-12' }],
          requestId: 'c0ffee00-1111-4222-8333-444455556666',
        },
      },
    ],
  },
  PayerRef: {
    type: 'object',
    required: ['key', 'name', 'payerId'],
    additionalProperties: false,
    properties: {
      key: { type: 'string', examples: ['aetna'] },
      name: { type: 'string', examples: ['Aetna'] },
      payerId: { type: 'string', examples: ['60054'] },
    },
  },
  CoverageSummary: coverageSummary,
  WebhookDelivery: webhookDelivery,
  VerificationRecord: {
    type: 'object',
    description: 'What staff and intake read: the record without the request’s PHI and without X12.',
    required: [
      'id',
      'status',
      'channel',
      'payer',
      'network',
      'createdAt',
      'updatedAt',
      'completedAt',
      'plannedStart',
      'deadline',
      'timeLeftSeconds',
      'withinWindow',
      'attempts',
      'lastError',
      'levelsOfCareRequested',
    ],
    additionalProperties: false,
    properties: {
      id: VERIFICATION_ID,
      status: { enum: ['queued', 'in_progress', 'completed', 'needs_review', 'cancelled'] },
      channel: { enum: ['web_form', 'staff', 'intake'] },
      payer: ref('PayerRef'),
      network: nullable({ type: 'object', required: ['key', 'name'], properties: { key: { type: 'string' }, name: { type: 'string' } } }),
      createdAt: dateTime,
      updatedAt: dateTime,
      completedAt: nullable(dateTime),
      plannedStart: nullable(dateTime),
      deadline: { ...dateTime, description: 'plannedStart, or creation + DEFAULT_DEADLINE_HOURS' },
      timeLeftSeconds: { type: 'integer', description: 'Seconds until the deadline (negative once past)' },
      withinWindow: { type: ['boolean', 'null'], description: 'Whether the answer was ready before the deadline (null until settled)' },
      attempts: { type: 'integer', minimum: 0 },
      lastError: { type: ['string', 'null'] },
      levelsOfCareRequested: { type: 'array', items: { enum: LEVELS } },
      review: { type: 'object', required: ['reasons'], properties: { reasons: strings } },
      source: { enum: ['electronic', 'manual'] },
      manual: {
        type: 'object',
        required: ['referenceNumber', 'representative', 'recordedBy', 'recordedAt'],
        properties: {
          referenceNumber: { type: 'string' },
          representative: { type: 'string' },
          notes: { type: 'string' },
          recordedBy: { type: 'string' },
          recordedAt: dateTime,
        },
      },
      followUp: nullable({
        type: 'object',
        required: ['payerKey', 'name'],
        properties: {
          payerKey: { type: 'string' },
          name: { type: 'string' },
          memberId: { type: 'string', description: "The patient's member id at the administrator (2120 MI), for its 270" },
        },
      }),
      statusLabel: { type: 'string', description: 'What happened, in words (e.g. "Sent to review at …")' },
      statusChangedAt: dateTime,
      reference: { type: 'string', description: 'The short reference the patient quotes on the phone (not the id)' },
      callback: {
        type: 'object',
        required: ['reason'],
        description: 'Kept for a call back without asking a payer (self-pay, an insurer not accepted or not known)',
        properties: { reason: { enum: ['not_accepted', 'unknown_payer', 'self_pay'] }, payerTyped: { type: 'string' } },
      },
      contact: {
        type: 'object',
        description: "The web form's call-back details (staff only)",
        required: ['consentToContact'],
        additionalProperties: false,
        properties: {
          phone: { type: 'string' },
          email: { type: 'string' },
          preferredTime: { type: 'string' },
          consentToContact: { type: 'boolean' },
        },
      },
      awaitingCall: { type: 'boolean', description: 'A web-form request nobody has called yet (staff only)' },
      claim: nullable({
        type: 'object',
        required: ['by', 'at'],
        additionalProperties: false,
        properties: { by: { type: 'string' }, at: dateTime },
      }),
      contacted: nullable({
        type: 'object',
        required: ['by', 'at'],
        additionalProperties: false,
        properties: { by: { type: 'string' }, at: dateTime },
      }),
      notes: {
        type: 'array',
        items: {
          type: 'object',
          required: ['at', 'by', 'text'],
          additionalProperties: false,
          properties: { at: dateTime, by: { type: 'string' }, text: { type: 'string' } },
        },
      },
      patient: {
        type: 'object',
        description: 'The patient as entered on the request (staff only)',
        properties: {
          firstName: { type: 'string' },
          lastName: { type: 'string' },
          dateOfBirth: { type: 'string' },
          memberId: { type: ['string', 'null'] },
        },
      },
      policyHolder: {
        type: 'object',
        description: "A dependent patient's policy holder as entered on the request (staff only)",
        properties: {
          firstName: { type: 'string' },
          lastName: { type: 'string' },
          dateOfBirth: { type: 'string' },
        },
      },
      batchId: { type: 'string', description: 'The batch this verification is a row of' },
      recheckOf: {
        type: 'object',
        required: ['verificationId', 'kind'],
        properties: { verificationId: { type: 'string' }, kind: { enum: ['before_start', 'monthly'] } },
      },
      rechecks: {
        type: 'array',
        description: 'Every re-check of this verification and what it found, oldest first',
        items: ref('RecheckEntry'),
      },
      admission: {
        type: 'object',
        required: ['admittedAt', 'admittedBy'],
        properties: {
          admittedAt: dateTime,
          admittedBy: { type: 'string' },
          dischargedAt: nullable(dateTime),
          dischargedBy: { type: ['string', 'null'] },
        },
      },
      warnings: strings,
      reused: { const: true, description: 'A fresh earlier result answered this verification' },
      reusedFrom: { type: ['string', 'null'] },
      deliveries: { type: 'array', items: ref('WebhookDelivery') },
      summary: ref('CoverageSummary'),
    },
    examples: [JANE_RECORD],
  },
  PatientView: {
    type: 'object',
    description: 'What the public form’s caller reads (no ids, plan numbers or money).',
    required: ['id', 'status', 'coverageActive', 'levelsOfCare', 'message'],
    additionalProperties: false,
    properties: {
      id: VERIFICATION_ID,
      status: { enum: ['queued', 'in_progress', 'completed', 'needs_review', 'cancelled'] },
      coverageActive: { type: ['boolean', 'null'] },
      levelsOfCare: {
        type: 'object',
        propertyNames: { enum: LEVELS },
        additionalProperties: { enum: ['covered', 'not_covered', 'to_be_confirmed'] },
      },
      message: { type: 'string' },
      reference: { type: 'string', description: 'The short reference to quote on the phone' },
      centerPhone: { type: 'string', description: "The center's phone number (CENTER_PHONE)" },
      callback: { enum: ['not_accepted', 'unknown_payer', 'self_pay'], description: 'The request was kept for a call back' },
    },
    examples: [
      {
        id: 'vrf_3f9c1d2e8a7b4c6d9e0f1a2b3c4d5e6f',
        status: 'completed',
        coverageActive: true,
        levelsOfCare: { IOP: 'covered', PHP: 'covered', OP: 'covered' },
        message: 'An admissions coordinator will contact you to go over your benefits.',
      },
    ],
  },
  VerificationPage: {
    type: 'object',
    required: ['items', 'total', 'offset', 'limit'],
    additionalProperties: false,
    properties: {
      items: { type: 'array', items: ref('VerificationRecord') },
      total: { type: 'integer', minimum: 0 },
      offset: { type: 'integer', minimum: 0 },
      limit: { type: 'integer', minimum: 1 },
      skipped: {
        type: 'array',
        description: 'Records that could not be decrypted (a removed key, tampering): left out of items, counted and logged',
        items: {
          type: 'object',
          required: ['id', 'reason'],
          additionalProperties: false,
          properties: { id: VERIFICATION_ID, reason: { type: 'string' } },
        },
      },
    },
  },
  X12Exchange: {
    type: 'object',
    required: ['sent', 'received', 'exchanges'],
    additionalProperties: false,
    properties: {
      sent: { ...strings, description: 'The 270s sent' },
      received: { ...strings, description: 'The 271s (or JSON answers) received' },
      exchanges: {
        type: 'array',
        description: 'Every attempt in order: the 270 sent and the answer or failure received, with times',
        items: {
          type: 'object',
          required: ['attempt', 'payerKey', 'role', 'sentAt', 'sent', 'receivedAt'],
          additionalProperties: false,
          properties: {
            attempt: { type: 'integer', minimum: 1, description: 'The job attempt it belonged to' },
            payerKey: { type: 'string', examples: ['aetna'] },
            role: { enum: ['plan', 'follow_up'] },
            sentAt: dateTime,
            sent: { type: 'string', description: 'The 270' },
            receivedAt: { type: 'string', description: 'When the answer or failure came (empty while in flight)' },
            received: {
              type: 'object',
              required: ['format', 'body'],
              additionalProperties: false,
              properties: { format: { enum: ['x12', 'json'] }, body: { type: 'string' } },
            },
            failure: {
              type: 'object',
              required: ['kind', 'message'],
              additionalProperties: false,
              properties: { kind: { type: 'string', examples: ['server_error'] }, message: { type: 'string' } },
            },
          },
        },
      },
    },
  },
  AuditPage: {
    type: 'object',
    required: ['items'],
    additionalProperties: false,
    properties: {
      items: {
        type: 'array',
        items: {
          type: 'object',
          required: ['id', 'at', 'actor', 'action', 'verificationId', 'requestId'],
          additionalProperties: false,
          properties: {
            id: { type: 'string' },
            at: dateTime,
            actor: { type: 'string' },
            action: { type: 'string', examples: ['verification.read'] },
            verificationId: { type: ['string', 'null'] },
            requestId: { type: ['string', 'null'] },
            detail: { type: ['string', 'null'], description: 'What was done where it is not a record (a Bull Board request)' },
          },
        },
      },
    },
  },
  PayerDirectory: {
    type: 'object',
    required: ['payers'],
    additionalProperties: false,
    properties: {
      payers: {
        type: 'array',
        items: {
          type: 'object',
          required: ['key', 'name', 'kind', 'payerId', 'aliases', 'verifiesElectronically'],
          properties: {
            key: { type: 'string', examples: ['aetna'] },
            name: { type: 'string', examples: ['Aetna'] },
            kind: { type: 'string' },
            payerId: { type: ['string', 'null'] },
            routesThrough: { type: ['string', 'null'] },
            routing: {},
            aliases: strings,
            phone: { type: ['string', 'null'] },
            behavioralHealthAdministrator: {},
            serviceTypeCodes: strings,
            inquiryMode: { type: 'string' },
            verifiesElectronically: { type: 'boolean' },
            note: { type: ['string', 'null'] },
          },
        },
      },
    },
  },
  FhirCoverageEligibilityResponse: {
    type: 'object',
    description:
      'A FHIR R4 CoverageEligibilityResponse (https://hl7.org/fhir/R4/coverageeligibilityresponse.html); validated against the FHIR R4 JSON schema in the tests.',
    required: ['resourceType', 'id', 'status', 'purpose', 'created', 'outcome', 'insurer'],
    properties: {
      resourceType: { const: 'CoverageEligibilityResponse' },
      id: { type: 'string' },
      status: { type: 'string' },
      purpose: strings,
      created: { type: 'string' },
      outcome: { type: 'string' },
      insurer: { type: 'object' },
      insurance: { type: 'array', items: { type: 'object' } },
    },
  },
  Health: {
    type: 'object',
    required: ['status'],
    additionalProperties: false,
    properties: {
      status: { const: 'ok' },
      checks: { type: 'object', additionalProperties: { type: 'string' } },
    },
  },
  CoverageChange: {
    type: 'object',
    description: 'One difference a re-check found, in words for staff and as values for automations',
    required: ['field', 'before', 'after', 'description'],
    additionalProperties: false,
    properties: {
      field: { type: 'string', description: 'A dotted path into the summary', examples: ['levelsOfCare.IOP.status'] },
      before: { type: ['string', 'number', 'boolean', 'null'] },
      after: { type: ['string', 'number', 'boolean', 'null'] },
      description: { type: 'string' },
    },
  },
  BatchProgress: {
    type: 'object',
    description: 'A batch and how far its rows are',
    required: BATCH_PROGRESS_REQUIRED,
    additionalProperties: false,
    properties: batchProgressProperties,
    examples: [BATCH_PROGRESS_EXAMPLE],
  },
  BatchCreated: {
    type: 'object',
    description: 'The batch as created: its progress, the rows refused and why, and the verification each row became',
    required: [...BATCH_PROGRESS_REQUIRED, 'replayed', 'rejectedRows', 'rows'],
    additionalProperties: false,
    properties: {
      ...batchProgressProperties,
      replayed: { type: 'boolean', description: 'true: the same Idempotency-Key and rows answered with the batch made earlier' },
      rejectedRows: {
        type: 'array',
        items: {
          type: 'object',
          required: ['row', 'rowKey', 'errors'],
          additionalProperties: false,
          properties: { row: rowNumber, rowKey, errors: { type: 'array', minItems: 1, items: rowError } },
        },
      },
      rows: {
        type: 'array',
        description: 'Every row in order; `verificationId` is null for a refused row or one not created yet',
        items: {
          type: 'object',
          required: ['row', 'rowKey', 'verificationId'],
          additionalProperties: false,
          properties: { row: rowNumber, rowKey, verificationId: { oneOf: [VERIFICATION_ID, { type: 'null' }] } },
        },
      },
    },
    examples: [
      {
        ...BATCH_PROGRESS_EXAMPLE,
        state: 'running',
        byStatus: { queued: 2, in_progress: 0, completed: 0, needs_review: 0, cancelled: 0 },
        settled: 0,
        percent: 33,
        replayed: false,
        rejectedRows: [
          {
            row: 3,
            rowKey: 'MRN-1003',
            errors: [{ field: 'member.dateOfBirth', message: 'member.dateOfBirth must be a date like 1990-04-12' }],
          },
        ],
        rows: [
          { row: 1, rowKey: 'MRN-1001', verificationId: 'vrf_3f9c1d2e8a7b4c6d9e0f1a2b3c4d5e6f' },
          { row: 2, rowKey: 'MRN-1002', verificationId: 'vrf_0a1b2c3d4e5f60718293a4b5c6d7e8f9' },
          { row: 3, rowKey: 'MRN-1003', verificationId: null },
        ],
      },
    ],
  },
  BatchList: {
    type: 'object',
    required: ['items'],
    additionalProperties: false,
    properties: { items: { type: 'array', description: 'The 20 newest batches, newest first', items: ref('BatchProgress') } },
  },
  BatchResults: {
    type: 'object',
    required: ['id', 'rows'],
    additionalProperties: false,
    properties: { id: BATCH_ID, rows: { type: 'array', description: 'One line per row, in the order submitted', items: batchResultLine } },
    examples: [
      {
        id: 'bat_8d0f2c4e6a8b0d2f4e6a8c0e2b4d6f8a',
        rows: [
          {
            row: 1,
            rowKey: 'MRN-1001',
            verificationId: 'vrf_3f9c1d2e8a7b4c6d9e0f1a2b3c4d5e6f',
            status: 'completed',
            coverageActive: true,
            levelsOfCare: {
              IOP: { covered: 'covered', costShare: '20% coinsurance after deductible', priorAuthorization: 'required' },
            },
            reviewReasons: [],
            errors: [],
          },
          {
            row: 2,
            rowKey: 'MRN-1002',
            verificationId: 'vrf_0a1b2c3d4e5f60718293a4b5c6d7e8f9',
            status: 'needs_review',
            coverageActive: true,
            levelsOfCare: { IOP: { covered: 'unknown', costShare: null, priorAuthorization: null } },
            reviewReasons: ['The payer did not state IOP benefits'],
            errors: [],
          },
          {
            row: 3,
            rowKey: 'MRN-1003',
            verificationId: null,
            status: 'rejected',
            coverageActive: null,
            levelsOfCare: {},
            reviewReasons: [],
            errors: ['member.dateOfBirth: member.dateOfBirth must be a date like 1990-04-12'],
          },
        ],
      },
    ],
  },
  RecheckSchedule: {
    type: 'object',
    description: 'Re-checks waiting for their date (at most 500), and the admitted patients among them',
    required: ['scheduled', 'admitted'],
    additionalProperties: false,
    properties: {
      scheduled: {
        type: 'array',
        items: {
          type: 'object',
          required: ['verificationId', 'kind', 'dueAt', 'patient', 'payer'],
          additionalProperties: false,
          properties: { ...personAndPayer, kind: { enum: ['before_start', 'monthly'] }, dueAt: dateTime },
        },
      },
      admitted: {
        type: 'array',
        items: {
          type: 'object',
          required: ['verificationId', 'patient', 'payer', 'admittedAt', 'nextRecheckAt', 'lastRecheck'],
          additionalProperties: false,
          properties: {
            ...personAndPayer,
            admittedAt: dateTime,
            nextRecheckAt: { ...dateTime, description: 'The monthly re-check scheduled, else the first business day of next month' },
            lastRecheck: nullable(ref('RecheckEntry')),
          },
        },
      },
    },
    examples: [
      {
        scheduled: [
          {
            verificationId: 'vrf_3f9c1d2e8a7b4c6d9e0f1a2b3c4d5e6f',
            kind: 'monthly',
            dueAt: '2026-12-01T14:00:00.000Z',
            patient: 'JANE DOE',
            payer: 'Aetna',
          },
        ],
        admitted: [
          {
            verificationId: 'vrf_3f9c1d2e8a7b4c6d9e0f1a2b3c4d5e6f',
            patient: 'JANE DOE',
            payer: 'Aetna',
            admittedAt: '2026-11-30T15:00:00.000Z',
            nextRecheckAt: '2026-12-01T14:00:00.000Z',
            lastRecheck: null,
          },
        ],
      },
    ],
  },
  RecheckEntry: {
    type: 'object',
    description: 'A re-check of a verification and what it found',
    required: ['verificationId', 'kind', 'at', 'outcome', 'changes'],
    additionalProperties: false,
    properties: {
      verificationId: { ...VERIFICATION_ID, description: 'The re-check’s own verification' },
      kind: { enum: ['before_start', 'monthly'] },
      at: dateTime,
      outcome: { enum: ['unchanged', 'changed', 'inconclusive'] },
      changes: { type: 'array', items: ref('CoverageChange') },
    },
  },
  CallScript: {
    type: 'object',
    description: 'Whom to call (the behavioral-health administrator first) and what to ask, from what the electronic answer left open',
    required: ['call', 'questions', 'patient'],
    additionalProperties: false,
    properties: {
      call: {
        type: 'array',
        description: 'Empty for a call-back request: the patient is called first',
        items: {
          type: 'object',
          required: ['name', 'phone', 'why'],
          additionalProperties: false,
          properties: { name: { type: 'string' }, phone: { type: ['string', 'null'] }, why: { type: 'string' } },
        },
      },
      questions: {
        type: 'array',
        items: {
          type: 'object',
          required: ['topic', 'ask'],
          additionalProperties: false,
          properties: {
            topic: { enum: ['eligibility', 'benefits', 'cost_share', 'limits', 'authorization', 'accumulators', 'call'] },
            level: { enum: LEVELS },
            ask: { type: 'string' },
            codes: { ...strings, description: 'The HCPCS or service type codes to ask by', examples: [['H0015', 'S9480']] },
          },
        },
      },
      patient: {
        type: 'object',
        required: ['phone'],
        additionalProperties: false,
        properties: { phone: { type: ['string', 'null'], description: 'The web form’s call-back phone, if any' } },
      },
    },
    examples: [
      {
        call: [{ name: 'UMR', phone: '1-800-826-9781', why: 'provider services: eligibility and benefits' }],
        questions: [
          {
            topic: 'benefits',
            level: 'IOP',
            codes: ['H0015', 'S9480'],
            ask: 'Is intensive outpatient (H0015 substance use, S9480 mental health; facility outpatient CH/CJ) covered for this member? Ask by code: H0015, S9480.',
          },
          {
            topic: 'authorization',
            level: 'IOP',
            ask: 'IOP: is prior authorization required? If so, the phone number or portal for the request, and how long it takes.',
          },
        ],
        patient: { phone: null },
      },
    ],
  },
  WebhookEvent: {
    type: 'object',
    required: ['id', 'type', 'data'],
    additionalProperties: false,
    properties: {
      id: { type: 'string', pattern: '^evt_', description: 'Unique per event: de-duplicate on it (delivery is at least once)' },
      type: { enum: ['verification.completed', 'verification.needs_review', 'verification.cancelled', 'verification.changed'] },
      data: ref('VerificationRecord'),
      changes: {
        type: 'array',
        description: '`verification.changed` after a re-check: what the re-check found different',
        items: ref('CoverageChange'),
      },
    },
    examples: [{ id: 'evt_5b2e9c0d7a8f4e1b9c3d2a1f0e9d8c7b', type: 'verification.completed', data: JANE_RECORD }],
  },
};

export const JANE_DOE_REQUEST = {
  payer: 'aetna',
  member: { id: 'W100000001', firstName: 'JANE', lastName: 'DOE', dateOfBirth: '1990-04-12' },
  levelsOfCare: ['IOP', 'PHP', 'OP'],
  // No plannedStart: a fixed date would soon be in the past (the deadline is then creation + DEFAULT_DEADLINE_HOURS).
  program: { sessionsPerWeek: 4, weeks: 8 },
};

/** GET /v1/batches/:id/results as text/csv (RESULT_CSV_COLUMNS in batch-results.ts). */
export const BATCH_RESULTS_CSV_EXAMPLE =
  'row,rowKey,status,coverageActive,IOP_covered,IOP_costShare,IOP_priorAuthorization,PHP_covered,PHP_costShare,PHP_priorAuthorization,OP_covered,OP_costShare,OP_priorAuthorization,reviewReasons,errors,verificationId\n' +
  '1,MRN-1001,completed,true,covered,20% coinsurance after deductible,required,,,,,,,,,vrf_3f9c1d2e8a7b4c6d9e0f1a2b3c4d5e6f\n';
