// 271 reader: walks one ST..SE set with a small state machine keyed on HL03 and on the open EB.
// Segments it does not model are kept in unknownSegments rather than dropped.
import { readEnvelopes, el, type TransactionSet } from './envelope';
import { X12Error } from './errors';
import { lex } from './lexer';
import type {
  Address,
  BenefitRelatedEntity,
  Delimiters,
  DependentLoop,
  EligibilityBenefit,
  EligibilityResponse,
  MemberDetail,
  Rejection,
  Segment,
  SubscriberLoop,
  X12Warning,
} from './model';
import {
  additionalInformation,
  applyN3,
  applyN4,
  canonicalEb,
  contact,
  dateReference,
  delivery,
  entityName,
  isoDate,
  procedure,
  provider,
  put,
  reference,
  rejection,
  repeats,
  trace,
} from './segments';

export interface Parse271Options {
  /** Throw on count/control-number mismatches, bad dates and malformed ISA instead of warning. */
  strict?: boolean;
}

type Level = 'none' | 'source' | 'receiver' | 'subscriber' | 'dependent' | 'other';

function emptyMember(): MemberDetail {
  return { references: [], dates: [], rejections: [] };
}

function newBenefit(seg: Segment, d: Delimiters): EligibilityBenefit {
  const eb13 = el(seg, 13);
  const component = ebComponent(eb13, d);
  const b: EligibilityBenefit = {
    informationCode: el(seg, 1),
    serviceTypeCodes: repeats(el(seg, 3), d),
    deliveries: [],
    references: [],
    dates: [],
    rejections: [],
    messages: [],
    additionalInformation: [],
    relatedEntities: [],
    source: canonicalEb(seg, d, component),
    position: { segmentIndex: seg.index },
  };
  if (el(seg, 2)) b.coverageLevelCode = el(seg, 2);
  if (el(seg, 4)) b.insuranceTypeCode = el(seg, 4);
  if (el(seg, 5)) b.planCoverageDescription = el(seg, 5);
  if (el(seg, 6)) b.timePeriodQualifier = el(seg, 6);
  if (el(seg, 7)) b.monetaryAmount = el(seg, 7);
  if (el(seg, 8)) b.percent = el(seg, 8);
  if (el(seg, 9)) b.quantityQualifier = el(seg, 9);
  if (el(seg, 10)) b.quantity = el(seg, 10);
  if (el(seg, 11)) b.authorizationRequired = el(seg, 11);
  if (el(seg, 12)) b.inPlanNetwork = el(seg, 12);
  const proc = procedure(eb13, component);
  if (proc) b.procedure = proc;
  return b;
}

/**
 * Some senders declare one ISA16 and use another inside EB13 (HETS "HC|G0403" with ISA16 ':').
 * When the declared separator is absent and a qualifier is followed by a usual separator, use it.
 */
export function ebComponent(eb13: string, d: Delimiters): string {
  if (eb13 === '' || eb13.includes(d.component)) return d.component;
  const c = eb13[2];
  return eb13.length > 3 && (c === '|' || c === ':' || c === '>' || c === '^') && /^[A-Z0-9]{2}$/.test(eb13.slice(0, 2)) ? c : d.component;
}

/** BHT04 (CCYYMMDD) + BHT05 (HHMM[SS[D..]]) -> ISO; date only when the time is unusable. */
function bhtDateTime(date: string, time: string): string | undefined {
  const day = isoDate(date);
  if (!day) return undefined;
  if (time.length < 4) return day;
  const hh = +time.slice(0, 2);
  const mm = +time.slice(2, 4);
  const ss = time.length >= 6 ? +time.slice(4, 6) : 0;
  if (!(hh < 24 && mm < 60 && ss < 60) || Number.isNaN(hh + mm + ss)) return day;
  return `${day}T${time.slice(0, 2)}:${time.slice(2, 4)}:${time.length >= 6 ? time.slice(4, 6) : '00'}`;
}

