import { Inject, Injectable } from '@nestjs/common';
import { UnrecoverableError } from 'bullmq';
import { APP_LOGGER, AppLogger } from '@bvs/logging';
import { VerificationLifecycle } from '@bvs/lifecycle';
import { PayerDirectory } from '@bvs/payers';
import { SETTLED_STATUSES, VerificationStore } from '@bvs/store';
import { EligibilityInquirer, routeOf } from './eligibility-inquirer';
import { RetryLaterError } from './retry-backoff';
import type { AttemptInfo } from './run-verification';
import { PayerUnavailableError, describeFailure } from './verification-failure';

/** The child job of a carve-out flow: asks the behavioral-health administrator, keeps its parsed answer on the record. */
@Injectable()
export class FollowUpInquiry {
  constructor(
    private readonly store: VerificationStore,
    private readonly lifecycle: VerificationLifecycle,
    private readonly directory: PayerDirectory,
    private readonly inquirer: EligibilityInquirer,
    @Inject(APP_LOGGER) private readonly logger: AppLogger,
  ) {}

  async execute(verificationId: string, administratorKey: string, info: AttemptInfo): Promise<void> {
    const record = await this.store.get(verificationId);
    if (!record || SETTLED_STATUSES.includes(record.status)) return;
    const administrator = this.directory.byKey(administratorKey);
    if (!administrator) throw new UnrecoverableError(`no directory entry ${administratorKey}`);
    const log = this.logger.child({ verificationId, jobId: info.jobId, attempt: info.attempt, administrator: administratorKey });
    try {
      const outcome = await this.inquirer.inquireAdministrator(record, routeOf(record, this.directory), administrator, {
        attempt: info.attempt,
        role: 'follow_up',
        signal: info.signal,
      });
      const unavailable = outcome.rejectionCodes.find((code) => PayerUnavailableError.CODES.has(code));
      if (unavailable) throw new PayerUnavailableError(unavailable);
      await this.lifecycle.apply(verificationId, { type: 'follow_up_answered', answers: [outcome.answer] });
      log.info('follow-up answered');
    } catch (error) {
      if (info.signal?.aborted && info.postpone) await info.postpone(Date.now());
      const failure = describeFailure(error);
      log.warn({ error: failure.message, retryable: failure.retryable }, 'follow-up attempt failed');
      // A failed child leaves the parent to merge without it (ignoreDependencyOnFailure).
      if (!failure.retryable) throw new UnrecoverableError(failure.message);
      throw new RetryLaterError(failure.message);
    }
  }
}
