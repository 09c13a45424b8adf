import { lex } from '@bvs/x12';

/** What the sandbox needs from a 270 to pick and answer a scenario. */
export interface SandboxInquiry {
  payerId: string;
  submitterTransactionId: string;
  trace?: { referenceId: string; originatingCompanyId?: string };
  subscriber: { memberId: string; lastName: string; firstName: string; dateOfBirth?: string };
  dependent?: { lastName: string; firstName: string; dateOfBirth?: string };
  serviceTypeCodes: string[];
}

export class InquiryError extends Error {}

/** Reads the fields of a 005010X279A1 270 the sandbox answers from (lenient, like a payer). */
export function readInquiry(x12: string): SandboxInquiry {
  const { segments, delimiters } = lex(x12);
  const st = segments.find((s) => s.id === 'ST');
  if (st?.elements[1] !== '270') throw new InquiryError('payload is not a 270');
  let payerId = '';
  let bht03 = '';
  let level = '';
  let trace: SandboxInquiry['trace'];
  const subscriber = { memberId: '', lastName: '', firstName: '', dateOfBirth: undefined as string | undefined };
  let dependent: SandboxInquiry['dependent'];
  const serviceTypeCodes: string[] = [];
  for (const segment of segments) {
    const e = segment.elements;
    switch (segment.id) {
      case 'BHT':
        bht03 = e[3] ?? '';
        break;
      case 'HL':
        level = e[3] ?? '';
        if (level === '23') dependent = { lastName: '', firstName: '' };
        break;
      case 'NM1':
        if (e[1] === 'PR') payerId = e[9] ?? '';
        if (e[1] === 'IL') Object.assign(subscriber, { lastName: e[3] ?? '', firstName: e[4] ?? '', memberId: e[9] ?? '' });
        if (e[1] === '03' && dependent) Object.assign(dependent, { lastName: e[3] ?? '', firstName: e[4] ?? '' });
        break;
      case 'TRN':
        if (level === '22' || level === '23') trace = { referenceId: e[2] ?? '', originatingCompanyId: e[3] };
        break;
      case 'DMG': {
        const dob = toIsoDate(e[2] ?? '');
        if (level === '23' && dependent) dependent.dateOfBirth = dob;
        else subscriber.dateOfBirth = dob;
        break;
      }
      case 'EQ':
        serviceTypeCodes.push(...(e[1] ?? '').split(delimiters.repetition).filter(Boolean));
        break;
      default:
        break;
    }
  }
  if (!payerId || !subscriber.memberId) throw new InquiryError('270 lacks the payer id or the member id');
  return { payerId, submitterTransactionId: bht03, trace, subscriber, dependent, serviceTypeCodes };
}

function toIsoDate(ccyymmdd: string): string | undefined {
  return /^\d{8}$/.test(ccyymmdd) ? `${ccyymmdd.slice(0, 4)}-${ccyymmdd.slice(4, 6)}-${ccyymmdd.slice(6, 8)}` : undefined;
}
