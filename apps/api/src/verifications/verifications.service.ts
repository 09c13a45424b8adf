import { createHash } from 'node:crypto';
import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig, networkStatusFor } from '@bvs/config';
import { LEVELS_OF_CARE } from '@bvs/coverage';
import { IllegalTransitionError, VerificationLifecycle, deadlineFor, deriveReusedSummary, draftRecord } from '@bvs/lifecycle';
import { PayerDirectory, PayerResolutionError, isSelfPay, notAcceptedInsurer } from '@bvs/payers';
import { isCallbackHostAllowed } from '@bvs/queue';
import {
  type CallbackRequest,
  Channel,
  CreateIntent,
  RandomPool,
  SETTLED_STATUSES,
  SearchIndex,
  VerificationEvents,
  VerificationRecord,
  VerificationStore,
  newReference,
} from '@bvs/store';
import type { Principal } from '../auth/principal';
import { ApiError } from '../http/api-error';
import type { CreateVerificationDto } from './dto/create-verification.dto';

/** Marks on a new verification from where it came: a batch row runs below single verifications. */
export interface VerificationTags {
  batchId?: string;
}

const CHANNEL_BY_ROLE: Record<Principal['role'], Channel> = { public: 'web_form', staff: 'staff', intake: 'intake' };

@Injectable()
export class VerificationsService {
  constructor(
    private readonly store: VerificationStore,
    private readonly events: VerificationEvents,
    private readonly directory: PayerDirectory,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly lifecycle: VerificationLifecycle,
    private readonly search: SearchIndex,
  ) {}

