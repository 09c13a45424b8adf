// 271 reader: walks one ST..SE set with a small state machine keyed on HL03 and on the open EB.
// Segments it does not model are kept in unknownSegments rather than dropped.
//
// Hot path: the reader works on segment indexes of an X12Scan (offsets into the input), switches
// on packed segment ids, and slices only the elements it stores in the model.
import { isEnvelopeId, readEnvelopes, type TransactionSet } from './envelope';
import { X12Error } from './errors';
import { scan, sliceText, type X12Scan } from './lexer';
import type {
  AdditionalInformation,
  Address,
  BenefitRelatedEntity,
  Contact,
  DateReference,
  Delimiters,
  DependentLoop,
  EligibilityBenefit,
  EligibilityResponse,
  EntityName,
  HealthCareServicesDelivery,
  InformationReceiver,
  InformationSource,
  MemberDetail,
  ProcedureIdentifier,
  ProviderInformation,
  Reference,
  Rejection,
  SubscriberLoop,
  Trace,
  X12Warning,
} from './model';
import { computeIsoDate, isoDate, procedure } from './segments';

export interface Parse271Options {
  /** Throw on count/control-number mismatches, bad dates and malformed ISA instead of warning. */
  strict?: boolean;
}

// Level of the current HL loop.
const NONE = 0;
const SOURCE = 1;
const RECEIVER = 2;
const SUBSCRIBER = 3;
const DEPENDENT = 4;
const OTHER = 5;

// Packed segment ids (lexer.segmentIdCode) used in the switches below:
// ST 0x5354  SE 0x5345  BHT 0x1424854  HL 0x484c  EB 0x4542  LS 0x4c53  LE 0x4c45
// NM1 0x14e4d31  N3 0x4e33  N4 0x4e34  PER 0x1504552  PRV 0x1505256  HSD 0x1485344
// REF 0x1524546  DTP 0x1445450  AAA 0x1414141  MSG 0x14d5347  III 0x1494949
// TRN 0x154524e  DMG 0x1444d47  INS 0x1494e53

// ---------------------------------------------------------------------------------------------
// Allocation helpers. Everything returned stays a plain object or array (prototype
// Object.prototype / Array.prototype, keys in the same order as before). No undefined-valued keys,
// except a benefit's optional EB fields (BenefitObject): present on every benefit, undefined when
// the EB does not state them.

/**
 * Constructor whose instances are plain objects: `prototype` is Object.prototype, so an instance
 * is indistinguishable from an object literal (same prototype, `constructor === Object`, same keys
 * in the same order). The point is V8's in-object slack: objects made by `new` get room for the
 * fields the body assigns plus about 8 more inside the object, so the optional fields added
 * afterwards (EB02..EB13, BHT03, NM103..NM109, ...) do not allocate and grow a separate property
 * store. Object literals only get room for the keys they spell out.
 */
interface PlainCtor<T, A extends unknown[]> {
  new (...args: A): T;
  prototype: object;
}

function plainObjects<T, A extends unknown[]>(init: (this: T, ...args: A) => void): PlainCtor<T, A> {
  const ctor = init as unknown as PlainCtor<T, A>;
  ctor.prototype = Object.prototype;
  return ctor;
}

const ResponseObject = plainObjects(function (this: EligibilityResponse, source: InformationSource, warnings: X12Warning[]) {
  this.format = 'x12';
  this.source = source;
  this.subscribers = [];
  this.unknownSegments = [];
  this.warnings = warnings;
});

const EntityNameObject = plainObjects(function (this: EntityName, entityIdentifierCode: string) {
  this.entityIdentifierCode = entityIdentifierCode;
});

const MemberObject = plainObjects(function (this: MemberDetail) {
  this.references = [];
  this.dates = [];
  this.rejections = [];
});

// eslint-disable-next-line @typescript-eslint/no-empty-function -- an address starts with no fields; the constructor only fixes the object shape
const AddressObject = plainObjects(function (this: Address) {});

const BenefitObject = plainObjects(function (
  this: EligibilityBenefit,
  informationCode: string,
  serviceTypeCodes: string[],
  source: string,
  segmentIndex: number,
) {
  this.informationCode = informationCode;
  this.serviceTypeCodes = serviceTypeCodes;
  this.deliveries = [];
  this.references = [];
  this.dates = [];
  this.rejections = [];
  this.messages = [];
  this.additionalInformation = [];
  this.relatedEntities = [];
  this.source = source;
  this.position = { segmentIndex };
  // Every optional EB field from the start, undefined until the EB states it (newBenefit sets them
  // in this order): one object shape for every benefit, whatever it states, so the reader's and
  // the normalizer's reads and writes of benefits stay monomorphic (issue 19). JSON leaves the
  // undefined fields out: the serialized model and the order of its keys are unchanged.
  this.coverageLevelCode = undefined;
  this.insuranceTypeCode = undefined;
  this.planCoverageDescription = undefined;
  this.timePeriodQualifier = undefined;
  this.monetaryAmount = undefined;
  this.percent = undefined;
  this.quantityQualifier = undefined;
  this.quantity = undefined;
  this.authorizationRequired = undefined;
  this.inPlanNetwork = undefined;
  this.procedure = undefined;
});