class Reader271 {
  readonly response: EligibilityResponse;
  private level: Level = 'none';
  private nameSeen = false;
  private subscriber: SubscriberLoop | undefined;
  private member: MemberDetail | undefined;
  private benefits: EligibilityBenefit[] | undefined;
  private benefit: EligibilityBenefit | undefined;
  private entity: BenefitRelatedEntity | undefined;
  private inLoop2120 = false;
  private readonly subscribersByHl = new Map<string, SubscriberLoop>();

  constructor(
    private readonly tx: TransactionSet,
    private readonly d: Delimiters,
    private readonly strict: boolean,
  ) {
    this.response = {
      format: 'x12',
      source: { contacts: [], rejections: [] },
      subscribers: [],
      unknownSegments: [],
      warnings: tx.warnings,
    };
    put(this.response, 'transactionSetControlNumber', tx.controlNumber);
    put(this.response, 'interchangeControlNumber', el(tx.interchange, 13).trim());
    if (tx.implementationReference) this.response.implementationReference = tx.implementationReference;
  }

  private warn(w: X12Warning): void {
    this.response.warnings.push(w);
  }

  private unknown(seg: Segment, why?: string): void {
    this.response.unknownSegments.push(seg);
    if (why) this.warn({ code: 'UNEXPECTED_SEGMENT', message: why, segmentIndex: seg.index, elementPosition: 0 });
  }

  run(): EligibilityResponse {
    const segs = this.tx.segments;
    for (let i = 0; i < segs.length; i++) this.segment(segs[i]);
    return this.response;
  }

  private segment(seg: Segment): void {
    switch (seg.id) {
      case 'ST':
      case 'SE':
        return;
      case 'BHT':
        if (el(seg, 3)) this.response.submitterTransactionId = el(seg, 3);
        put(this.response, 'createdAt', bhtDateTime(el(seg, 4), el(seg, 5)) ?? '');
        return;
      case 'HL':
        return this.hl(seg);
      case 'EB':
        return this.eb(seg);
    }
    if (this.benefit && this.benefitSegment(seg, this.benefit)) return;
    this.levelSegment(seg);
  }

  private hl(seg: Segment): void {
    this.closeBenefit();
    this.nameSeen = false;
    const code = el(seg, 3);
    switch (code) {
      case '20':
        this.level = 'source';
        break;
      case '21':
        this.level = 'receiver';
        this.response.receiver ??= { references: [], rejections: [] };
        break;
      case '22': {
        this.level = 'subscriber';
        const sub: SubscriberLoop = { traces: [], member: emptyMember(), benefits: [], dependents: [] };
        this.response.subscribers.push(sub);
        this.subscriber = sub;
        this.subscribersByHl.set(el(seg, 1), sub);
        this.member = sub.member;
        this.benefits = sub.benefits;
        break;
      }
      case '23': {
        this.level = 'dependent';
        let parent = this.subscribersByHl.get(el(seg, 2)) ?? this.subscriber;
        if (!parent) {
          if (this.strict) throw new X12Error('INVALID_HIERARCHY', 'dependent HL without a subscriber HL', seg.index, 2);
          this.warn({ code: 'INVALID_HIERARCHY', message: 'dependent HL without a subscriber HL', segmentIndex: seg.index, elementPosition: 2 });
          parent = this.implicitSubscriber();
        }
        const dep: DependentLoop = { traces: [], member: emptyMember(), benefits: [] };
        parent.dependents.push(dep);
        this.member = dep.member;
        this.benefits = dep.benefits;
        this.depTraces = dep.traces;
        break;
      }
      default:
        if (this.strict) throw new X12Error('INVALID_CODE', `unknown HL03 ${JSON.stringify(code)}`, seg.index, 3);
        this.level = 'other';
        this.unknown(seg, `unknown HL03 ${JSON.stringify(code)}`);
    }
  }

  private depTraces: DependentLoop['traces'] | undefined;

