import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@bvs/config';
import { APP_LOGGER, AppLogger } from '@bvs/logging';
import { VerificationLifecycle, deadlineFor, draftRecord, nextMonthlyRecheck } from '@bvs/lifecycle';
import { BullRecheckScheduler, type RecheckJobData, recheckJobId } from '@bvs/queue';
import { type CreateIntent, type VerificationRecord, VerificationStore } from '@bvs/store';

/** The claim naming a re-check job's verification lives as long as the job is kept. */
const CLAIM_TTL_SECONDS = 40 * 24 * 3_600;

/**
 * Runs a due re-check: an ordinary verification of the same request (never answered by reuse:
 * the point is to ask the payer again), tagged `recheckOf`. The lifecycle compares its answer
 * with the verification it checks when it settles. A monthly re-check also schedules the next
 * month's, from its own due date, until the patient is discharged.
 */
@Injectable()
export class StartRecheck {
  constructor(
    private readonly store: VerificationStore,
    private readonly lifecycle: VerificationLifecycle,
    private readonly scheduler: BullRecheckScheduler,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(APP_LOGGER) private readonly logger: AppLogger,
  ) {}

  async execute(job: RecheckJobData, now: Date = new Date()): Promise<void> {
    const original = await this.store.get(job.verificationId);
    const log = this.logger.child({ verificationId: job.verificationId, recheck: job.kind });
    if (!original || original.status === 'cancelled') {
      log.info('verification gone or cancelled; re-check dropped');
      return;
    }
    if (job.kind === 'monthly' && (!original.admission || original.admission.dischargedAt)) {
      log.info('patient discharged; monthly re-checks end');
      return;
    }
    const recheckId = await this.startOnce(original, job, now);
    log.info({ recheckId }, 're-check started');
    if (job.kind === 'monthly') {
      await this.scheduler.schedule(
        { verificationId: original.id, kind: 'monthly', dueAt: nextMonthlyRecheck(new Date(job.dueAt)).toISOString() },
        now,
      );
    }
  }

  /** One verification per re-check job, however often the job runs (a claim on the job id). */
  private async startOnce(original: VerificationRecord, job: RecheckJobData, now: Date): Promise<string> {
    const id = `vrf_${randomBytes(16).toString('hex')}`;
    const key = recheckJobId(job);
    const intent: CreateIntent = { verificationId: id, jobId: id, claim: { scope: 'recheck', key } };
    await this.store.beginIntent(intent, now);
    const claimed = await this.store.claimIdempotencyKey('recheck', key, `recheck:${id}`, CLAIM_TTL_SECONDS);
    if (claimed !== null) {
      await this.store.endIntent(intent);
      return claimed.slice('recheck:'.length);
    }
    const plannedStart = original.plannedStart && Date.parse(original.plannedStart) > now.getTime() ? original.plannedStart : null;
    const deadline = deadlineFor(now, plannedStart ? new Date(plannedStart) : null, this.config.deadline.defaultHours);
    // The verification it checks notifies the caller (verification.changed); the re-check itself does not.
    const { callbackUrl: _notified, ...request } = original.request;
    const record = draftRecord({
      id,
      channel: original.channel,
      payer: original.payer,
      network: original.network ?? null,
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
      completedAt: null,
      plannedStart,
      deadline: deadline.toISOString(),
      withinWindow: null,
      request,
      owner: original.owner ?? null,
      ...(original.route ? { route: original.route } : {}),
      recheckOf: { verificationId: original.id, kind: job.kind },
    });
    await this.lifecycle.create(record, intent);
    return id;
  }
}