/**
 * `arr` with `v` appended. V8 gives an empty array a 17-slot store on its first push; model arrays
 * mostly hold one or two entries, so the first two appends make an exact-size array instead. The
 * caller stores the result back into the (unshared) field it read `arr` from.
 */
function append<T>(arr: T[], v: T): T[] {
  switch (arr.length) {
    case 0:
      return [v];
    case 1:
      return [arr[0], v];
    default:
      arr.push(v);
      return arr;
  }
}

// ---------------------------------------------------------------------------------------------
// Segment mappers over scan offsets (same shapes as the Segment-based ones in segments.ts).

function entityNameAt(sc: X12Scan, s: number): EntityName {
  let v: string;
  // NM1 is the most common segment with the most elements read: read them by slot, stopping at
  // the segment's end (an NM1 often ends at NM103).
  const size = sc.size(s);
  const k = sc.slot(s);
  const n: EntityName = new EntityNameObject(size > 1 ? sc.slotStr(k + 1) : '');
  if (size <= 2) return n;
  if ((v = sc.slotStr(k + 2)) !== '') n.entityTypeQualifier = v;
  if (size <= 3) return n;
  if ((v = sc.slotStr(k + 3)) !== '') n.lastNameOrOrganizationName = v;
  if (size <= 4) return n;
  if ((v = sc.slotStr(k + 4)) !== '') n.firstName = v;
  if (size <= 5) return n;
  if ((v = sc.slotStr(k + 5)) !== '') n.middleName = v;
  if (size <= 7) return n;
  if ((v = sc.slotStr(k + 7)) !== '') n.suffix = v;
  if (size <= 8) return n;
  if ((v = sc.slotStr(k + 8)) !== '') n.identificationCodeQualifier = v;
  if (size <= 9) return n;
  if ((v = sc.slotStr(k + 9)) !== '') n.identificationCode = v;
  return n;
}

function applyN3At(a: Address, sc: X12Scan, s: number): void {
  let v: string;
  if ((v = sc.str(s, 1)) !== '') a.line1 = v;
  if ((v = sc.str(s, 2)) !== '') a.line2 = v;
}

function applyN4At(a: Address, sc: X12Scan, s: number): void {
  let v: string;
  if ((v = sc.str(s, 1)) !== '') a.city = v;
  if ((v = sc.str(s, 2)) !== '') a.state = v;
  if ((v = sc.str(s, 3)) !== '') a.postalCode = v;
}

function contactAt(sc: X12Scan, s: number): Contact {
  const size = sc.size(s);
  const k = sc.slot(s);
  const functionCode = size > 1 ? sc.slotStr(k + 1) : '';
  const name = size > 2 ? sc.slotStr(k + 2) : '';
  // PER03..PER08: (qualifier, number) pairs; usually one to three, so build the array exactly.
  let communications: Contact['communications'] = [];
  for (let i = 3; i < size; i += 2) {
    const qualifier = sc.slotStr(k + i);
    const number = i + 1 < size ? sc.slotStr(k + i + 1) : '';
    if (qualifier !== '' || number !== '') communications = append(communications, { qualifier, number });
  }
  return name === '' ? { functionCode, communications } : { functionCode, communications, name };
}

function referenceAt(sc: X12Scan, s: number): Reference {
  const qualifier = sc.str(s, 1);
  const value = sc.str(s, 2);
  const description = sc.str(s, 3);
  return description === '' ? { qualifier, value } : { qualifier, value, description };
}

function providerAt(sc: X12Scan, s: number): ProviderInformation {
  let v: string;
  const p: ProviderInformation = {};
  if ((v = sc.str(s, 1)) !== '') p.providerCode = v;
  if ((v = sc.str(s, 2)) !== '') p.referenceQualifier = v;
  if ((v = sc.str(s, 3)) !== '') p.reference = v;
  return p;
}

function traceAt(sc: X12Scan, s: number): Trace {
  const typeCode = sc.str(s, 1);
  const referenceId = sc.str(s, 2);
  const originatingCompanyId = sc.str(s, 3);
  const supplementalId = sc.str(s, 4);
  if (supplementalId === '')
    return originatingCompanyId === '' ? { typeCode, referenceId } : { typeCode, referenceId, originatingCompanyId };
  return originatingCompanyId === ''
    ? { typeCode, referenceId, supplementalId }
    : { typeCode, referenceId, originatingCompanyId, supplementalId };
}

