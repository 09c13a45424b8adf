import type { CoverageSummary, LevelOfCare } from '@bvs/coverage';

export type VerificationStatus = 'queued' | 'in_progress' | 'completed' | 'needs_review' | 'failed' | 'cancelled';
export type Channel = 'web_form' | 'staff' | 'intake';

/** Statuses after which the worker never touches a verification again. */
export const SETTLED_STATUSES: readonly VerificationStatus[] = ['completed', 'needs_review', 'failed', 'cancelled'];

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
    /** The patient's member id at the administrator (2120 NM109 MI), for its 270. */ memberId?: string;
  } | null;
}

export interface ManualVerification {
  referenceNumber: string;
  representative: string;
  notes?: string;
  recordedBy: string;
  recordedAt: string;
}

export interface WebhookDelivery {
  eventId: string;
  type: 'verification.completed' | 'verification.needs_review';
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  lastAttemptAt?: string;
  responseStatus?: number | null;
  error?: string | null;
}

/** The X12 exchanged for a verification (staff only). */
export interface X12Exchange {
  sent: string[]; // 270s
  received: string[]; // 271s
}
