import { Injectable } from '@nestjs/common';
import type { NormalizationResult } from '@bvs/coverage';
import { type Reason, VerificationLifecycle } from '@bvs/lifecycle';
import { PayerDirectory } from '@bvs/payers';
import type { StoredAnswer, VerificationRecord, VersionedRecord } from '@bvs/store';

/**
 * How the worker settles a verification: through the lifecycle, so every path — an answer, a
 * merged follow-up, a final failure — records the same things (metrics, reuse index, webhook).
 */
@Injectable()
export class Settlement {
  constructor(
    private readonly lifecycle: VerificationLifecycle,
    private readonly directory: PayerDirectory,
  ) {}

  /**
   * The payer answered (and the follow-up, when there was one): completed or in review. `known`:
   * the record as this attempt last wrote it, so the settlement need not read it again.
   */
  async settle(
    id: string,
    result: NormalizationResult,
    answers: StoredAnswer[],
    known?: VersionedRecord,
  ): Promise<VerificationRecord | null> {
    return (await this.lifecycle.apply(id, { type: 'answered', result, answers }, known)).record;
  }

  /** The electronic path failed for good: staff review, with `reason` written for the record at hand. */
  async sendToReview(id: string, reason: Reason, error: string): Promise<VerificationRecord | null> {
    return (await this.lifecycle.apply(id, { type: 'attempt_failed_final', error, reason })).record;
  }

  /** "Call <payer> at <phone> … before <deadline>": what staff do when the electronic path failed. */
  callThePayer(record: VerificationRecord, why: string): string {
    const phone = this.directory.byKey(record.payer.key)?.phone;
    return `${why}. Call ${record.payer.name}${phone ? ` at ${phone}` : ''} to verify IOP, PHP and OP benefits before ${record.deadline}.`;
  }
}