function rejectionAt(sc: X12Scan, s: number, loop: Rejection['loop']): Rejection {
  const validRequest = sc.str(s, 1);
  const reasonCode = sc.str(s, 3);
  const followUpAction = sc.str(s, 4);
  return followUpAction === '' ? { loop, validRequest, reasonCode } : { loop, validRequest, reasonCode, followUpAction };
}

function deliveryAt(sc: X12Scan, s: number): HealthCareServicesDelivery {
  let v: string;
  const h: HealthCareServicesDelivery = {};
  if ((v = sc.str(s, 1)) !== '') h.quantityQualifier = v;
  if ((v = sc.str(s, 2)) !== '') h.quantity = v;
  if ((v = sc.str(s, 3)) !== '') h.unitOrBasis = v;
  if ((v = sc.str(s, 4)) !== '') h.sampleSelectionModulus = v;
  if ((v = sc.str(s, 5)) !== '') h.timePeriodQualifier = v;
  if ((v = sc.str(s, 6)) !== '') h.periodCount = v;
  if ((v = sc.str(s, 7)) !== '') h.deliveryFrequency = v;
  if ((v = sc.str(s, 8)) !== '') h.deliveryPatternTime = v;
  return h;
}

function additionalInformationAt(sc: X12Scan, s: number): AdditionalInformation {
  let v: string;
  const a: AdditionalInformation = {};
  if ((v = sc.str(s, 1)) !== '') a.codeListQualifier = v;
  if ((v = sc.str(s, 2)) !== '') a.industryCode = v;
  if ((v = sc.str(s, 3)) !== '') a.categoryCode = v;
  if ((v = sc.str(s, 4)) !== '') a.freeText = v;
  return a;
}

// One-entry memo of the last DTP02/DTP03 pair read: batches repeat plan and eligibility dates,
// so the input is compared in place and the raw and ISO strings are shared (each call still
// returns a new DateReference).
let lastDtpFormat = '';
let lastDtpRaw = '';
let lastDtpValid = false;
let lastDtpStart = '';
let lastDtpEnd: string | undefined;

/** DTP -> DateReference; undefined (caller warns) when DTP03 is not a valid D8/RD8/DT. */
function dateReferenceAt(sc: X12Scan, s: number): DateReference | undefined {
  const qualifier = sc.str(s, 1);
  if (lastDtpRaw !== '' && sc.equals(s, 3, lastDtpRaw) && sc.equals(s, 2, lastDtpFormat)) {
    if (!lastDtpValid) return undefined;
    const end = lastDtpEnd;
    return end === undefined
      ? { qualifier, start: lastDtpStart, raw: lastDtpRaw }
      : { qualifier, start: lastDtpStart, end, raw: lastDtpRaw };
  }
  const dt = computeDateReference(sc, s, qualifier);
  lastDtpFormat = sc.str(s, 2);
  lastDtpRaw = dt ? dt.raw : sc.str(s, 3);
  lastDtpValid = dt !== undefined;
  lastDtpStart = dt ? dt.start : '';
  lastDtpEnd = dt?.end;
  return dt;
}

function computeDateReference(sc: X12Scan, s: number, qualifier: string): DateReference | undefined {
  const raw = sc.str(s, 3);
  // DTP02 is D8, RD8, DT or empty; compare it in place.
  const isRd8 = sc.equals(s, 2, 'RD8');
  if (isRd8 || (!sc.has(s, 2) && raw.length === 17)) {
    const dash = raw.indexOf('-');
    if (dash !== 8) return undefined;
    const start = isoDate(raw.slice(0, 8));
    const end = isoDate(raw.slice(9));
    if (!start || !end) return undefined;
    return { qualifier, start, end, raw };
  }
  if (raw.length >= 8 && sc.equals(s, 2, 'DT')) {
    const start = isoDate(raw.length === 8 ? raw : raw.slice(0, 8));
    return start ? { qualifier, start, raw } : undefined;
  }
  const start = isoDate(raw);
  return start ? { qualifier, start, raw } : undefined;
}

function isUpperOrDigit(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
}

/**
 * Some senders declare one ISA16 and use another inside EB13 (HETS "HC|G0403" with ISA16 ':').
 * When the declared separator is absent and a qualifier is followed by a usual separator, use it.
 */
