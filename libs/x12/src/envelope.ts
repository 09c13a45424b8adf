// Groups scanned segments into ISA/GS/ST envelopes and checks counts and control numbers.
// Payers get trailer counts wrong, so lenient mode records a warning where strict mode throws.
// Works on segment indexes of an X12Scan: no Segment objects and no element strings are made
// except for the few values a transaction set keeps (ST01, ST02, ST03/GS08).
import { X12Error, type X12ErrorCode } from './errors';
import type { X12Scan } from './lexer';
import type { Segment, X12Warning } from './model';

export interface TransactionSet {
  /** ST01, e.g. "271". */
  type: string;
  controlNumber: string;
  /** ST03, or GS08 when ST03 is absent (4010). */
  implementationReference?: string;
  /** Segment index of the ST. */
  first: number;
  /**
   * One past the last segment of the set (the SE, or the segment that closed the set when the
   * sender forgot the SE). ISA/GS/GE/IEA inside [first, end) do not belong to the set.
   */
  end: number;
  /** Segments ST..SE inclusive that belong to the set. */
  count: number;
  /** Segment index of the enclosing ISA. */
  interchange: number;
  /** Segment index of the enclosing GS, -1 when there is none. */
  group: number;
  warnings: X12Warning[];
}

export interface EnvelopeOptions {
  strict?: boolean;
}

export function el(seg: Segment, i: number): string {
  return seg.elements[i] ?? '';
}

// Packed segment ids (lexer.segmentIdCode).
const ISA = 0x1495341;
const GS = 0x4753;
const ST = 0x5354;
const SE = 0x5345;
const GE = 0x4745;
const IEA = 0x1494541;

/** True for ISA/GS/GE/IEA: envelope segments that never belong to a transaction set. */
export function isEnvelopeId(id: number): boolean {
  return id === ISA || id === GS || id === GE || id === IEA;
}

/** The segments of a set as lexed Segment objects (270 reader, tests). */
export function transactionSegments(sc: X12Scan, tx: TransactionSet): Segment[] {
  const out: Segment[] = [];
  for (let s = tx.first; s < tx.end; s++) if (!isEnvelopeId(sc.id(s))) out.push(sc.segment(s));
  return out;
}

// Decimal strings of small counts (SE01 of typical sets, GE01, IEA01), made once.
const COUNT_STRINGS: string[] = [];
for (let n = 0; n < 256; n++) COUNT_STRINGS.push(String(n));

/** True when element i is exactly the decimal form of n (no sign, no leading zeros). */
function digitsEqual(sc: X12Scan, s: number, i: number, n: number): boolean {
  return sc.equals(s, i, n < COUNT_STRINGS.length ? COUNT_STRINGS[n] : String(n));
}

class EnvelopeReader {
  readonly transactions: TransactionSet[] = [];
  private interchange = -1;
  private group = -1;
  private tx: TransactionSet | undefined;
  private groupTx: TransactionSet[] = [];
  private interchangeTx: TransactionSet[] = [];
  private groupsInInterchange = 0;

  constructor(
    private readonly sc: X12Scan,
    private readonly strict: boolean,
  ) {}

  /** Lenient: warn on every transaction in scope; strict: throw. */
  private problem(scope: TransactionSet[], code: X12ErrorCode, message: string, seg: number, element?: number): void {
    if (this.strict) throw new X12Error(code, message, seg, element);
    const w: X12Warning = { code, message, segmentIndex: seg, elementPosition: element };
    for (const t of scope) t.warnings.push(w);
  }

  run(): void {
    const sc = this.sc;
    const count = sc.count;
    for (let s = 0; s < count; s++) {
      switch (sc.id(s)) {
        case ISA:
          if (this.interchange >= 0) this.closeInterchange(s, true);
          this.interchange = s;
          this.interchangeTx = [];
          this.groupsInInterchange = 0;
          break;
        case GS:
          if (this.interchange < 0) throw new X12Error('SEGMENT_OUTSIDE_TRANSACTION', 'GS outside an interchange', s, 0);
          if (this.group >= 0) this.closeGroup(s, true);
          this.group = s;
          this.groupTx = [];
          this.groupsInInterchange++;
          break;
        case ST:
          if (this.interchange < 0) throw new X12Error('SEGMENT_OUTSIDE_TRANSACTION', 'ST outside an interchange', s, 0);
          if (this.tx) this.closeTransaction(s, true);
          this.openTransaction(s);
          break;
        case SE: {
          const tx = this.tx;
          if (!tx) throw new X12Error('UNEXPECTED_TRAILER', 'SE without ST', s, 0);
          tx.count++;
          tx.end = s + 1;
          this.checkSe(tx, s);
          this.tx = undefined;
          break;
        }
        case GE:
          if (this.group < 0) {
            this.problem(this.interchangeTx, 'UNEXPECTED_TRAILER', 'GE without GS', s, 0);
            break;
          }
          if (this.tx) this.closeTransaction(s, true);
          this.checkGe(s);
          this.group = -1;
          break;
        case IEA:
          if (this.interchange < 0) throw new X12Error('UNEXPECTED_TRAILER', 'IEA without ISA', s, 0);
          if (this.group >= 0) this.closeGroup(s, true);
          this.checkIea(s);
          this.interchange = -1;
          break;
        default: {
          const tx = this.tx;
          if (!tx) {
            throw new X12Error(
              'SEGMENT_OUTSIDE_TRANSACTION',
              `${sc.idString(s).slice(0, 3)} appears outside an ST..SE transaction set`,
              s,
              0,
            );
          }
          tx.count++;
          tx.end = s + 1;
        }
      }
    }
    if (this.tx) this.closeTransaction(count, true);
    if (this.group >= 0) this.closeGroup(count, true);
    if (this.interchange >= 0) this.closeInterchange(count, true);
  }

