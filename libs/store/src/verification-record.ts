import type { CoverageSummary, LevelOfCare } from '@bvs/coverage';
import type { PayerRoute } from '@bvs/payers';
import type { EligibilityResponse } from '@bvs/x12';

/**
 * Where a verification stands. Only the lifecycle (libs/lifecycle) moves a record between these;
 * there is no `failed`: an electronic dead end goes to staff review (docs/lifecycle.md).
 */
export type VerificationStatus = 'queued' | 'in_progress' | 'completed' | 'needs_review' | 'cancelled';
export type Channel = 'web_form' | 'staff' | 'intake';

/** Statuses after which the worker never touches a verification again. */
export const SETTLED_STATUSES: readonly VerificationStatus[] = ['completed', 'needs_review', 'cancelled'];

export interface PersonData {
  id?: string;
  firstName: string;
  lastName: string;
  dateOfBirth: string; // YYYY-MM-DD
}

/** What the caller asked for. Holds PHI: only ever stored encrypted. */
export interface VerificationRequestData {
  payerInput: string;
  member: PersonData;
  subscriber?: PersonData;
  groupNumber?: string;
  levelsOfCare: LevelOfCare[];
  program?: { sessionsPerWeek: number; weeks: number };
  callbackUrl?: string;
  /** Verify again this many hours before the planned start (docs/lifecycle.md); the service default otherwise. */
  recheck?: { hoursBeforeStart: number };
}

/** How the patient wants to be reached (the web form's call-back). PHI: encrypted with the record, staff only. */
export interface ContactData {
  phone?: string;
  email?: string;
  preferredTime?: string;
  consentToContact: boolean;
}

/**
 * Why a request was kept for a call back without asking any payer (docs/admissions-workflow.md, "no dead ends"):
 * the insurer is one the center does not accept, one the directory does not know, or none.
 */
export interface CallbackRequest {
  reason: 'not_accepted' | 'unknown_payer' | 'self_pay';
  /** What the patient typed as the insurer (PHI-adjacent free text; encrypted with the record). */
  payerTyped?: string;
}

/** A staff note on a record (who, when, what). */
export interface StaffNote {
  at: string;
  by: string;
  text: string;
}

export interface PayerRef {
  key: string;
  name: string;
  payerId: string;
}

export interface VerificationRecord {
  id: string;
  status: VerificationStatus;
  channel: Channel;
  payer: PayerRef;
  network?: { key: string; name: string } | null;
  createdAt: string;
  updatedAt: string;
  completedAt?: string | null;
  plannedStart?: string | null;
  deadline: string;
  withinWindow?: boolean | null;
  attempts: number;
  lastError: string | null;
  review?: { reasons: string[] };
  source?: 'electronic' | 'manual';
  summary?: CoverageSummary;
  request: VerificationRequestData;
  /** Label of the API key that created it (intake sees only its own). */
  owner?: string | null;
  /** Request id of the HTTP call that created it, to tie API and worker log lines together. */
  requestId?: string;
  /** Benefits obtained by phone or portal and entered by staff. */
  manual?: ManualVerification;
  /** Set when this record reuses a fresh result of an earlier verification of the same member. */
  reusedFrom?: string | null;
  /** Webhook deliveries to the intake caller's callbackUrl. */
  deliveries?: WebhookDelivery[];
  /** How many times staff asked for another electronic attempt. */
  retries?: number;
  /** Non-blocking remarks made when the request was accepted (e.g. a member id that does not look like the payer's). */
  warnings?: string[];
  /** The behavioral-health administrator a follow-up inquiry was sent to (carve-out). */
  followUp?: {
    payerKey: string;
    name: string;
    /** The patient's member id at the administrator (2120 NM109 MI), for its 270. */
    memberId?: string;
  } | null;
  /** The payer route, resolved once when the verification was created; later steps read it. */
  route?: StoredRoute;
  /** The parsed answers of the current round (plan first, then the administrator): parsed once, never re-read from X12. */
  answers?: StoredAnswer[];
  /** Who cancelled the verification, and when. */
  cancellation?: { at: string; by: string };
  /** The batch this verification is a row of (batch rows run below single verifications in priority). */
  batchId?: string;
  /** Set on a re-check: the verification it checks again, and why it runs. */
  recheckOf?: { verificationId: string; kind: RecheckKind };
  /** Every re-check of this verification and what it found, oldest first. */
  rechecks?: RecheckEntry[];
  /** The patient is in care: re-verified on the first business day of each month until discharged. */
  admission?: Admission;
  /** The short reference the patient quotes on the phone (see reference.ts); not a secret. */
  reference?: string;
  /** The patient's call-back details (web form). */
  contact?: ContactData;
  /** Set when the request was kept for a call back instead of being sent to a payer. */
  callback?: CallbackRequest;
  /** When the status last changed (set by the store on every status change). */
  statusChangedAt?: string;
  /** The coordinator working the record, so two people do not call the same payer. */
  claim?: { by: string; at: string } | null;
  /** When a coordinator reached the patient about a web-form request. */
  contacted?: { by: string; at: string } | null;
  notes?: StaffNote[];
}

