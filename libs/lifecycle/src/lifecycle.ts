import type { NormalizationResult } from '@bvs/coverage';
import type { RedisMetrics } from '@bvs/metrics';
import type { WebhookNotifier } from '@bvs/queue';
import type {
  AuditLog,
  CreateIntent,
  MemberFingerprint,
  RecheckKind,
  VerificationRecord,
  VerificationStore,
  VersionedRecord,
} from '@bvs/store';
import { beforeStartRecheckAt, coverageChanges, nextMonthlyRecheck } from './recheck';
import { type Effect, effectsOf, jobIdFor } from './effects';
import type { LifecycleEvent } from './events';
import { reduce } from './reduce';
import { type FromState, IllegalTransitionError, NEW, ruleFor } from './transitions';

/** Adds and removes a verification's queue jobs (BullMQ in the apps). */
export interface VerificationJobs {
  enqueue(record: VerificationRecord, jobId: string): Promise<void>;
  /** Removes the verification's jobs that are waiting or delayed (an active one finishes and is ignored). */
  remove(record: VerificationRecord): Promise<void>;
  exists(jobId: string): Promise<boolean>;
}

/** Schedules re-checks (delayed BullMQ jobs in the apps; deterministic ids, so never twice). */
export interface RecheckScheduler {
  schedule(job: { verificationId: string; kind: RecheckKind; dueAt: string }, now?: Date): Promise<void>;
  unscheduleMonthly(verificationId: string): Promise<void>;
}

export interface LifecyclePorts {
  store: VerificationStore;
  metrics: RedisMetrics;
  webhooks: WebhookNotifier;
  audit: AuditLog;
  fingerprint: MemberFingerprint;
  /** 0 turns reuse off. */
  reuseWindowMs: number;
  /** Only where jobs are added or removed (the API; reconciliation in the worker). */
  jobs?: VerificationJobs;
  /** Re-verification (docs/lifecycle.md); without it nothing is scheduled (unit tests, tools). */
  rechecks?: RecheckScheduler;
  /** `recheck.hoursBeforeStart` when the request names none (RECHECK_HOURS_BEFORE_START, default 24). */
  recheckHoursBeforeStart?: number;
  clock?: () => Date;
}

export interface Applied {
  /** The record after the event (unchanged when the event was ignored); null when it is gone. */
  record: VerificationRecord | null;
  /** Whether the event changed the record (false: ignored as a late arrival, or no record). */
  changed: boolean;
  /**
   * The record with its version after the event, to pass as `known` to the next apply() of the
   * same record (it saves that apply its read; the compare-and-set still refuses it if anybody
   * wrote since). Null when the record is gone.
   */
  versioned: VersionedRecord | null;
}

/** An intent older than this is taken for a crashed create and repaired. */
export const INTENT_STALE_MS = 20_000;

/** The reuse-index scope of a caller: its own label, `public`, or `any` (staff read everyone's). */
export function reuseScope(record: Pick<VerificationRecord, 'owner' | 'channel'>): string {
  return record.channel === 'staff' ? 'any' : (record.owner ?? 'public');
}

/**
 * The one way a verification record changes status. Each event is checked against the
 * transition table (an illegal one throws IllegalTransitionError, and writes nothing), applied
 * with compare-and-set, and followed by its effects: metrics, the reuse index, the audit entry,
 * the webhook, and the queue job.
 */
export class VerificationLifecycle {
  constructor(private readonly ports: LifecyclePorts) {}

  private now(): Date {
    return this.ports.clock?.() ?? new Date();
  }

  /**
   * Stores a new verification and queues its job. `intent` was begun before any other write
   * (an idempotency claim), so reconciliation repairs a crash at any step.
   */
  async create(record: VerificationRecord, intent?: CreateIntent): Promise<VerificationRecord> {
    const now = this.now();
    ruleFor(NEW, 'created');
    const created = reduce(record, { type: 'created' }, now);
    const own = intent ?? { verificationId: created.id, jobId: jobIdFor(created) };
    if (!intent) await this.ports.store.beginIntent(own, now);
    await this.ports.store.create(created);
    await this.runEffects(NEW, created, { type: 'created' }, now);
    await this.ports.store.endIntent(own);
    return created;
  }