  private openTransaction(s: number): void {
    const sc = this.sc;
    const impl = sc.has(s, 3) ? sc.str(s, 3) : this.group >= 0 ? sc.str(this.group, 8) : '';
    // One shape for every set (implementationReference is undefined rather than absent).
    const tx: TransactionSet = {
      type: sc.str(s, 1),
      controlNumber: sc.str(s, 2),
      implementationReference: impl === '' ? undefined : impl,
      first: s,
      end: s + 1,
      count: 1,
      interchange: this.interchange,
      group: this.group,
      warnings: [],
    };
    if (this.group < 0) this.problem([tx], 'MISSING_GE', 'ST without an enclosing GS', s, 0);
    this.tx = tx;
    this.transactions.push(tx);
    this.groupTx.push(tx);
    this.interchangeTx.push(tx);
  }

  private closeTransaction(at: number, missing: boolean): void {
    if (missing && this.tx) this.problem([this.tx], 'MISSING_SE', `transaction ${this.tx.controlNumber} has no SE`, at, 0);
    this.tx = undefined;
  }

  private closeGroup(at: number, missing: boolean): void {
    if (this.tx) this.closeTransaction(at, true);
    if (missing) this.problem(this.groupTx, 'MISSING_GE', 'functional group has no GE', at, 0);
    this.group = -1;
  }

  private closeInterchange(at: number, missing: boolean): void {
    if (this.group >= 0) this.closeGroup(at, true);
    if (missing) this.problem(this.interchangeTx, 'MISSING_IEA', 'interchange has no IEA', at, 0);
    this.interchange = -1;
  }

  private checkSe(tx: TransactionSet, se: number): void {
    const sc = this.sc;
    if (!digitsEqual(sc, se, 1, tx.count)) {
      this.problem([tx], 'SEGMENT_COUNT_MISMATCH', `SE01 is ${JSON.stringify(sc.str(se, 1))}, the set has ${tx.count} segments`, se, 1);
    }
    if (!sc.equals(se, 2, tx.controlNumber)) {
      this.problem(
        [tx],
        'CONTROL_NUMBER_MISMATCH',
        `SE02 ${JSON.stringify(sc.str(se, 2))} does not match ST02 ${JSON.stringify(tx.controlNumber)}`,
        se,
        2,
      );
    }
  }

  private checkGe(ge: number): void {
    const sc = this.sc;
    if (!digitsEqual(sc, ge, 1, this.groupTx.length)) {
      this.problem(
        this.groupTx,
        'SEGMENT_COUNT_MISMATCH',
        `GE01 is ${JSON.stringify(sc.str(ge, 1))}, the group has ${this.groupTx.length} transaction sets`,
        ge,
        1,
      );
    }
    if (!sc.same(ge, 2, this.group, 6)) {
      this.problem(this.groupTx, 'CONTROL_NUMBER_MISMATCH', 'GE02 does not match GS06', ge, 2);
    }
  }

  private checkIea(iea: number): void {
    const sc = this.sc;
    if (!digitsEqual(sc, iea, 1, this.groupsInInterchange)) {
      this.problem(
        this.interchangeTx,
        'SEGMENT_COUNT_MISMATCH',
        `IEA01 is ${JSON.stringify(sc.str(iea, 1))}, the interchange has ${this.groupsInInterchange} groups`,
        iea,
        1,
      );
    }
    if (!sc.equals(iea, 2, sc.str(this.interchange, 13).trim())) {
      this.problem(this.interchangeTx, 'CONTROL_NUMBER_MISMATCH', 'IEA02 does not match ISA13', iea, 2);
    }
  }
}

/** Splits scanned segments into transaction sets. Throws on structure that cannot be attributed. */
export function readEnvelopes(sc: X12Scan, options: EnvelopeOptions = {}): TransactionSet[] {
  const reader = new EnvelopeReader(sc, options.strict === true);
  reader.run();
  if (reader.transactions.length === 0) throw new X12Error('NO_TRANSACTIONS', 'no ST..SE transaction set found', sc.count - 1);
  return reader.transactions;
}
