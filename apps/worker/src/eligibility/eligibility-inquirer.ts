import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@bvs/config';
import { EligibilityTransport } from '@bvs/clearinghouse';
import type { CarveOut } from '@bvs/coverage';
import { PayerDirectory, PayerRoute, ResolvedPayer } from '@bvs/payers';
import type { VerificationRecord, X12Exchange } from '@bvs/store';
import { EligibilityResponse, build270, readEligibility } from '@bvs/x12';
import { buildInquiry } from './build-inquiry';

export interface InquiryOutcome {
  responses: EligibilityResponse[];
  exchange: X12Exchange;
  /** Every AAA reason code in the answers, at any loop. */
  rejectionCodes: string[];
}

/**
 * Asks a payer everything a verification needs: the service types the payer reads, in one 270,
 * or one per 270 for payers that only read the first. The same inquiry goes to a
 * behavioral-health administrator when the plan's answer names one the directory can reach (the
 * follow-up runs as a child job: see FollowUpInquiry).
 */
@Injectable()
export class EligibilityInquirer {
  constructor(
    private readonly transport: EligibilityTransport,
    private readonly directory: PayerDirectory,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The plan's answer (through the route's payer id). */
  async inquire(record: VerificationRecord, route: PayerRoute): Promise<InquiryOutcome> {
    const outcome: InquiryOutcome = { responses: [], exchange: { sent: [], received: [] }, rejectionCodes: [] };
    await this.askPayer(record, route, outcome);
    return outcome;
  }

  /** The same inquiry, sent to a behavioral-health administrator instead of the plan. */
  async inquireAdministrator(record: VerificationRecord, route: PayerRoute, administrator: ResolvedPayer): Promise<InquiryOutcome> {
    if (!administrator.payerId) throw new Error(`no payer id is configured for ${administrator.key}`);
    const outcome: InquiryOutcome = { responses: [], exchange: { sent: [], received: [] }, rejectionCodes: [] };
    // An MI id in the plan's 2120 is the patient's member id at the administrator.
    await this.askPayer(record, { ...route, via: administrator, payerId: administrator.payerId }, outcome, record.followUp?.memberId);
    return outcome;
  }

  /**
   * The directory entry a carve-out names (by payer id, or the payer's known administrator),
   * when it can be asked electronically.
   */
  followUpTarget(route: PayerRoute, carveOut: CarveOut): ResolvedPayer | undefined {
    const byId = carveOut.payerId
      ? this.directory.list().find((entry) => entry.kind !== 'network' && entry.payerId === carveOut.payerId)
      : undefined;
    const known = route.payer.behavioralHealthAdministrator;
    const target =
      byId && byId.key !== route.via.key
        ? byId
        : known?.payerKey && carveOut.name.toUpperCase().includes(known.name.split(' ')[0].toUpperCase())
          ? this.directory.byKey(known.payerKey)
          : undefined;
    return target?.payerId ? target : undefined;
  }

  private async askPayer(record: VerificationRecord, route: PayerRoute, outcome: InquiryOutcome, memberId?: string): Promise<void> {
    const codes = route.via.serviceTypeCodes.length > 0 ? route.via.serviceTypeCodes : ['30'];
    const batches = route.via.inquiryMode === 'one-per-270' ? codes.map((code) => [code]) : [codes];
    for (const [index, batch] of batches.entries()) {
      const built = buildInquiry(record, route, this.config);
      if (memberId) built.subscriber.memberId = memberId;
      const inquiry = { ...built, serviceTypeCodes: batch };
      const x12 = build270(inquiry);
      outcome.exchange.sent.push(x12);
      const reply = await this.transport.check({ inquiry, x12, context: { verificationId: record.id, payerId: route.payerId } });
      outcome.exchange.received.push(reply.raw);
      const responses = readEligibility(reply.raw);
      outcome.responses.push(...responses);
      outcome.rejectionCodes.push(...responses.flatMap(rejectionCodes));
      if (outcome.rejectionCodes.length > 0) return;
      // A payer that answers a specific service type with plan-level benefits only will not say
      // more for the next one: stop asking.
      if (index > 0 && onlyPlanLevel(responses)) return;
    }
  }
}

function rejectionCodes(response: EligibilityResponse): string[] {
  const codes = [...response.source.rejections, ...(response.receiver?.rejections ?? [])].map((r) => r.reasonCode);
  for (const subscriber of response.subscribers) {
    codes.push(...subscriber.member.rejections.map((r) => r.reasonCode));
    for (const dependent of subscriber.dependents) codes.push(...dependent.member.rejections.map((r) => r.reasonCode));
  }
  return codes;
}

function onlyPlanLevel(responses: EligibilityResponse[]): boolean {
  return responses.every((response) =>
    response.subscribers.every((subscriber) =>
      [...subscriber.benefits, ...subscriber.dependents.flatMap((d) => d.benefits)].every((benefit) =>
        benefit.serviceTypeCodes.every((code) => code === '30'),
      ),
    ),
  );
}
