import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig, networkStatusFor } from '@bvs/config';
import type { NormalizationResult } from '@bvs/coverage';
import { deriveSummary } from '@bvs/lifecycle';
import type { StoredAnswer, StoredRoute, VerificationRecord } from '@bvs/store';
import { EligibilityInquirer } from './eligibility-inquirer';

/** Every parsed answer for a verification -> its summary and review reasons, with the payer's rates. */
@Injectable()
export class Summarizer {
  constructor(
    private readonly inquirer: EligibilityInquirer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  summarize(record: VerificationRecord, route: StoredRoute, answers: readonly StoredAnswer[]): NormalizationResult {
    const result = deriveSummary(answers, record, {
      allowedPerSession: this.ratesFor(record.payer.key),
      // The estimate is made in the center's network with this payer (CENTER_NETWORK).
      centerNetwork: networkStatusFor(this.config.center, record.payer.key),
    });
    const carveOut = result.summary.carveOut;
    if (carveOut && !this.inquirer.followUpTarget(route, carveOut)) {
      const phone = carveOut.phone ?? route.payer.behavioralHealthAdministrator?.phone;
      result.reviewReasons.push(
        `No electronic inquiry is configured for ${carveOut.name}; call ${phone ? `them at ${phone}` : 'the number on the card'} for IOP/PHP/OP benefits.`,
      );
    }
    return result;
  }

  ratesFor(payerKey: string): Record<string, string> {
    return { ...this.config.rates.default, ...(this.config.rates.byPayer[payerKey] ?? {}) };
  }
}