export function ebComponent(eb13: string, d: Delimiters): string {
  if (eb13 === '' || eb13.includes(d.component)) return d.component;
  const c = eb13.charCodeAt(2);
  return eb13.length > 3 &&
    (c === 124 || c === 58 || c === 62 || c === 94) &&
    isUpperOrDigit(eb13.charCodeAt(0)) &&
    isUpperOrDigit(eb13.charCodeAt(1))
    ? eb13[2]
    : d.component;
}

// One-entry memo of the last EB03 that held several repeats: batches send the same service type
// list in every set ("30^1^35^47^48^50^86^88^AL^MH"). The memo is the EB03 of an earlier segment
// of the same scan, compared in place text to text (the memo is only of use within a batch, and a
// string key sliced from the input is a sliced string, slow to read); the codes are copied out,
// so every benefit still owns its array.
let lastEb03Scan: X12Scan | undefined;
let lastEb03Segment = 0;
let lastEb03Codes: string[] = [];

/** EB03 split on the repetition separator, empty repeats dropped (segments.repeats). */
function serviceTypes(sc: X12Scan, s: number, d: Delimiters): string[] {
  if (!sc.has(s, 3)) return [];
  const text = sc.text;
  const start = sc.elementStart(s, 3);
  const end = sc.elementEnd(s, 3);
  const repetition = d.repetition;
  if (repetition === '') return [sliceText(text, start, end)];
  const rep = repetition.charCodeAt(0);
  let p = sc.find(s, 3, rep);
  if (p < 0) return [sliceText(text, start, end)]; // one code: the usual case
  if (lastEb03Scan === sc && sc.same(s, 3, lastEb03Segment, 3)) return lastEb03Codes.slice();
  const out: string[] = [];
  let from = start;
  for (; p < end; p++) {
    if (text.charCodeAt(p) === rep) {
      if (p > from) out.push(sliceText(text, from, p));
      from = p + 1;
    }
  }
  if (end > from) out.push(sliceText(text, from, end));
  lastEb03Scan = sc;
  lastEb03Segment = s;
  lastEb03Codes = out.slice();
  return out;
}

/** True when element i of segment s contains the character `ch`. */
function elementHas(sc: X12Scan, s: number, i: number, ch: string): boolean {
  return sc.find(s, i, ch.charCodeAt(0)) >= 0;
}

// One-entry memo of the last EB03 rewritten to `^` repetitions (stupidedi sends `>`).
let lastRepRaw = '';
let lastRepSeparator = '';
let lastRepCanonical = '';

/**
 * The EB as text with canonical separators (* ^ :), trailing empty elements trimmed. When the
 * input already uses `*`, that is a slice of the input, with EB03 / EB13 / EB14 rewritten only
 * when they contain another repetition / component separator; other element separators make
 * it re-serialised element by element.
 */
function ebSource(sc: X12Scan, s: number, d: Delimiters, component: string): string {
  const text = sc.text;
  if (d.element === '*') {
    const start = sc.elementStart(s, 0);
    let end = sc.segmentEnd(s);
    while (end > start + 2 && text.charCodeAt(end - 1) === 42) end--; // trailing empty elements
    const rep = d.repetition;
    const fixRep = rep !== '' && rep !== '^' && elementHas(sc, s, 3, rep);
    const fix13 = component !== ':' && elementHas(sc, s, 13, component);
    const fix14 = component !== ':' && elementHas(sc, s, 14, component);
    if (!fixRep && !fix13 && !fix14) return text.slice(start, end);
    // Rewritten elements are non-empty, so they lie before the trimmed end.
    let out = '';
    let from = start;
    if (fixRep) {
      if (!(lastRepSeparator === rep && sc.equals(s, 3, lastRepRaw))) {
        lastRepRaw = sc.str(s, 3);
        lastRepSeparator = rep;
        lastRepCanonical = lastRepRaw.split(rep).join('^');
      }
      out = text.slice(from, sc.elementStart(s, 3)) + lastRepCanonical;
      from = sc.elementEnd(s, 3);
    }
    if (fix13) {
      out += text.slice(from, sc.elementStart(s, 13)) + sc.str(s, 13).split(component).join(':');
      from = sc.elementEnd(s, 13);
    }
    if (fix14) {
      out += text.slice(from, sc.elementStart(s, 14)) + sc.str(s, 14).split(component).join(':');
      from = sc.elementEnd(s, 14);
    }
    return out + text.slice(from, end);
  }
  let last = sc.size(s) - 1;
  while (last > 0 && !sc.has(s, last)) last--;
  let out = sc.str(s, 0);
  for (let i = 1; i <= last; i++) {
    let v = sc.str(s, i);
    if (i === 3 && d.repetition !== '' && d.repetition !== '^') v = v.split(d.repetition).join('^');
    else if ((i === 13 || i === 14) && component !== ':') v = v.split(component).join(':');
    out += '*' + v;
  }
  return out;
}

