import { Inject, Injectable } from '@nestjs/common';
import { APP_LOGGER, AppLogger } from '@bvs/logging';
import { APP_CONFIG, AppConfig } from '@bvs/config';
import { VerificationStore } from '@bvs/store';
import { Settlement } from '../eligibility/settlement';

/**
 * Sends to staff review every verification still unsettled when its deadline is near (default
 * 4 h before), with the time left, so a person can finish it by phone before the patient starts.
 */
@Injectable()
export class EscalationSweep {
  constructor(
    private readonly store: VerificationStore,
    private readonly settlement: Settlement,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(APP_LOGGER) private readonly logger: AppLogger,
  ) {}

  async execute(now: Date = new Date()): Promise<number> {
    const horizon = new Date(now.getTime() + this.config.window.escalateBeforeMs);
    const ids = await this.store.unsettledIdsWithDeadlineBefore(horizon);
    for (const id of ids) {
      await this.settlement.sendToReview(
        id,
        (record) => {
          const minutesLeft = Math.round((Date.parse(record.deadline) - now.getTime()) / 60_000);
          const timeLeft = minutesLeft <= 0 ? 'the deadline has passed' : `${Math.floor(minutesLeft / 60)} h ${minutesLeft % 60} min left`;
          return this.settlement.callThePayer(record, `Not settled electronically close to the start (${timeLeft}; last error: ${record.lastError ?? 'none'})`);
        },
        null,
      );
    }
    if (ids.length > 0) this.logger.warn({ escalated: ids.length }, 'verifications escalated to staff review before their deadline');
    return ids.length;
  }
}
