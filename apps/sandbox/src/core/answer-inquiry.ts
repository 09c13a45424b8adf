import { type Response271Spec, write271 } from '@bvs/x12';
import { findSandboxMember } from '../scenarios/members';
import type { SandboxMember } from '../scenarios/scenario';
import type { SandboxInquiry } from './read-inquiry';

export type SandboxAnswer = { kind: 'x12'; x12: string } | { kind: 'http_error'; status: number } | { kind: 'stall'; ms: number };

const SANDBOX_ID = 'SANDBOXCH';

/**
 * Decides the sandbox's answer to one inquiry. Stateful only for "unavailable then answer"
 * members, counted per member in cycles so repeated test runs behave the same way.
 */
export class InquiryAnswerer {
  private readonly unavailableCounts = new Map<string, number>();
  /** For members whose coverage ends: the trace number of their first verification. */
  private readonly firstTraces = new Map<string, string>();

  answer(inquiry: SandboxInquiry, submitterId: string): SandboxAnswer {
    const member = findSandboxMember(inquiry.payerId, inquiry.subscriber.memberId);
    const base = this.baseSpec(inquiry, submitterId, member?.payerName ?? 'SANDBOX PAYER');
    if (!member) return { kind: 'x12', x12: write271(this.rejected(base, inquiry, '75', 'C')) };

    switch (member.behavior.kind) {
      case 'http_error':
        return { kind: 'http_error', status: member.behavior.status };
      case 'stall':
        return { kind: 'stall', ms: member.behavior.ms };
      case 'unavailable_then_answer': {
        const key = `${member.payerId}|${member.memberId}`;
        const seen = this.unavailableCounts.get(key) ?? 0;
        this.unavailableCounts.set(key, (seen + 1) % (member.behavior.times + 1));
        if (seen < member.behavior.times) {
          return {
            kind: 'x12',
            x12: write271({
              ...base,
              source: { ...base.source, rejections: [{ validRequest: 'Y', reasonCode: '42', followUpAction: 'R' }] },
            }),
          };
        }
        break;
      }
      case 'ends_after_first_verification': {
        const key = `${member.payerId}|${member.memberId}`;
        const trace = inquiry.trace?.referenceId;
        if (trace && !this.firstTraces.has(key)) this.firstTraces.set(key, trace);
        if (trace && this.firstTraces.get(key) !== trace) {
          const { benefits, coverageDates } = member.behavior.after;
          return { kind: 'x12', x12: write271(this.answered(base, inquiry, { ...member, benefits, coverageDates })) };
        }
        break;
      }
      case 'answer':
        break;
    }
    // A payer checks the name and date of birth against the id before answering.
    if (inquiry.subscriber.lastName.toUpperCase() !== member.lastName)
      return { kind: 'x12', x12: write271(this.rejected(base, inquiry, '73', 'C')) };
    if (inquiry.subscriber.dateOfBirth && inquiry.subscriber.dateOfBirth !== member.dateOfBirth) {
      return { kind: 'x12', x12: write271(this.rejected(base, inquiry, '71', 'C')) };
    }
    if (member.rejection)
      return { kind: 'x12', x12: write271(this.rejected(base, inquiry, member.rejection.reasonCode, member.rejection.followUpAction)) };
    return { kind: 'x12', x12: write271(this.answered(base, inquiry, member)) };
  }

  private baseSpec(inquiry: SandboxInquiry, submitterId: string, payerName: string): Response271Spec {
    return {
      senderId: SANDBOX_ID,
      receiverId: submitterId || 'SUBMITTER',
      usageIndicator: 'T',
      submitterTransactionId: inquiry.submitterTransactionId,
      source: {
        name: {
          entityIdentifierCode: 'PR',
          entityTypeQualifier: '2',
          lastNameOrOrganizationName: payerName,
          identificationCodeQualifier: 'PI',
          identificationCode: inquiry.payerId,
        },
      },
      receiver: {
        name: {
          entityIdentifierCode: '1P',
          entityTypeQualifier: '2',
          lastNameOrOrganizationName: 'SANDBOX PROVIDER',
          identificationCodeQualifier: 'XX',
          identificationCode: '1234567893',
        },
      },
    };
  }

  private echoTraces(inquiry: SandboxInquiry) {
    return inquiry.trace
      ? [{ typeCode: '2', referenceId: inquiry.trace.referenceId, originatingCompanyId: inquiry.trace.originatingCompanyId }]
      : [];
  }

  private rejected(base: Response271Spec, inquiry: SandboxInquiry, reasonCode: string, followUpAction: string): Response271Spec {
    return {
      ...base,
      subscriber: {
        traces: this.echoTraces(inquiry),
        name: {
          entityIdentifierCode: 'IL',
          entityTypeQualifier: '1',
          lastNameOrOrganizationName: inquiry.subscriber.lastName,
          firstName: inquiry.subscriber.firstName,
          identificationCodeQualifier: 'MI',
          identificationCode: inquiry.subscriber.memberId,
        },
        dateOfBirth: inquiry.subscriber.dateOfBirth,
        rejections: [{ validRequest: 'N', reasonCode, followUpAction }],
      },
    };
  }

  private answered(base: Response271Spec, inquiry: SandboxInquiry, member: SandboxMember): Response271Spec {
    const dates = member.coverageDates
      ? [
          { qualifier: '346', start: member.coverageDates.start },
          ...(member.coverageDates.end ? [{ qualifier: '347', start: member.coverageDates.end }] : []),
        ]
      : [];
    return {
      ...base,
      subscriber: {
        traces: [
          ...this.echoTraces(inquiry),
          { typeCode: '1', referenceId: `SBX${inquiry.submitterTransactionId}`.slice(0, 50), originatingCompanyId: '9SANDBOXCH' },
        ],
        name: {
          entityIdentifierCode: 'IL',
          entityTypeQualifier: '1',
          lastNameOrOrganizationName: member.lastName,
          firstName: member.firstName,
          identificationCodeQualifier: 'MI',
          identificationCode: member.memberId,
        },
        references: member.groupReference ? [member.groupReference] : [],
        dateOfBirth: member.dateOfBirth,
        gender: member.gender,
        dates,
        benefits: member.benefits,
      },
    };
  }
}