function newBenefit(sc: X12Scan, s: number, d: Delimiters): EligibilityBenefit {
  let v: string;
  const eb13 = sc.has(s, 13) ? sc.str(s, 13) : '';
  const component = eb13 === '' ? d.component : ebComponent(eb13, d);
  const b: EligibilityBenefit = new BenefitObject(sc.str(s, 1), serviceTypes(sc, s, d), ebSource(sc, s, d, component), s);
  const size = sc.size(s);
  if (size > 2) {
    if ((v = sc.str(s, 2)) !== '') b.coverageLevelCode = v;
    if ((v = sc.str(s, 4)) !== '') b.insuranceTypeCode = v;
    if ((v = sc.str(s, 5)) !== '') b.planCoverageDescription = v;
  }
  // EB06..EB12 are absent on most EBs (which end at EB05): skip them without a read each.
  if (size > 6) {
    if ((v = sc.str(s, 6)) !== '') b.timePeriodQualifier = v;
    if ((v = sc.str(s, 7)) !== '') b.monetaryAmount = v;
    if ((v = sc.str(s, 8)) !== '') b.percent = v;
    if ((v = sc.str(s, 9)) !== '') b.quantityQualifier = v;
    if ((v = sc.str(s, 10)) !== '') b.quantity = v;
    if ((v = sc.str(s, 11)) !== '') b.authorizationRequired = v;
    if ((v = sc.str(s, 12)) !== '') b.inPlanNetwork = v;
  }
  const proc: ProcedureIdentifier | undefined = eb13 === '' ? undefined : procedure(eb13, component);
  if (proc) b.procedure = proc;
  return b;
}

// One-entry memo: a batch carries the same BHT04/BHT05 in every set.
let lastBhtDate = '';
let lastBhtTime = '';
let lastBhtIso: string | undefined;

/** BHT04 (CCYYMMDD) + BHT05 (HHMM[SS[D..]]) -> ISO; date only when the time is unusable. */
function bhtDateTime(date: string, time: string): string | undefined {
  if (date === lastBhtDate && time === lastBhtTime) return lastBhtIso;
  const iso = computeBhtDateTime(date, time);
  lastBhtDate = date;
  lastBhtTime = time;
  lastBhtIso = iso;
  return iso;
}

function computeBhtDateTime(date: string, time: string): string | undefined {
  const day = isoDate(date);
  if (!day) return undefined;
  if (time.length < 4) return day;
  const hh = +time.slice(0, 2);
  const mm = +time.slice(2, 4);
  const ss = time.length >= 6 ? +time.slice(4, 6) : 0;
  if (!(hh < 24 && mm < 60 && ss < 60) || Number.isNaN(hh + mm + ss)) return day;
  return day + 'T' + time.slice(0, 2) + ':' + time.slice(2, 4) + ':' + (time.length >= 6 ? time.slice(4, 6) : '00');
}

const SourceObject = plainObjects(function (this: InformationSource) {
  this.contacts = [];
  this.rejections = [];
});

const ReceiverObject = plainObjects(function (this: InformationReceiver) {
  this.references = [];
  this.rejections = [];
});

/**
 * Reads the 271 sets of one scan. One reader serves every set of a parse271 call (`read` resets
 * the per-set state), so the per-set cost is the model alone.
 */
class Reader271 {
  private response!: EligibilityResponse;
  private level = NONE;
  private nameSeen = false;
  private subscriber: SubscriberLoop | undefined = undefined;
  /** The open dependent loop (level DEPENDENT). */
  private dependent: DependentLoop | undefined = undefined;
  /** The loop EBs go to (the open subscriber or dependent). */
  private loop: SubscriberLoop | DependentLoop | undefined = undefined;
  private member: MemberDetail | undefined = undefined;
  private benefit: EligibilityBenefit | undefined = undefined;
  private entity: BenefitRelatedEntity | undefined = undefined;
  private inLoop2120 = false;
  /** Subscriber HL segment indexes and their loops (first subscriberCount entries), so a dependent's HL02 finds its parent. */
  private readonly subscriberHls: number[] = [];
  private readonly subscriberLoops: SubscriberLoop[] = [];
  private subscriberCount = 0;
  /** ISA13 of the interchange last read (sets of one interchange share it). */
  private icnInterchange = -1;
  private icn = '';

  constructor(
    private readonly sc: X12Scan,
    private readonly strict: boolean,
  ) {}

  private warn(w: X12Warning): void {
    this.response.warnings.push(w);
  }

  private unknown(s: number, why?: string): void {
    const response = this.response;
    response.unknownSegments = append(response.unknownSegments, this.sc.segment(s));
    if (why) this.warn({ code: 'UNEXPECTED_SEGMENT', message: why, segmentIndex: s, elementPosition: 0 });
  }

