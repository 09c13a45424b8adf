// 270 reader: enough to verify what build270 wrote (round trip) and to read inbound corpus 270s.
import { readEnvelopes, el, transactionSegments } from './envelope';
import { X12Error } from './errors';
import { scan } from './lexer';
import type { EntityName, ProcedureIdentifier, Trace, X12Warning } from './model';
import { dateReference, entityName, isoDate, procedure, put, repeats, trace } from './segments';

export interface InquiryPerson270 {
  name?: EntityName;
  memberId?: string;
  groupNumber?: string;
  dateOfBirth?: string;
  gender?: string;
}

export interface Inquiry270 {
  transactionSetControlNumber: string;
  interchangeControlNumber?: string;
  implementationReference?: string;
  submitterId?: string; // ISA06 trimmed
  receiverId?: string; // ISA08 trimmed
  referenceId?: string; // BHT03
  payer?: EntityName;
  provider?: EntityName;
  subscriber?: InquiryPerson270;
  dependent?: InquiryPerson270;
  traces: Trace[];
  serviceTypeCodes: string[];
  procedures: ProcedureIdentifier[];
  dateOfService?: string; // DTP*291 start (YYYY-MM-DD)
  dateOfServiceEnd?: string;
  warnings: X12Warning[];
}

const ENTITY_TYPES = new Set(['1', '2']);

/** Parses every 270 transaction set; anything else throws NOT_270. */
export function parse270(text: string, options: { strict?: boolean } = {}): Inquiry270[] {
  const strict = options.strict === true;
  const sc = scan(text, { strict });
  const { delimiters, warnings } = sc;
  const sets = readEnvelopes(sc, { strict });
  // Materialise every set before mapping: the scan tables are reused by the next scan.
  const segmentsOf = sets.map((tx) => transactionSegments(sc, tx));
  const isa = sc.segment(0);
  const interchanges = sets.map((tx) => (tx.interchange === 0 ? isa : sc.segment(tx.interchange)));
  return sets.map((tx, t) => {
    if (tx.type !== '270')
      throw new X12Error('NOT_270', `transaction set ${JSON.stringify(tx.type.slice(0, 6))} is not a 270`, tx.first, 1);
    const interchange = interchanges[t];
    const q: Inquiry270 = {
      transactionSetControlNumber: tx.controlNumber,
      traces: [],
      serviceTypeCodes: [],
      procedures: [],
      warnings: [...warnings, ...tx.warnings],
    };
    put(q, 'interchangeControlNumber', el(interchange, 13).trim());
    put(q, 'submitterId', el(interchange, 6).trim());
    put(q, 'receiverId', el(interchange, 8).trim());
    if (tx.implementationReference) q.implementationReference = tx.implementationReference;
    let level = '';
    let person: InquiryPerson270 | undefined;
    for (const seg of segmentsOf[t]) {
      switch (seg.id) {
        case 'BHT':
          if (el(seg, 3)) q.referenceId = el(seg, 3);
          break;
        case 'HL':
          level = el(seg, 3);
          if (level === '22') person = q.subscriber = {};
          else if (level === '23') person = q.dependent = {};
          else person = undefined;
          break;
        case 'NM1': {
          const t = el(seg, 2);
          if (!ENTITY_TYPES.has(t)) {
            const msg = `NM102 ${JSON.stringify(t.slice(0, 5))} is not 1 (person) or 2 (non-person)`;
            if (strict) throw new X12Error('INVALID_CODE', msg, seg.index, 2);
            q.warnings.push({ code: 'INVALID_CODE', message: msg, segmentIndex: seg.index, elementPosition: 2 });
          }
          const n = entityName(seg);
          if (level === '20') q.payer = n;
          else if (level === '21') q.provider = n;
          else if (person) {
            person.name = n;
            if (n.identificationCode) person.memberId = n.identificationCode;
          }
          break;
        }
        case 'REF':
          if (person && el(seg, 1) === '6P') person.groupNumber = el(seg, 2);
          break;
        case 'DMG':
          if (person) {
            const dob = isoDate(el(seg, 2));
            if (dob) person.dateOfBirth = dob;
            if (el(seg, 3)) person.gender = el(seg, 3);
          }
          break;
        case 'TRN':
          q.traces.push(trace(seg));
          break;
        case 'DTP': {
          const d = dateReference(seg);
          if (d && (el(seg, 1) === '291' || el(seg, 1) === '307' || el(seg, 1) === '472')) {
            q.dateOfService = d.start;
            if (d.end) q.dateOfServiceEnd = d.end;
          }
          break;
        }
        case 'EQ': {
          q.serviceTypeCodes.push(...repeats(el(seg, 1), delimiters));
          const p = procedure(el(seg, 2), delimiters.component);
          if (p) q.procedures.push(p);
          break;
        }
      }
    }
    return q;
  });
}
