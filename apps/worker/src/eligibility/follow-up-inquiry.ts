import { Inject, Injectable } from '@nestjs/common';
import { UnrecoverableError } from 'bullmq';
import { APP_LOGGER, AppLogger } from '@bvs/logging';
import { PayerDirectory } from '@bvs/payers';
import { SETTLED_STATUSES, VerificationStore } from '@bvs/store';
import { EligibilityInquirer } from './eligibility-inquirer';
import { RetryLaterError } from './retry-backoff';
import type { AttemptInfo } from './run-verification';
import { PayerUnavailableError, describeFailure } from './verification-failure';

/** The child job of a carve-out flow: asks the behavioral-health administrator, keeps its answer. */
@Injectable()
export class FollowUpInquiry {
  constructor(
    private readonly store: VerificationStore,
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
      const route = this.directory.route(record.request.payerInput, record.network?.key, record.request.member.id);
      const outcome = await this.inquirer.inquireAdministrator(record, route, administrator);
      const unavailable = outcome.rejectionCodes.find((code) => PayerUnavailableError.CODES.has(code));
      if (unavailable) throw new PayerUnavailableError(unavailable);
      const exchange = (await this.store.getExchange(verificationId)) ?? { sent: [], received: [] };
      await this.store.saveExchange(verificationId, {
        sent: [...exchange.sent, ...outcome.exchange.sent],
        received: [...exchange.received, ...outcome.exchange.received],
      });
      log.info('follow-up answered');
    } catch (error) {
      const failure = describeFailure(error);
      log.warn({ error: failure.message, retryable: failure.retryable }, 'follow-up attempt failed');
      // A failed child leaves the parent to merge without it (ignoreDependencyOnFailure).
      if (!failure.retryable) throw new UnrecoverableError(failure.message);
      throw new RetryLaterError(failure.message);
    }
  }
}
