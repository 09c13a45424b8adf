import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import { manualSummary } from '@bvs/coverage';
import { IllegalTransitionError, type LifecycleEvent, VerificationLifecycle, jobIdFor } from '@bvs/lifecycle';
import { METRICS, RedisMetrics } from '@bvs/metrics';
import { ListQuery, SearchIndex, SkippedRecord, VerificationRecord, VerificationStore, X12Exchange, awaitingCall } from '@bvs/store';
import type { Principal } from '../auth/principal';
import { ApiError } from '../http/api-error';
import type { ListQueryDto } from './dto/list-query.dto';
import type { ManualResultDto } from './dto/manual-result.dto';

/** What staff do to verifications: list by deadline, read the X12, retry, record a manual result. */
@Injectable()
export class StaffActionsService {
  private readonly logger = new Logger(StaffActionsService.name);

  constructor(
    private readonly store: VerificationStore,
    private readonly lifecycle: VerificationLifecycle,
    private readonly metrics: RedisMetrics,
    private readonly search: SearchIndex,
  ) {}

  async list(query: ListQueryDto): Promise<{ items: VerificationRecord[]; total: number; skipped: SkippedRecord[] }> {
    const filter: ListQuery = { offset: query.offset ?? 0, limit: query.limit ?? 50 };
    // Search goes through the keyed blind index: Redis holds HMACs of normalized values, never the values.
    if (query.q) filter.ids = await this.search.search(query.q);
    if (query.awaitingCall === 'true') filter.where = awaitingCall;
    if (query.status) filter.statuses = query.status;
    if (query.payer) filter.payerKey = query.payer;
    if (query.channel) filter.channel = query.channel;
    if (query.deadlineAfter) filter.deadlineAfter = new Date(query.deadlineAfter);
    if (query.deadlineBefore) filter.deadlineBefore = new Date(query.deadlineBefore);
    const result = await this.store.list(filter);
    for (const { id, reason } of result.skipped) {
      // The id and the reason only: nothing of the record can be read anyway.
      this.logger.warn({ verificationId: id, reason }, 'record skipped: it cannot be decrypted');
      await this.metrics.increment(METRICS.undecryptable, { where: 'list' });
    }
    return result;
  }

  /** Every exchange kept for the verification, in order. */
  exchange(record: VerificationRecord): Promise<X12Exchange> {
    return this.store.getExchange(record.id);
  }

  /** Another electronic attempt, e.g. after the payer's outage ended. */
  async retry(id: string, principal: Principal): Promise<VerificationRecord> {
    const current = await this.store.get(id);
    if (!current) throw ApiError.notFound();
    // The intent covers a crash between the record and the new round's job.
    const intent = { verificationId: id, jobId: jobIdFor({ id, retries: (current.retries ?? 0) + 1 }) };
    await this.store.beginIntent(intent);
    // On any failure the intent stays: reconciliation ends it (and queues the job if it is missing).
    const record = await this.change(
      id,
      { type: 'retry_requested', actor: principal.label ?? 'staff' },
      'The verification is already queued or in progress.',
    );
    await this.store.endIntent(intent);
    return record;
  }

  recordManualResult(id: string, body: ManualResultDto, principal: Principal): Promise<VerificationRecord> {
    return this.change(
      id,
      {
        type: 'manual_result',
        summary: (current) => manualSummary(body, current.summary),
        manual: {
          referenceNumber: body.referenceNumber,
          representative: body.representative,
          ...(body.callTime ? { callTime: body.callTime } : {}),
          ...(body.notes ? { notes: body.notes } : {}),
          recordedBy: principal.label ?? 'staff',
        },
        actor: principal.label ?? 'staff',
      },
      'A cancelled verification takes no manual result.',
    );
  }

  private async change(id: string, event: LifecycleEvent, conflict: string): Promise<VerificationRecord> {
    try {
      const { record } = await this.lifecycle.apply(id, event);
      if (!record) throw ApiError.notFound();
      return record;
    } catch (error) {
      if (error instanceof IllegalTransitionError) throw new ApiError(HttpStatus.CONFLICT, 'conflict', conflict);
      throw error;
    }
  }
}