  /** Benefits sent with no subscriber loop (hand-made fixtures) still need a home. */
  private implicitSubscriber(): SubscriberLoop {
    const sub: SubscriberLoop = { traces: [], member: emptyMember(), benefits: [], dependents: [] };
    this.response.subscribers.push(sub);
    this.subscriber = sub;
    return sub;
  }

  private eb(seg: Segment): void {
    this.closeBenefit();
    if (this.level !== 'subscriber' && this.level !== 'dependent') {
      this.warn({ code: 'BENEFIT_OUTSIDE_MEMBER_LOOP', message: 'EB outside a subscriber/dependent loop; attached to an implicit subscriber', segmentIndex: seg.index, elementPosition: 0 });
      const sub = this.subscriber ?? this.implicitSubscriber();
      this.level = 'subscriber';
      this.member = sub.member;
      this.benefits = sub.benefits;
    }
    const b = newBenefit(seg, this.d);
    (this.benefits as EligibilityBenefit[]).push(b);
    this.benefit = b;
  }

  private closeBenefit(): void {
    this.benefit = undefined;
    this.entity = undefined;
    this.inLoop2120 = false;
  }

  /** Segments that belong to the open 2110 loop (and its 2115/2120 children). */
  private benefitSegment(seg: Segment, b: EligibilityBenefit): boolean {
    switch (seg.id) {
      case 'LS':
        this.inLoop2120 = true;
        this.entity = undefined;
        return true;
      case 'LE':
        this.inLoop2120 = false;
        this.entity = undefined;
        return true;
      case 'NM1': {
        if (!this.inLoop2120) {
          this.warn({ code: 'NM1_WITHOUT_LS', message: 'NM1 after EB without LS/LE; kept as a related entity', segmentIndex: seg.index, elementPosition: 0 });
        }
        const entity: BenefitRelatedEntity = { name: entityName(seg), contacts: [] };
        b.relatedEntities.push(entity);
        this.entity = entity;
        return true;
      }
      case 'N3':
      case 'N4':
        if (!this.entity) return false;
        this.entity.address ??= {};
        if (seg.id === 'N3') applyN3(this.entity.address, seg);
        else applyN4(this.entity.address, seg);
        return true;
      case 'PER':
        if (!this.entity) return false;
        this.entity.contacts.push(contact(seg));
        return true;
      case 'PRV':
        if (!this.entity) return false;
        this.entity.provider = provider(seg);
        return true;
      case 'HSD':
        b.deliveries.push(delivery(seg));
        return true;
      case 'REF':
        b.references.push(reference(seg));
        return true;
      case 'DTP': {
        const dt = this.date(seg);
        if (dt) b.dates.push(dt);
        return true;
      }
      case 'AAA':
        b.rejections.push(rejection(seg, this.level === 'dependent' ? '2110D' : '2110C'));
        return true;
      case 'MSG':
        b.messages.push(el(seg, 1));
        return true;
      case 'III':
        b.additionalInformation.push(additionalInformation(seg));
        return true;
      default:
        return false;
    }
  }

  private date(seg: Segment) {
    const dt = dateReference(seg);
    if (!dt) {
      if (this.strict) throw new X12Error('INVALID_DATE', `DTP03 ${JSON.stringify(el(seg, 3).slice(0, 20))} is not a valid ${el(seg, 2) || 'date'}`, seg.index, 3);
      this.warn({ code: 'INVALID_DATE', message: 'DTP03 is not a valid date; kept raw', segmentIndex: seg.index, elementPosition: 3 });
      return { qualifier: el(seg, 1), start: '', raw: el(seg, 3) };
    }
    return dt;
  }

  private levelSegment(seg: Segment): void {
    switch (this.level) {
      case 'source':
        return this.sourceSegment(seg);
      case 'receiver':
        return this.receiverSegment(seg);
      case 'subscriber':
      case 'dependent':
        return this.memberSegment(seg);
      default:
        return this.unknown(seg);
    }
  }