  /**
   * Creates a verification, honouring `Idempotency-Key` (intake and staff): the same key and
   * body give the same verification; the same key with another body is a 409.
   */
  async createIdempotent(
    dto: CreateVerificationDto,
    principal: Principal,
    idempotencyKey: string | undefined,
    requestId?: string,
    tags: VerificationTags = {},
  ): Promise<VerificationRecord> {
    if (!idempotencyKey || principal.role === 'public') return this.create(dto, principal, requestId, undefined, undefined, tags);
    if (!/^[\x21-\x7e]{1,255}$/.test(idempotencyKey)) {
      throw ApiError.invalid([{ field: 'Idempotency-Key', message: 'Idempotency-Key must be 1 to 255 printable characters' }]);
    }
    const id = newVerificationId();
    const bodyHash = createHash('sha256').update(canonicalJson(dto)).digest('hex');
    const scope = principal.label ?? principal.role;
    const keyHash = createHash('sha256').update(idempotencyKey).digest('hex');
    // The intent goes first: if this request dies after the claim (a crash, Redis away, or a 400
    // from validation below), reconciliation releases the claim once no record exists for it.
    const intent: CreateIntent = { verificationId: id, jobId: id, claim: { scope, key: keyHash } };
    await this.store.beginIntent(intent);
    const claimed = await this.store.claimIdempotencyKey(scope, keyHash, `${bodyHash}:${id}`, this.config.window.idempotencyTtlSeconds);
    if (claimed === null) return this.create(dto, principal, requestId, id, intent, tags);
    await this.store.endIntent(intent);
    const [storedHash, storedId] = claimed.split(':');
    if (storedHash !== bodyHash) {
      throw new ApiError(HttpStatus.CONFLICT, 'idempotency_conflict', 'This Idempotency-Key was used with a different request body.');
    }
    // The first request may still be creating the record: give it a moment.
    for (let tries = 0; tries < 20; tries += 1) {
      const record = await this.store.get(storedId);
      if (record) return record;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw ApiError.unavailable('The first request with this Idempotency-Key is still being processed.', 1);
  }

  async create(
    dto: CreateVerificationDto,
    principal: Principal,
    requestId?: string,
    id: string = newVerificationId(),
    intent?: CreateIntent,
    tags: VerificationTags = {},
  ): Promise<VerificationRecord> {
    if (dto.callbackUrl && principal.role !== 'intake') {
      throw ApiError.invalid([{ field: 'callbackUrl', message: 'callbackUrl is for intake API keys only' }]);
    }
    if (dto.callbackUrl && !this.config.webhooks.allowHttp && !dto.callbackUrl.toLowerCase().startsWith('https:')) {
      throw ApiError.invalid([{ field: 'callbackUrl', message: 'callbackUrl must use https' }]);
    }
    if (dto.callbackUrl && !isCallbackHostAllowed(dto.callbackUrl, this.config.webhooks.allowedHosts)) {
      throw ApiError.invalid([{ field: 'callbackUrl', message: 'callbackUrl host is not in CALLBACK_ALLOWED_HOSTS' }]);
    }
    const callback = this.callbackFor(dto, principal);
    if (callback) {
      const record = await this.createCallback(dto, principal, callback, requestId, id);
      if (intent) await this.store.endIntent(intent);
      return record;
    }
    const memberId = dto.subscriber?.id ?? dto.member.id;
    if (!memberId) {
      throw ApiError.invalid([
        { field: dto.subscriber ? 'subscriber.id' : 'member.id', message: 'the member id on the insurance card is required' },
      ]);
    }
    let route;
    try {
      route = this.directory.route(dto.payer, dto.network, memberId);
    } catch (error) {
      if (error instanceof PayerResolutionError) {
        const field = error.problem === 'not_a_network' ? 'network' : 'payer';
        throw ApiError.invalid([{ field, message: error.message }], error.message);
      }
      throw error;
    }

    const common = this.newRecordFields(id, dto, principal, requestId);
    const { warnings, ...storedRoute } = route;
    const record = draftRecord({
      ...common,
      payer: { key: route.payer.key, name: route.payer.name, payerId: route.payerId },
      network: route.network ?? null,
      request: {
        ...common.request,
        ...(dto.groupNumber ? { groupNumber: dto.groupNumber } : {}),
        ...(dto.callbackUrl ? { callbackUrl: dto.callbackUrl } : {}),
        ...(dto.recheck ? { recheck: plain(dto.recheck) } : {}),
      },
      // Resolved once, here; the worker, the follow-up and the merge read it from the record.
      route: storedRoute,
      ...(warnings.length > 0 ? { warnings } : {}),
      ...(tags.batchId ? { batchId: tags.batchId } : {}),
    });
    await this.search.add(record);
    // A fresh result of the same member for this caller (docs/lifecycle.md) answers at once, re-derived
    // for this request's levels of care and program; it notifies like a payer answer.
    const previous = await this.lifecycle.findReusable(record);
    const result = previous
      ? deriveReusedSummary(previous, record, {
          allowedPerSession: { ...this.config.rates.default, ...(this.config.rates.byPayer[record.payer.key] ?? {}) },
          centerNetwork: networkStatusFor(this.config.center, record.payer.key),
        })
      : null;
    if (previous && result) return this.lifecycle.reuse(record, previous, result, intent);
    return this.lifecycle.create(record, intent);
  }

  /**
   * No dead ends (SECURITY.md, docs/admissions-workflow.md): "no insurance / self-pay" from anyone, and from the public form
   * an insurer the center does not accept or the directory does not know, keep the request for
   * a call back instead of a 400 (staff and intake callers get the 400 and can correct the payer).
   */
  private callbackFor(dto: CreateVerificationDto, principal: Principal): CallbackRequest | null {
    if (isSelfPay(dto.payer)) return { reason: 'self_pay' };
    if (principal.role !== 'public') return null;
    try {
      this.directory.find(dto.payer);
      return null;
    } catch (error) {
      if (!(error instanceof PayerResolutionError) || (error.problem !== 'unknown' && error.problem !== 'not_accepted')) return null;
      return { reason: notAcceptedInsurer(dto.payer) ? 'not_accepted' : 'unknown_payer', payerTyped: dto.payer };
    }
  }

  /** A record for a call back: in review at once with the reason and what the patient typed; no 270 is sent. */
  private async createCallback(
    dto: CreateVerificationDto,
    principal: Principal,
    callback: CallbackRequest,
    requestId: string | undefined,
    id: string,
  ): Promise<VerificationRecord> {
    const common = this.newRecordFields(id, dto, principal, requestId);
    const insurer = callback.reason === 'not_accepted' ? notAcceptedInsurer(dto.payer) : null;
    const reason =
      callback.reason === 'self_pay'
        ? 'The patient has no insurance or will pay themselves (self-pay): call the patient about self-pay rates and options.'
        : insurer
          ? `The patient named ${insurer.name} ("${dto.payer}"), which the center does not accept: call the patient about self-pay or other options.`
          : `The insurer the patient typed ("${dto.payer}") is not one the center verifies electronically: call the patient, confirm the insurer on the card and verify benefits by phone.`;
    const record = draftRecord({
      ...common,
      payer: {
        key: callback.reason === 'self_pay' ? 'self-pay' : 'unlisted',
        name: insurer?.name ?? (callback.reason === 'self_pay' ? 'Self-pay' : 'Not listed'),
        payerId: '',
      },
      network: null,
      statusChangedAt: common.createdAt,
      callback,
    });
    await this.search.add(record);
    // Through the lifecycle: straight to review with the reason, no job, counted and notified like any settlement.
    return this.lifecycle.requestCallback(record, reason);
  }

  /**
   * What every new record carries, sent to a payer or kept for a call back: times and the deadline
   * (an unreadable plannedStart is a 400 on both paths), the request's people and program, owner,
   * request id, the patient's reference and contact details.
   */
  private newRecordFields(id: string, dto: CreateVerificationDto, principal: Principal, requestId: string | undefined) {
    const now = new Date();
    const plannedStart = dto.plannedStart ? new Date(dto.plannedStart) : null;
    if (plannedStart && Number.isNaN(plannedStart.getTime())) {
      throw ApiError.invalid([{ field: 'plannedStart', message: 'plannedStart is not a date this service can read' }]);
    }
    const deadline = deadlineFor(now, plannedStart, this.config.deadline.defaultHours);
    return {
      id,
      channel: CHANNEL_BY_ROLE[principal.role],
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
      completedAt: null,
      plannedStart: plannedStart?.toISOString() ?? null,
      deadline: deadline.toISOString(),
      withinWindow: null,
      request: {
        payerInput: dto.payer,
        member: plain(dto.member),
        ...(dto.subscriber ? { subscriber: plain(dto.subscriber) } : {}),
        levelsOfCare: dto.levelsOfCare ?? [...LEVELS_OF_CARE],
        ...(dto.program ? { program: plain(dto.program) } : {}),
      },
      owner: principal.label,
      requestId,
      reference: newReference(),
      ...(dto.contact ? { contact: plain(dto.contact) } : {}),
    };
  }

  /** Cancels a verification (staff; intake its own): its waiting job is removed, a later answer is ignored. */
  async cancel(id: string, principal: Principal): Promise<VerificationRecord> {
    await this.find(id, principal);
    try {
      const { record } = await this.lifecycle.apply(id, { type: 'cancelled', actor: principal.label ?? principal.role });
      if (!record) throw ApiError.notFound();
      return record;
    } catch (error) {
      if (error instanceof IllegalTransitionError) {
        throw new ApiError(HttpStatus.CONFLICT, 'conflict', `A verification that is ${error.from} cannot be cancelled.`);
      }
      throw error;
    }
  }

  /** The record if this caller may read it; intake keys see only their own. */
  async find(id: string, principal: Principal): Promise<VerificationRecord> {
    if (!/^vrf_[0-9a-f]{32}$/.test(id)) throw ApiError.notFound();
    const record = await this.store.get(id);
    if (!record) throw ApiError.notFound();
    if (principal.role === 'intake' && record.owner !== principal.label) throw ApiError.notFound();
    return record;
  }

  /** Holds until the verification leaves queued/in_progress, or `seconds` pass. */
  async waitUntilSettled(record: VerificationRecord, seconds: number, principal: Principal): Promise<VerificationRecord> {
    const until = Date.now() + Math.min(seconds, this.config.api.maxWaitSeconds) * 1000;
    let current = record;
    while (!SETTLED_STATUSES.includes(current.status) && Date.now() < until) {
      // Status changes are published; the 1 s cap re-reads in case a message was missed.
      await this.events.waitForChange(current.id, Math.min(1_000, until - Date.now()));
      current = await this.find(current.id, principal);
    }
    return current;
  }
}

/** Ids' random bits, drawn from the CSPRNG 256 ids at a time. */
const idBits = new RandomPool(16 * 256);

/** 128 random bits: the id is the only secret a public caller holds. */
function newVerificationId(): string {
  return `vrf_${idBits.take(16).toString('hex')}`;
}

/** JSON with object keys sorted, so equal bodies hash equally whatever the key order. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** A validated DTO's fields as a plain object, for the record (which is serialized, not a class). */
function plain<T extends object>(dto: T): T {
  return Object.assign({}, dto);
}
