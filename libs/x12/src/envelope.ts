// Groups lexed segments into ISA/GS/ST envelopes and checks counts and control numbers.
// Payers get trailer counts wrong, so lenient mode records a warning where strict mode throws.
import { X12Error, type X12ErrorCode } from './errors';
import type { Segment, X12Warning } from './model';

export interface TransactionSet {
  /** ST01, e.g. "271". */
  type: string;
  controlNumber: string;
  /** ST03, or GS08 when ST03 is absent (4010). */
  implementationReference?: string;
  /** Segments ST..SE inclusive (SE missing when the sender forgot it). */
  segments: Segment[];
  interchange: Segment;
  group?: Segment;
  warnings: X12Warning[];
}

export interface EnvelopeOptions {
  strict?: boolean;
}

export function el(seg: Segment, i: number): string {
  return seg.elements[i] ?? '';
}

class EnvelopeReader {
  readonly transactions: TransactionSet[] = [];
  private interchange: Segment | undefined;
  private group: Segment | undefined;
  private tx: TransactionSet | undefined;
  private groupTx: TransactionSet[] = [];
  private interchangeTx: TransactionSet[] = [];
  private groupsInInterchange = 0;

  constructor(private readonly strict: boolean) {}

  /** Lenient: warn on every transaction in scope; strict: throw. */
  private problem(scope: TransactionSet[], code: X12ErrorCode, message: string, seg: number, element?: number): void {
    if (this.strict) throw new X12Error(code, message, seg, element);
    const w: X12Warning = { code, message, segmentIndex: seg, elementPosition: element };
    for (const t of scope) t.warnings.push(w);
  }

  run(segments: Segment[]): void {
    for (const seg of segments) {
      switch (seg.id) {
        case 'ISA':
          if (this.interchange) this.closeInterchange(seg.index, true);
          this.interchange = seg;
          this.interchangeTx = [];
          this.groupsInInterchange = 0;
          break;
        case 'GS':
          if (!this.interchange) throw new X12Error('SEGMENT_OUTSIDE_TRANSACTION', 'GS outside an interchange', seg.index, 0);
          if (this.group) this.closeGroup(seg.index, true);
          this.group = seg;
          this.groupTx = [];
          this.groupsInInterchange++;
          break;
        case 'ST':
          if (!this.interchange) throw new X12Error('SEGMENT_OUTSIDE_TRANSACTION', 'ST outside an interchange', seg.index, 0);
          if (this.tx) this.closeTransaction(seg.index, true);
          this.openTransaction(seg);
          break;
        case 'SE':
          if (!this.tx) throw new X12Error('UNEXPECTED_TRAILER', 'SE without ST', seg.index, 0);
          this.tx.segments.push(seg);
          this.checkSe(this.tx, seg);
          this.tx = undefined;
          break;
        case 'GE':
          if (!this.group) {
            this.problem(this.interchangeTx, 'UNEXPECTED_TRAILER', 'GE without GS', seg.index, 0);
            break;
          }
          if (this.tx) this.closeTransaction(seg.index, true);
          this.checkGe(seg);
          this.group = undefined;
          break;
        case 'IEA':
          if (!this.interchange) throw new X12Error('UNEXPECTED_TRAILER', 'IEA without ISA', seg.index, 0);
          if (this.group) this.closeGroup(seg.index, true);
          this.checkIea(seg);
          this.interchange = undefined;
          break;
        default:
          if (!this.tx) {
            throw new X12Error('SEGMENT_OUTSIDE_TRANSACTION', `${seg.id.slice(0, 3)} appears outside an ST..SE transaction set`, seg.index, 0);
          }
          this.tx.segments.push(seg);
      }
    }
    const endIndex = segments.length;
    if (this.tx) this.closeTransaction(endIndex, true);
    if (this.group) this.closeGroup(endIndex, true);
    if (this.interchange) this.closeInterchange(endIndex, true);
  }

  private openTransaction(seg: Segment): void {
    const st03 = el(seg, 3);
    const gs08 = this.group ? el(this.group, 8) : '';
    const impl = st03 || gs08;
    const tx: TransactionSet = {
      type: el(seg, 1),
      controlNumber: el(seg, 2),
      segments: [seg],
      interchange: this.interchange as Segment,
      warnings: [],
    };
    if (impl) tx.implementationReference = impl;
    if (this.group) tx.group = this.group;
    else this.problem([tx], 'MISSING_GE', 'ST without an enclosing GS', seg.index, 0);
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
    this.group = undefined;
  }

  private closeInterchange(at: number, missing: boolean): void {
    if (this.group) this.closeGroup(at, true);
    if (missing) this.problem(this.interchangeTx, 'MISSING_IEA', 'interchange has no IEA', at, 0);
    this.interchange = undefined;
  }

  private checkSe(tx: TransactionSet, se: Segment): void {
    const count = el(se, 1);
    if (count !== String(tx.segments.length)) {
      this.problem([tx], 'SEGMENT_COUNT_MISMATCH', `SE01 is ${JSON.stringify(count)}, the set has ${tx.segments.length} segments`, se.index, 1);
    }
    if (el(se, 2) !== tx.controlNumber) {
      this.problem([tx], 'CONTROL_NUMBER_MISMATCH', `SE02 ${JSON.stringify(el(se, 2))} does not match ST02 ${JSON.stringify(tx.controlNumber)}`, se.index, 2);
    }
  }

  private checkGe(ge: Segment): void {
    const group = this.group as Segment;
    if (el(ge, 1) !== String(this.groupTx.length)) {
      this.problem(this.groupTx, 'SEGMENT_COUNT_MISMATCH', `GE01 is ${JSON.stringify(el(ge, 1))}, the group has ${this.groupTx.length} transaction sets`, ge.index, 1);
    }
    if (el(ge, 2) !== el(group, 6)) {
      this.problem(this.groupTx, 'CONTROL_NUMBER_MISMATCH', 'GE02 does not match GS06', ge.index, 2);
    }
  }

  private checkIea(iea: Segment): void {
    const isa = this.interchange as Segment;
    if (el(iea, 1) !== String(this.groupsInInterchange)) {
      this.problem(this.interchangeTx, 'SEGMENT_COUNT_MISMATCH', `IEA01 is ${JSON.stringify(el(iea, 1))}, the interchange has ${this.groupsInInterchange} groups`, iea.index, 1);
    }
    if (el(iea, 2) !== el(isa, 13).trim()) {
      this.problem(this.interchangeTx, 'CONTROL_NUMBER_MISMATCH', 'IEA02 does not match ISA13', iea.index, 2);
    }
  }
}

/** Splits segments into transaction sets. Throws on structure that cannot be attributed. */
export function readEnvelopes(segments: Segment[], options: EnvelopeOptions = {}): TransactionSet[] {
  const reader = new EnvelopeReader(options.strict === true);
  reader.run(segments);
  if (reader.transactions.length === 0) throw new X12Error('NO_TRANSACTIONS', 'no ST..SE transaction set found', segments.length - 1);
  return reader.transactions;
}
