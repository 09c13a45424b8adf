import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig, networkStatusFor } from '@bvs/config';
import { NormalizationResult, normalizeEligibility } from '@bvs/coverage';
import type { PayerRoute } from '@bvs/payers';
import type { VerificationRecord } from '@bvs/store';
import type { EligibilityResponse } from '@bvs/x12';
import { EligibilityInquirer } from './eligibility-inquirer';

/** Every answer for a verification -> its summary and review reasons, with the payer's rates. */
@Injectable()
export class Summarizer {
  constructor(
    private readonly inquirer: EligibilityInquirer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  summarize(record: VerificationRecord, route: PayerRoute, responses: EligibilityResponse[]): NormalizationResult {
    const rates = { ...this.config.rates.default, ...(this.config.rates.byPayer[record.payer.key] ?? {}) };
    const result = normalizeEligibility(responses, {
      levelsOfCare: record.request.levelsOfCare,
      program: record.request.program,
      allowedPerSession: rates,
      // The estimate is made in the center's network with this payer (CENTER_NETWORK).
      centerNetwork: networkStatusFor(this.config.center, record.payer.key),
    });
    result.summary.network = record.network ?? null;
    const carveOut = result.summary.carveOut;
    if (carveOut && !this.inquirer.followUpTarget(route, carveOut)) {
      const phone = carveOut.phone ?? route.payer.behavioralHealthAdministrator?.phone;
      result.reviewReasons.push(
        `No electronic inquiry is configured for ${carveOut.name}; call ${phone ? `them at ${phone}` : 'the number on the card'} for IOP/PHP/OP benefits.`,
      );
    }
    return result;
  }
}