/** `before_start`: hours before the planned start; `monthly`: an admitted patient's monthly re-check. */
export type RecheckKind = 'before_start' | 'monthly';

/** One difference a re-check found, in words for staff and as values for automations. */
export interface CoverageChange {
  /** A dotted path into the summary, e.g. `eligibility.status`, `levelsOfCare.IOP.status`. */
  field: string;
  before: string | number | boolean | null;
  after: string | number | boolean | null;
  description: string;
}

export interface RecheckEntry {
  /** The re-check's own verification (an ordinary verification tagged recheckOf). */
  verificationId: string;
  kind: RecheckKind;
  at: string;
  outcome: 'unchanged' | 'changed' | 'inconclusive';
  changes: CoverageChange[];
}

export interface Admission {
  admittedAt: string;
  admittedBy: string;
  dischargedAt?: string | null;
  dischargedBy?: string | null;
}

/** A PayerRoute as stored on the record (the warnings are on the record itself). */
export type StoredRoute = Omit<PayerRoute, 'warnings'>;

export interface StoredAnswer {
  /** Directory key of who answered: the route's payer, or a behavioral-health administrator. */
  payerKey: string;
  role: 'plan' | 'follow_up';
  responses: EligibilityResponse[];
}

export interface ManualVerification {
  referenceNumber: string;
  representative: string;
  /** When the call took place (the coordinator's entry, else when it was recorded). */
  callTime?: string;
  notes?: string;
  recordedBy: string;
  recordedAt: string;
}

export interface WebhookDelivery {
  eventId: string;
  type: 'verification.completed' | 'verification.needs_review' | 'verification.cancelled' | 'verification.changed';
  /** For `verification.changed`: the re-check whose differences the event carries. */
  recheckId?: string;
  /** `sending`: the attempt is recorded before the POST, so a crash mid-send is visible. */
  status: 'pending' | 'sending' | 'delivered' | 'failed';
  attempts: number;
  lastAttemptAt?: string;
  responseStatus?: number | null;
  error?: string | null;
}

/** One 270 sent and what came back: the 271 or JSON answer, or the failure (staff only). */
export interface ExchangeEntry {
  /** The job attempt it belonged to (1-based). */
  attempt: number;
  /** Directory key of who was asked. */
  payerKey: string;
  role: 'plan' | 'follow_up';
  sentAt: string;
  sent: string;
  receivedAt: string;
  received?: { format: 'x12' | 'json'; body: string };
  failure?: { kind: string; message: string };
}

/** What GET /v1/verifications/:id/x12 shows: every exchange in order, and the 270s / answers alone. */
export interface X12Exchange {
  sent: string[]; // 270s
  received: string[]; // 271s (or JSON answers)
  exchanges: ExchangeEntry[];
}