  private sourceSegment(seg: Segment): void {
    const src = this.response.source;
    switch (seg.id) {
      case 'NM1':
        src.name = entityName(seg);
        this.nameSeen = true;
        return;
      case 'PER':
        src.contacts.push(contact(seg));
        return;
      case 'AAA':
        src.rejections.push(rejection(seg, this.nameSeen ? '2100A' : '2000A'));
        return;
      default:
        this.unknown(seg);
    }
  }

  private receiverSegment(seg: Segment): void {
    const rcv = this.response.receiver ?? { references: [], rejections: [] };
    this.response.receiver = rcv;
    switch (seg.id) {
      case 'NM1':
        rcv.name = entityName(seg);
        return;
      case 'REF':
        rcv.references.push(reference(seg));
        return;
      case 'N3':
      case 'N4': {
        const a: Address = rcv.address ?? {};
        if (seg.id === 'N3') applyN3(a, seg);
        else applyN4(a, seg);
        rcv.address = a;
        return;
      }
      case 'PRV':
        rcv.provider = provider(seg);
        return;
      case 'AAA':
        rcv.rejections.push(rejection(seg, '2100B'));
        return;
      default:
        this.unknown(seg);
    }
  }

  private memberSegment(seg: Segment): void {
    const m = this.member as MemberDetail;
    const loop: Rejection['loop'] = this.level === 'dependent' ? '2100D' : '2100C';
    switch (seg.id) {
      case 'TRN': {
        const traces = this.level === 'dependent' ? this.depTraces : this.subscriber?.traces;
        traces?.push(trace(seg));
        return;
      }
      case 'NM1':
        m.name = entityName(seg);
        return;
      case 'REF':
        m.references.push(reference(seg));
        return;
      case 'N3':
      case 'N4':
        m.address ??= {};
        if (seg.id === 'N3') applyN3(m.address, seg);
        else applyN4(m.address, seg);
        return;
      case 'DMG': {
        const dob = el(seg, 2);
        if (dob !== '') {
          const iso = isoDate(dob);
          if (iso) m.dateOfBirth = iso;
          else if (this.strict) throw new X12Error('INVALID_DATE', 'DMG02 is not a valid CCYYMMDD date', seg.index, 2);
          else this.warn({ code: 'INVALID_DATE', message: 'DMG02 is not a valid date', segmentIndex: seg.index, elementPosition: 2 });
        }
        if (el(seg, 3)) m.gender = el(seg, 3);
        return;
      }
      case 'INS': {
        const ins1 = el(seg, 1);
        const ins2 = el(seg, 2);
        if (ins1 !== '') m.insuredIndicator = ins1;
        if (ins2 !== '') m.relationshipCode = ins2;
        return;
      }
      case 'DTP':
        m.dates.push(this.date(seg));
        return;
      case 'PRV':
        m.provider = provider(seg);
        return;
      case 'AAA':
        m.rejections.push(rejection(seg, loop));
        return;
      default:
        this.unknown(seg, seg.id === 'LS' || seg.id === 'LE' || seg.id === 'HSD' || seg.id === 'MSG' || seg.id === 'III' ? `${seg.id} without a preceding EB` : undefined);
    }
  }
}

/** Parses every 271 transaction set in an interchange. A 270 (or any other set) throws NOT_271. */
export function parse271(text: string, options: Parse271Options = {}): EligibilityResponse[] {
  if (typeof text !== 'string') throw new X12Error('EMPTY_INPUT', 'input must be a string');
  const strict = options.strict === true;
  const { delimiters, segments, warnings } = lex(text, { strict });
  const sets = readEnvelopes(segments, { strict });
  for (const tx of sets) {
    if (tx.type !== '271') {
      throw new X12Error('NOT_271', `transaction set ${JSON.stringify(tx.type.slice(0, 6))} is not a 271`, tx.segments[0].index, 1);
    }
  }
  return sets.map((tx) => {
    if (warnings.length > 0) tx.warnings.unshift(...warnings);
    return new Reader271(tx, delimiters, strict).run();
  });
}