  /** Reads one transaction set into a new EligibilityResponse. */
  read(tx: TransactionSet): EligibilityResponse {
    const sc = this.sc;
    const response: EligibilityResponse = new ResponseObject(new SourceObject(), tx.warnings);
    if (tx.controlNumber !== '') response.transactionSetControlNumber = tx.controlNumber;
    if (tx.interchange !== this.icnInterchange) {
      this.icnInterchange = tx.interchange;
      this.icn = sc.str(tx.interchange, 13).trim();
    }
    if (this.icn !== '') response.interchangeControlNumber = this.icn;
    if (tx.implementationReference) response.implementationReference = tx.implementationReference;
    this.response = response;
    this.level = NONE;
    this.nameSeen = false;
    this.subscriber = undefined;
    this.dependent = undefined;
    this.loop = undefined;
    this.member = undefined;
    this.closeBenefit();
    this.subscriberCount = 0;

    const end = tx.end;
    for (let s = tx.first; s < end; s++) {
      const id = sc.id(s);
      switch (id) {
        case 0x5354: // ST
        case 0x5345: // SE
          continue;
        case 0x1424854: // BHT
          this.bht(s);
          continue;
        case 0x484c: // HL
          this.hl(s);
          continue;
        case 0x4542: // EB
          this.eb(s);
          continue;
      }
      if (isEnvelopeId(id)) continue; // ISA/GS/GE/IEA inside an unterminated set: not part of it
      if (this.benefit !== undefined && this.benefitSegment(s, id, this.benefit)) continue;
      this.levelSegment(s, id);
    }
    return response;
  }

  private bht(s: number): void {
    let v: string;
    const sc = this.sc;
    if ((v = sc.str(s, 3)) !== '') this.response.submitterTransactionId = v;
    // Batches repeat BHT04/BHT05: compare in place with the memo before slicing anything.
    const at = sc.equals(s, 4, lastBhtDate) && sc.equals(s, 5, lastBhtTime) ? lastBhtIso : bhtDateTime(sc.str(s, 4), sc.str(s, 5));
    if (at !== undefined && at !== '') this.response.createdAt = at;
  }

  private hl(s: number): void {
    const sc = this.sc;
    this.closeBenefit();
    this.nameSeen = false;
    switch (sc.code(s, 3)) {
      case 0x3232: {
        // HL03 22: subscriber
        this.level = SUBSCRIBER;
        const sub: SubscriberLoop = { traces: [], member: new MemberObject(), benefits: [], dependents: [] };
        const response = this.response;
        response.subscribers = append(response.subscribers, sub);
        this.subscriber = sub;
        const n = this.subscriberCount++;
        this.subscriberHls[n] = s;
        this.subscriberLoops[n] = sub;
        this.member = sub.member;
        this.loop = sub;
        return;
      }
      case 0x3233: {
        // HL03 23: dependent
        this.level = DEPENDENT;
        let parent = this.parentSubscriber(s) ?? this.subscriber;
        if (!parent) {
          if (this.strict) throw new X12Error('INVALID_HIERARCHY', 'dependent HL without a subscriber HL', s, 2);
          this.warn({ code: 'INVALID_HIERARCHY', message: 'dependent HL without a subscriber HL', segmentIndex: s, elementPosition: 2 });
          parent = this.implicitSubscriber();
        }
        const dep: DependentLoop = { traces: [], member: new MemberObject(), benefits: [] };
        parent.dependents = append(parent.dependents, dep);
        this.member = dep.member;
        this.loop = dep;
        this.dependent = dep;
        return;
      }
      case 0x3230: // HL03 20: information source
        this.level = SOURCE;
        return;
      case 0x3231: // HL03 21: information receiver
        this.level = RECEIVER;
        this.response.receiver ??= new ReceiverObject();
        return;
      default: {
        const code = sc.str(s, 3);
        if (this.strict) throw new X12Error('INVALID_CODE', `unknown HL03 ${JSON.stringify(code)}`, s, 3);
        this.level = OTHER;
        this.unknown(s, `unknown HL03 ${JSON.stringify(code)}`);
      }
    }
  }

  /** The latest subscriber whose HL01 equals this HL's HL02 (compared in place). */
  private parentSubscriber(s: number): SubscriberLoop | undefined {
    const hls = this.subscriberHls;
    for (let i = this.subscriberCount - 1; i >= 0; i--) if (this.sc.same(s, 2, hls[i], 1)) return this.subscriberLoops[i];
    return undefined;
  }

