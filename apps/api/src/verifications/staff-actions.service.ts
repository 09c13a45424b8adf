import { InjectQueue } from '@nestjs/bullmq';
import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { APP_CONFIG, AppConfig } from '@bvs/config';
import { manualSummary } from '@bvs/coverage';
import { ELIGIBILITY_QUEUE, EligibilityJobName, VerifyJobData, WebhookNotifier, verifyJobOptions } from '@bvs/queue';
import { ListQuery, SearchIndex, VerificationRecord, VerificationStore, X12Exchange, awaitingCall } from '@bvs/store';
import type { Principal } from '../auth/principal';
import { ApiError } from '../http/api-error';
import type { ListQueryDto } from './dto/list-query.dto';
import type { ManualResultDto } from './dto/manual-result.dto';

/** What staff do to verifications: list by deadline, read the X12, retry, record a manual result. */
@Injectable()
export class StaffActionsService {
  constructor(
    private readonly store: VerificationStore,
    private readonly webhooks: WebhookNotifier,
    @InjectQueue(ELIGIBILITY_QUEUE) private readonly queue: Queue<VerifyJobData>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly search: SearchIndex,
  ) {}

  async list(query: ListQueryDto): Promise<{ items: VerificationRecord[]; total: number }> {
    const filter: ListQuery = { offset: query.offset ?? 0, limit: query.limit ?? 50 };
    // Search goes through the keyed blind index: Redis holds HMACs of normalized values, never the values.
    if (query.q) filter.ids = await this.search.search(query.q);
    if (query.awaitingCall === 'true') filter.where = awaitingCall;
    if (query.status) filter.statuses = query.status;
    if (query.payer) filter.payerKey = query.payer;
    if (query.channel) filter.channel = query.channel;
    if (query.deadlineAfter) filter.deadlineAfter = new Date(query.deadlineAfter);
    if (query.deadlineBefore) filter.deadlineBefore = new Date(query.deadlineBefore);
    return this.store.list(filter);
  }

  async exchange(record: VerificationRecord): Promise<X12Exchange> {
    return (await this.store.getExchange(record.id)) ?? { sent: [], received: [] };
  }

  /** Another electronic attempt, e.g. after the payer's outage ended. */
  async retry(id: string): Promise<VerificationRecord> {
    let conflict = false;
    const updated = await this.store.update(id, (record) => {
      conflict = record.status === 'queued' || record.status === 'in_progress';
      if (conflict) return null;
      return {
        ...record,
        status: 'queued',
        lastError: null,
        review: undefined,
        completedAt: null,
        withinWindow: null,
        retries: (record.retries ?? 0) + 1,
      };
    });
    if (!updated) throw ApiError.notFound();
    if (conflict) throw new ApiError(HttpStatus.CONFLICT, 'conflict', 'The verification is already queued or in progress.');
    // A new job id: the first job may still be kept in the completed/failed set.
    const options = verifyJobOptions(`${id}-r${updated.retries}`, new Date(updated.deadline), this.config.jobs);
    await this.queue.add(EligibilityJobName.Verify, { verificationId: id }, options);
    return updated;
  }

  async recordManualResult(id: string, body: ManualResultDto, principal: Principal): Promise<VerificationRecord> {
    const updated = await this.store.update(id, (record) => {
      const completedAt = new Date().toISOString();
      return {
        ...record,
        status: 'completed',
        source: 'manual',
        summary: manualSummary(body, record.summary),
        manual: {
          referenceNumber: body.referenceNumber,
          representative: body.representative,
          ...(body.notes ? { notes: body.notes } : {}),
          recordedBy: principal.label ?? 'staff',
          recordedAt: completedAt,
        },
        review: undefined,
        lastError: null,
        completedAt,
        withinWindow: completedAt <= record.deadline,
      };
    });
    if (!updated) throw ApiError.notFound();
    await this.webhooks.notifySettled(updated);
    return updated;
  }
}
