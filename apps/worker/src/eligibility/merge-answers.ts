import { Inject, Injectable } from '@nestjs/common';
import { APP_LOGGER, AppLogger } from '@bvs/logging';
import { PayerDirectory } from '@bvs/payers';
import { SETTLED_STATUSES, VerificationStore } from '@bvs/store';
import { routeOf } from './eligibility-inquirer';
import { Settlement } from './settlement';
import { Summarizer } from './summarizer';
import type { AttemptInfo } from './run-verification';
import { describeFailure } from './verification-failure';

/**
 * The parent job of a carve-out flow: merges the plan's and the administrator's parsed answers
 * (kept on the record; no stored 271 is parsed again) and settles.
 */
@Injectable()
export class MergeAnswers {
  constructor(
    private readonly store: VerificationStore,
    private readonly directory: PayerDirectory,
    private readonly summarizer: Summarizer,
    private readonly settlement: Settlement,
    @Inject(APP_LOGGER) private readonly logger: AppLogger,
  ) {}

  /** `followUpFailed`: the child's final failure reason, when it gave up. */
  async execute(verificationId: string, followUpFailed: string | null, info: AttemptInfo): Promise<void> {
    try {
      await this.merge(verificationId, followUpFailed);
    } catch (error) {
      if (info.attempt < info.maxAttempts) throw error;
      const failure = describeFailure(error);
      await this.settlement.sendToReview(
        verificationId,
        (record) => this.settlement.callThePayer(record, `The answers could not be merged (${failure.message})`),
        failure.message,
      );
    }
  }

  private async merge(verificationId: string, followUpFailed: string | null): Promise<void> {
    // The plan's answer and the administrator's, kept on the record until both are in.
    const record = await this.store.get(verificationId, { answers: true });
    if (!record || SETTLED_STATUSES.includes(record.status)) return;
    const answers = record.answers ?? [];
    const result = this.summarizer.summarize(record, routeOf(record, this.directory), answers);
    if (followUpFailed && record.followUp) {
      const phone = this.directory.byKey(record.followUp.payerKey)?.phone;
      result.reviewReasons.push(
        `The follow-up inquiry to ${record.followUp.name} failed (${followUpFailed}); call them${phone ? ` at ${phone}` : ''} for IOP/PHP/OP benefits.`,
      );
    }
    const settled = await this.settlement.settle(verificationId, result, answers);
    this.logger.info({ verificationId, status: settled?.status, answers: answers.length }, 'answers merged; verification settled');
  }
}