  /** A fresh earlier result of the same member for this caller, if there is one. */
  async findReusable(record: VerificationRecord): Promise<VerificationRecord | null> {
    const windowMs = this.ports.reuseWindowMs;
    if (windowMs <= 0) return null;
    const previousId = await this.ports.store.recentResult(this.ports.fingerprint.of(record, reuseScope(record)));
    // With its answers: the reuse re-derives a summary from them (and the new record keeps them).
    const previous = previousId ? await this.ports.store.get(previousId, { answers: true }) : null;
    if (previous?.status !== 'completed' || !previous.summary || !previous.completedAt) return null;
    if (this.now().getTime() - Date.parse(previous.completedAt) > windowMs) return null;
    // Never another caller's record (the index is scoped; this guards a stale entry).
    if (record.channel !== 'staff' && (previous.owner ?? null) !== (record.owner ?? null)) return null;
    return previous;
  }

  /** Stores a new verification answered by an earlier result; it notifies exactly as a payer answer would. */
  async reuse(
    record: VerificationRecord,
    from: VerificationRecord,
    result: NormalizationResult,
    intent?: CreateIntent,
  ): Promise<VerificationRecord> {
    const now = this.now();
    const event: LifecycleEvent = { type: 'reused', from, result };
    const rule = ruleFor(NEW, 'reused');
    const reused = reduce(reduce(record, { type: 'created' }, now), event, now);
    if (rule === 'ignored' || !rule.includes(reused.status)) throw new IllegalTransitionError(NEW, 'reused');
    const own = intent ?? { verificationId: reused.id, jobId: jobIdFor(reused) };
    if (!intent) await this.ports.store.beginIntent(own, now);
    await this.ports.store.create(reused);
    await this.runEffects(NEW, reused, event, now);
    await this.ports.store.endIntent(own);
    return reused;
  }

  /**
   * Stores a new verification that goes straight to staff review for a call back (self-pay, an
   * insurer the center does not accept or does not know): no job, no payer asked.
   */
  async requestCallback(record: VerificationRecord, reason: string): Promise<VerificationRecord> {
    const now = this.now();
    const event: LifecycleEvent = { type: 'callback_requested', reason };
    const rule = ruleFor(NEW, 'callback_requested');
    const after = reduce(record, event, now);
    if (rule === 'ignored' || !rule.includes(after.status)) throw new IllegalTransitionError(NEW, 'callback_requested');
    // No job to lose, so no intent: the record and its effects are all there is.
    await this.ports.store.create(after);
    await this.runEffects(NEW, after, event, now);
    return after;
  }

  /**
   * Applies `event` to verification `id`. Throws IllegalTransitionError when the table does not
   * allow it in the record's status; returns `changed: false` when the table says to ignore it.
   * `known`: the record as just read (store.getVersioned), to save the update its own read.
   */
  async apply(id: string, event: LifecycleEvent, known?: VersionedRecord): Promise<Applied> {
    let transition: { from: FromState; after: VerificationRecord; now: Date } | null = null;
    const written = await this.ports.store.updateVersioned(
      id,
      (current) => {
        transition = null;
        const rule = ruleFor(current.status, event.type);
        if (rule === 'ignored') return null;
        const now = this.now();
        const after = reduce(current, event, now);
        if (!rule.includes(after.status)) throw new IllegalTransitionError(current.status, event.type);
        transition = { from: current.status, after, now };
        return after;
      },
      known,
    );
    const done = transition as { from: FromState; after: VerificationRecord; now: Date } | null;
    if (!written || !done) return { record: written?.record ?? null, changed: false, versioned: written };
    await this.runEffects(done.from, written.record, event, done.now, written);
    // An effect that wrote the record (the webhook notes its delivery) makes `written` stale:
    // the next apply's compare-and-set refuses it and reads afresh.
    return { record: written.record, changed: true, versioned: written };
  }

  /**
   * Makes sure a settled record's effects happened (the process that settled it may have died
   * right after the write): the webhook is queued and a completed result is in the reuse index.
   * Both are idempotent.
   */
  async ensureSettledEffects(record: VerificationRecord): Promise<void> {
    if (record.status === 'completed' && !record.reusedFrom) await this.rememberResult(record);
    await this.ports.webhooks.notifySettled(record);
    if (record.recheckOf) await this.recordRecheck(await this.withAnswers(record));
  }

  /** A record read without its answers, read again with them (a changed re-check hands them to its verification). */
  private async withAnswers(record: VerificationRecord): Promise<VerificationRecord> {
    if (record.answers) return record;
    return (await this.ports.store.get(record.id, { answers: true })) ?? record;
  }