  /** Benefits sent with no subscriber loop (hand-made fixtures) still need a home. */
  private implicitSubscriber(): SubscriberLoop {
    const sub: SubscriberLoop = { traces: [], member: new MemberObject(), benefits: [], dependents: [] };
    const response = this.response;
    response.subscribers = append(response.subscribers, sub);
    this.subscriber = sub;
    return sub;
  }

  private eb(s: number): void {
    this.closeBenefit();
    if (this.level !== SUBSCRIBER && this.level !== DEPENDENT) {
      this.warn({
        code: 'BENEFIT_OUTSIDE_MEMBER_LOOP',
        message: 'EB outside a subscriber/dependent loop; attached to an implicit subscriber',
        segmentIndex: s,
        elementPosition: 0,
      });
      const sub = this.subscriber ?? this.implicitSubscriber();
      this.level = SUBSCRIBER;
      this.member = sub.member;
      this.loop = sub;
    }
    const b = newBenefit(this.sc, s, this.sc.delimiters);
    // eslint-disable-next-line @typescript-eslint/no-non-null-assertion -- set just above when absent
    const loop = this.loop!;
    loop.benefits = append(loop.benefits, b);
    this.benefit = b;
  }

  private closeBenefit(): void {
    this.benefit = undefined;
    this.entity = undefined;
    this.inLoop2120 = false;
  }

  /** Segments that belong to the open 2110 loop (and its 2115/2120 children). */
  private benefitSegment(s: number, id: number, b: EligibilityBenefit): boolean {
    const sc = this.sc;
    const entity = this.entity;
    switch (id) {
      case 0x4c53: // LS
        this.inLoop2120 = true;
        this.entity = undefined;
        return true;
      case 0x4c45: // LE
        this.inLoop2120 = false;
        this.entity = undefined;
        return true;
      case 0x14e4d31: {
        // NM1
        if (!this.inLoop2120) {
          this.warn({
            code: 'NM1_WITHOUT_LS',
            message: 'NM1 after EB without LS/LE; kept as a related entity',
            segmentIndex: s,
            elementPosition: 0,
          });
        }
        const related: BenefitRelatedEntity = { name: entityNameAt(sc, s), contacts: [] };
        b.relatedEntities = append(b.relatedEntities, related);
        this.entity = related;
        return true;
      }
      case 0x4e33: // N3
        if (!entity) return false;
        applyN3At((entity.address ??= new AddressObject()), sc, s);
        return true;
      case 0x4e34: // N4
        if (!entity) return false;
        applyN4At((entity.address ??= new AddressObject()), sc, s);
        return true;
      case 0x1504552: // PER
        if (!entity) return false;
        entity.contacts = append(entity.contacts, contactAt(sc, s));
        return true;
      case 0x1505256: // PRV
        if (!entity) return false;
        entity.provider = providerAt(sc, s);
        return true;
      case 0x1485344: // HSD
        b.deliveries = append(b.deliveries, deliveryAt(sc, s));
        return true;
      case 0x1524546: // REF
        b.references = append(b.references, referenceAt(sc, s));
        return true;
      case 0x1445450: {
        // DTP
        const dt = this.date(s);
        if (dt) b.dates = append(b.dates, dt);
        return true;
      }
      case 0x1414141: // AAA
        b.rejections = append(b.rejections, rejectionAt(sc, s, this.level === DEPENDENT ? '2110D' : '2110C'));
        return true;
      case 0x14d5347: // MSG
        b.messages = append(b.messages, sc.str(s, 1));
        return true;
      case 0x1494949: // III
        b.additionalInformation = append(b.additionalInformation, additionalInformationAt(sc, s));
        return true;
      default:
        return false;
    }
  }

  private date(s: number): DateReference {
    const sc = this.sc;
    const dt = dateReferenceAt(sc, s);
    if (!dt) {
      if (this.strict)
        throw new X12Error(
          'INVALID_DATE',
          `DTP03 ${JSON.stringify(sc.str(s, 3).slice(0, 20))} is not a valid ${sc.str(s, 2) || 'date'}`,
          s,
          3,
        );
      this.warn({ code: 'INVALID_DATE', message: 'DTP03 is not a valid date; kept raw', segmentIndex: s, elementPosition: 3 });
      return { qualifier: sc.str(s, 1), start: '', raw: sc.str(s, 3) };
    }
    return dt;
  }

  private levelSegment(s: number, id: number): void {
    switch (this.level) {
      case SOURCE:
        return this.sourceSegment(s, id);
      case RECEIVER:
        return this.receiverSegment(s, id);
      case SUBSCRIBER:
      case DEPENDENT:
        return this.memberSegment(s, id);
      default:
        return this.unknown(s);
    }
  }

