import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@bvs/config';
import { type EligibilityReply, EligibilityTransport, TransportError } from '@bvs/clearinghouse';
import { METRICS, ProcessMetrics } from '@bvs/metrics';
import type { CarveOut } from '@bvs/coverage';
import { PayerDirectory, ResolvedPayer } from '@bvs/payers';
import { type ExchangeEntry, type StoredAnswer, type StoredRoute, type VerificationRecord, VerificationStore } from '@bvs/store';
import { EligibilityResponse, X12Error, build270, parse271, parseEligibilityJson } from '@bvs/x12';
import { buildInquiry } from './build-inquiry';

export interface InquiryOutcome {
  /** The parsed answers (parsed once, here). */
  answer: StoredAnswer;
  /** Every AAA reason code in the answers, at any loop. */
  rejectionCodes: string[];
}

export interface InquiryContext {
  /** The job attempt (1-based), kept with each exchange. */
  attempt: number;
  role: StoredAnswer['role'];
  /** Aborts the HTTP call when the worker is stopping. */
  signal?: AbortSignal;
  /** The member id to send instead of the record's (a carve-out's own id for the patient). */
  memberId?: string;
  /**
   * Called when the clearinghouse answered (once per inquiry), and awaited together with
   * storing that exchange: its Redis write goes out without waiting for the exchange's reply.
   */
  onAnswered?: () => Promise<unknown>;
}

/** The route a record was created with (older records: resolved now). */
export function routeOf(record: VerificationRecord, directory: PayerDirectory): StoredRoute {
  return record.route ?? directory.route(record.request.payerInput, record.network?.key, record.request.member.id);
}

/** Reads an answer in the format the transport said it has (no sniffing). */
export function readReply(reply: EligibilityReply): EligibilityResponse[] {
  if (reply.format === 'x12') return parse271(reply.raw);
  let json: unknown;
  try {
    json = JSON.parse(reply.raw);
  } catch {
    throw new X12Error('INVALID_JSON', 'the JSON answer is not valid JSON');
  }
  return [parseEligibilityJson(json)];
}

/**
 * Asks a payer everything a verification needs: the service types the payer reads, in one 270,
 * or one per 270 for payers that only read the first. Every 270 and what came back (the answer,
 * or the failure) is kept with the record as it happens, so staff see every attempt. The same
 * inquiry goes to a behavioral-health administrator when the plan's answer names one the
 * directory can reach (the follow-up runs as a child job: see FollowUpInquiry).
 */
@Injectable()
export class EligibilityInquirer {
  constructor(
    private readonly transport: EligibilityTransport,
    private readonly directory: PayerDirectory,
    private readonly store: VerificationStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly metrics: ProcessMetrics,
  ) {}

  /** The plan's answer (through the route's payer id). */
  async inquire(record: VerificationRecord, route: StoredRoute, context: InquiryContext): Promise<InquiryOutcome> {
    const outcome: InquiryOutcome = { answer: { payerKey: route.via.key, role: context.role, responses: [] }, rejectionCodes: [] };
    await this.askPayer(record, route, outcome, context);
    return outcome;
  }

  /** The same inquiry, sent to a behavioral-health administrator instead of the plan. */
  async inquireAdministrator(
    record: VerificationRecord,
    route: StoredRoute,
    administrator: ResolvedPayer,
    context: InquiryContext,
  ): Promise<InquiryOutcome> {
    if (!administrator.payerId) throw new Error(`no payer id is configured for ${administrator.key}`);
    // An MI id in the plan's 2120 is the patient's member id at the administrator.
    const memberId = record.followUp?.memberId;
    return this.inquire(
      record,
      { ...route, via: administrator, payerId: administrator.payerId },
      { ...context, ...(memberId ? { memberId } : {}) },
    );
  }

  /**
   * The directory entry a carve-out names (by payer id, or the payer's known administrator),
   * when it can be asked electronically.
   */
  followUpTarget(route: StoredRoute, carveOut: CarveOut): ResolvedPayer | undefined {
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

  private async askPayer(record: VerificationRecord, route: StoredRoute, outcome: InquiryOutcome, context: InquiryContext): Promise<void> {
    const codes = route.via.serviceTypeCodes.length > 0 ? route.via.serviceTypeCodes : ['30'];
    const batches = route.via.inquiryMode === 'one-per-270' ? codes.map((code) => [code]) : [codes];
    for (const [index, batch] of batches.entries()) {
      const built = buildInquiry(record, route, this.config);
      if (context.memberId) built.subscriber.memberId = context.memberId;
      const inquiry = { ...built, serviceTypeCodes: batch };
      const x12 = build270(inquiry);
      const entry: ExchangeEntry = {
        attempt: context.attempt,
        payerKey: route.via.key,
        role: context.role,
        sentAt: new Date().toISOString(),
        sent: x12,
        receivedAt: '',
      };
      const payer = route.via.key;
      let reply: EligibilityReply;
      try {
        reply = await this.transport.check({
          inquiry,
          x12,
          context: { verificationId: record.id, payerId: route.payerId },
          signal: context.signal,
        });
      } catch (error) {
        const failure =
          error instanceof TransportError ? { kind: error.kind, message: error.message } : { kind: 'internal', message: 'request failed' };
        await this.store.appendExchange(record.id, { ...entry, receivedAt: new Date().toISOString(), failure });
        await this.metrics.increment(METRICS.payerRequests, { payer, outcome: error instanceof TransportError ? error.kind : 'error' });
        throw error;
      }
      await Promise.all([
        this.store.appendExchange(record.id, {
          ...entry,
          receivedAt: new Date().toISOString(),
          received: { format: reply.format, body: reply.raw },
        }),
        index === 0 ? context.onAnswered?.() : undefined,
      ]);
      const responses = readReply(reply);
      outcome.answer.responses.push(...responses);
      const rejected = responses.flatMap(rejectionCodes);
      outcome.rejectionCodes.push(...rejected);
      await this.metrics.increment(METRICS.payerRequests, { payer, outcome: rejected.length > 0 ? 'rejected' : 'answered' });
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
