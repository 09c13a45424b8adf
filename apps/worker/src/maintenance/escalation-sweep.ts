import { Inject, Injectable } from '@nestjs/common';
import { APP_LOGGER, AppLogger } from '@bvs/logging';
import { APP_CONFIG, AppConfig } from '@bvs/config';
import { VerificationLifecycle } from '@bvs/lifecycle';
import { VerificationStore } from '@bvs/store';
import { Settlement } from '../eligibility/settlement';

/**
 * Sends to staff review every verification still unsettled when its deadline is near (default
 * 4 h before), with the time left, so a person can finish it by phone before the patient starts:
 * `escalated` while there is time left, `expired` once the deadline has passed. This is the only
 * place time sends a verification to review; an outage alone never does.
 */
@Injectable()
export class EscalationSweep {
  constructor(
    private readonly store: VerificationStore,
    private readonly lifecycle: VerificationLifecycle,
    private readonly settlement: Settlement,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(APP_LOGGER) private readonly logger: AppLogger,
  ) {}

  /** Returns the ids it sent to review. */
  async execute(now: Date = new Date()): Promise<string[]> {
    // Look one sweep interval further, so whatever the sweep's phase, a verification reaches
    // staff before (never after) the escalation point.
    const horizon = new Date(now.getTime() + this.config.window.escalateBeforeMs + this.config.window.sweepIntervalMs);
    const ids = await this.store.unsettledIdsWithDeadlineBefore(horizon);
    const escalated: string[] = [];
    for (const id of ids) {
      const record = await this.store.get(id);
      if (!record) continue;
      const minutesLeft = Math.round((Date.parse(record.deadline) - now.getTime()) / 60_000);
      const timeLeft = minutesLeft <= 0 ? 'the deadline has passed' : `${Math.floor(minutesLeft / 60)} h ${minutesLeft % 60} min left`;
      const reason = (current: typeof record): string =>
        this.settlement.callThePayer(
          current,
          `Not settled electronically close to the start (${timeLeft}; last error: ${current.lastError ?? 'none'})`,
        );
      const type = Date.parse(record.deadline) <= now.getTime() ? 'expired' : 'escalated';
      const { changed } = await this.lifecycle.apply(id, { type, reason });
      if (changed) escalated.push(id);
    }
    if (escalated.length > 0)
      this.logger.warn({ escalated: escalated.length }, 'verifications escalated to staff review before their deadline');
    return escalated;
  }
}