  private sourceSegment(s: number, id: number): void {
    const sc = this.sc;
    const src = this.response.source;
    switch (id) {
      case 0x14e4d31: // NM1
        src.name = entityNameAt(sc, s);
        this.nameSeen = true;
        return;
      case 0x1504552: // PER
        src.contacts = append(src.contacts, contactAt(sc, s));
        return;
      case 0x1414141: // AAA
        src.rejections = append(src.rejections, rejectionAt(sc, s, this.nameSeen ? '2100A' : '2000A'));
        return;
      default:
        this.unknown(s);
    }
  }

  private receiverSegment(s: number, id: number): void {
    const sc = this.sc;
    const rcv = (this.response.receiver ??= new ReceiverObject());
    switch (id) {
      case 0x14e4d31: // NM1
        rcv.name = entityNameAt(sc, s);
        return;
      case 0x1524546: // REF
        rcv.references = append(rcv.references, referenceAt(sc, s));
        return;
      case 0x4e33: // N3
        applyN3At((rcv.address ??= new AddressObject()), sc, s);
        return;
      case 0x4e34: // N4
        applyN4At((rcv.address ??= new AddressObject()), sc, s);
        return;
      case 0x1505256: // PRV
        rcv.provider = providerAt(sc, s);
        return;
      case 0x1414141: // AAA
        rcv.rejections = append(rcv.rejections, rejectionAt(sc, s, '2100B'));
        return;
      default:
        this.unknown(s);
    }
  }

  private memberSegment(s: number, id: number): void {
    let v: string;
    const sc = this.sc;
    // eslint-disable-next-line @typescript-eslint/no-non-null-assertion -- only called after a member NM1 opened the loop
    const m = this.member!;
    switch (id) {
      case 0x154524e: {
        // TRN
        const loop = this.level === DEPENDENT ? this.dependent : this.subscriber;
        if (loop) loop.traces = append(loop.traces, traceAt(sc, s));
        return;
      }
      case 0x14e4d31: // NM1
        m.name = entityNameAt(sc, s);
        return;
      case 0x1524546: // REF
        m.references = append(m.references, referenceAt(sc, s));
        return;
      case 0x4e33: // N3
        applyN3At((m.address ??= new AddressObject()), sc, s);
        return;
      case 0x4e34: // N4
        applyN4At((m.address ??= new AddressObject()), sc, s);
        return;
      case 0x1444d47: {
        // DMG
        if (sc.has(s, 2)) {
          const iso = computeIsoDate(sc.str(s, 2));
          if (iso) m.dateOfBirth = iso;
          else if (this.strict) throw new X12Error('INVALID_DATE', 'DMG02 is not a valid CCYYMMDD date', s, 2);
          else this.warn({ code: 'INVALID_DATE', message: 'DMG02 is not a valid date', segmentIndex: s, elementPosition: 2 });
        }
        if ((v = sc.str(s, 3)) !== '') m.gender = v;
        return;
      }
      case 0x1494e53: // INS
        if ((v = sc.str(s, 1)) !== '') m.insuredIndicator = v;
        if ((v = sc.str(s, 2)) !== '') m.relationshipCode = v;
        return;
      case 0x1445450: // DTP
        m.dates = append(m.dates, this.date(s));
        return;
      case 0x1505256: // PRV
        m.provider = providerAt(sc, s);
        return;
      case 0x1414141: // AAA
        m.rejections = append(m.rejections, rejectionAt(sc, s, this.level === DEPENDENT ? '2100D' : '2100C'));
        return;
      case 0x4c53: // LS
      case 0x4c45: // LE
      case 0x1485344: // HSD
      case 0x14d5347: // MSG
      case 0x1494949: // III
        return this.unknown(s, `${sc.idString(s)} without a preceding EB`);
      default:
        this.unknown(s);
    }
  }
}

/** Parses every 271 transaction set in an interchange. A 270 (or any other set) throws NOT_271. */
export function parse271(text: string, options: Parse271Options = {}): EligibilityResponse[] {
  if (typeof text !== 'string') throw new X12Error('EMPTY_INPUT', 'input must be a string');
  const strict = options.strict === true;
  const sc = scan(text, { strict });
  const sets = readEnvelopes(sc, { strict });
  for (const tx of sets) {
    if (tx.type !== '271') {
      throw new X12Error('NOT_271', `transaction set ${JSON.stringify(tx.type.slice(0, 6))} is not a 271`, tx.first, 1);
    }
  }
  const warnings = sc.warnings;
  const reader = new Reader271(sc, strict);
  const out = new Array<EligibilityResponse>(sets.length);
  for (let i = 0; i < sets.length; i++) {
    const tx = sets[i];
    if (warnings.length > 0) tx.warnings.unshift(...warnings);
    out[i] = reader.read(tx);
  }
  return out;
}