  /**
   * Repairs creates (and staff retries) whose process died midway, once their intent is older
   * than INTENT_STALE_MS: a claim without a record is released; a queued record without its job
   * gets the job. Returns how many of each it repaired.
   */
  async reconcile(now: Date = this.now()): Promise<{ released: number; requeued: number }> {
    const { store, jobs } = this.ports;
    let released = 0;
    let requeued = 0;
    for (const intent of await store.staleIntents(new Date(now.getTime() - INTENT_STALE_MS))) {
      const record = await store.get(intent.verificationId);
      if (!record) {
        if (intent.claim && (await store.releaseIdempotencyKey(intent.claim.scope, intent.claim.key, intent.verificationId))) released += 1;
      } else if (record.status === 'queued' && jobs && jobIdFor(record) === intent.jobId && !(await jobs.exists(intent.jobId))) {
        await jobs.enqueue(record, intent.jobId);
        requeued += 1;
      }
      await store.endIntent(intent);
    }
    return { released, requeued };
  }

  private async rememberResult(record: VerificationRecord): Promise<void> {
    const { store, fingerprint, reuseWindowMs } = this.ports;
    // Reuse off: nothing is written, so no fingerprint (two HMACs) is computed either.
    if (reuseWindowMs <= 0) return;
    const scopes = new Set(['any', record.owner ?? 'public']);
    // Independent keys: sent together, neither waiting for the other.
    await Promise.all([...scopes].map((scope) => store.rememberResult(fingerprint.of(record, scope), record.id, reuseWindowMs)));
  }

  /** `written`: the record as the transition wrote it, with its version (for an effect that writes it again). */
  private async runEffects(
    from: FromState,
    record: VerificationRecord,
    event: LifecycleEvent,
    now: Date,
    written?: VersionedRecord,
  ): Promise<void> {
    for (const effect of effectsOf(from, record, event, now)) await this.run(effect, record, now, written);
  }

  private async run(effect: Effect, record: VerificationRecord, now: Date, written?: VersionedRecord): Promise<void> {
    const { metrics, webhooks, audit, jobs } = this.ports;
    switch (effect.kind) {
      case 'metric':
        if (effect.op === 'increment') await metrics.increment(effect.metric, effect.labels, effect.value);
        else await metrics.observe(effect.metric, effect.labels, effect.value);
        return;
      case 'reuse_index':
        return this.rememberResult(record);
      case 'webhook':
        return webhooks.notifySettled(record, written);
      case 'audit':
        return audit.append({ actor: effect.actor, action: effect.action, verificationId: record.id, requestId: null });
      case 'enqueue':
        if (!jobs) throw new Error('this process cannot queue verification jobs');
        return jobs.enqueue(record, effect.jobId);
      case 'dequeue':
        return jobs?.remove(record);
      case 'webhook_changed':
        return webhooks.notifyChanged(record, effect.recheckId, written);
      case 'schedule_before_start': {
        const hours = record.request.recheck?.hoursBeforeStart ?? this.ports.recheckHoursBeforeStart ?? 24;
        const due = beforeStartRecheckAt(record, hours);
        if (due) await this.ports.rechecks?.schedule({ verificationId: record.id, kind: 'before_start', dueAt: due.toISOString() }, now);
        return;
      }
      case 'schedule_monthly':
        return this.ports.rechecks?.schedule(
          { verificationId: record.id, kind: 'monthly', dueAt: nextMonthlyRecheck(now).toISOString() },
          now,
        );
      case 'unschedule_monthly':
        return this.ports.rechecks?.unscheduleMonthly(record.id);
      case 'recheck_settled':
        return this.recordRecheck(record);
    }
  }

  /**
   * A re-check settled: what it found goes on the verification it checks. A change (or no
   * electronic answer) sends that verification to review; nothing new is recorded quietly.
   */
  private async recordRecheck(recheck: VerificationRecord): Promise<void> {
    if (!recheck.recheckOf || recheck.status === 'cancelled') return;
    const { verificationId, kind } = recheck.recheckOf;
    const original = await this.ports.store.get(verificationId);
    if (!original) return;
    if (original.rechecks?.some((entry) => entry.verificationId === recheck.id)) return;
    if (!recheck.summary || !original.summary) {
      await this.apply(verificationId, { type: 'recheck_inconclusive', recheck, kind }).catch((error: unknown) => {
        if (!(error instanceof IllegalTransitionError)) throw error;
      });
      return;
    }
    const changes = coverageChanges(original.summary, recheck.summary, original.request.levelsOfCare);
    try {
      await this.apply(
        verificationId,
        changes.length > 0 ? { type: 'recheck_changed', recheck, kind, changes } : { type: 'recheck_unchanged', recheck, kind },
      );
    } catch (error) {
      // Another process recorded this re-check first (the record did not change): nothing to do.
      if (!(error instanceof IllegalTransitionError)) throw error;
    }
  }
}
