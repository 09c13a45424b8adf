// The precedence table (docs/coverage-summary.md): which benefit speaks for which level of care, and how strongly.
// Lower rank = more specific evidence. A fact never loses to a higher-ranked (weaker) one.
import type { EligibilityBenefit } from '@bvs/x12';
import { BH_GENERAL_STCS, BH_STCS, PLAN_STCS, isPlanStc } from './codes';
import type { CoverageBasis, LevelOfCare } from './summary';

export interface LevelEvidence {
  level: LevelOfCare;
  rank: number;
  basis: CoverageBasis;
  /** What matched, e.g. "procedure:S9480", "stc:CH". */
  via: string;
}

const IOP_PROCEDURES = new Set(['S9480', 'H0015']);
const PHP_PROCEDURES = new Set(['S0201', 'H0035']);
const IOP_PHP_PROCEDURES = new Set(['G0410', 'G0411']);
const OP_PROCEDURE = /^(90791|90792|9083[2-8]|9084[0-7]|90853)$/;
const IOP_REVENUE = new Set(['0905', '0906']);
const PHP_REVENUE = new Set(['0912', '0913']);

const NO_EVIDENCE: readonly LevelEvidence[] = Object.freeze([]);

function procedureEvidence(benefit: EligibilityBenefit): readonly LevelEvidence[] {
  const p = benefit.procedure;
  if (!p) return NO_EVIDENCE;
  const code = p.code.trim().toUpperCase();
  const via = `procedure:${code}`;
  const levels: LevelOfCare[] = [];
  if (p.qualifier === 'HC' || p.qualifier === 'CJ') {
    if (IOP_PROCEDURES.has(code)) levels.push('IOP');
    if (PHP_PROCEDURES.has(code)) levels.push('PHP');
    if (IOP_PHP_PROCEDURES.has(code)) levels.push('IOP', 'PHP');
    if (OP_PROCEDURE.test(code)) levels.push('OP');
  } else if (p.qualifier === 'ZZ') {
    // Some payers key facility revenue codes with ZZ (practice unconfirmed).
    if (IOP_REVENUE.has(code)) levels.push('IOP');
    if (PHP_REVENUE.has(code)) levels.push('PHP');
  }
  if (levels.length === 0) return NO_EVIDENCE;
  return levels.map((level) => ({ level, rank: 1, basis: 'explicit' as const, via }));
}

/** Evidence from one service type code; `bhContext` = the answer mentions MH/SUD somewhere (needed for 50). */
function stcEvidenceUncached(stc: string, bhContext: boolean): LevelEvidence[] {
  const via = `stc:${stc}`;
  const e = (level: LevelOfCare, rank: number, basis: CoverageBasis): LevelEvidence => ({ level, rank, basis, via });
  switch (stc) {
    case 'BB':
      return [e('PHP', 2, 'explicit')];
    case 'CH':
    case 'CJ':
      return [e('IOP', 3, 'explicit'), e('PHP', 3, 'explicit')];
    case 'BC':
      // Day care (psychiatric): a PHP signal, weaker than facility outpatient.
      return [e('PHP', 3.5, 'explicit')];
    case 'CF':
    case 'A6':
    case 'BD':
    case '22':
      return [e('OP', 4, 'explicit')];
    case 'A8':
      // Psychiatric outpatient: OP, and only a weak hint for IOP.
      return [e('OP', 5, 'explicit'), e('IOP', 5, 'mental_health_general')];
    case '50':
      return bhContext ? [e('IOP', 5.5, 'mental_health_general'), e('PHP', 5.5, 'mental_health_general')] : [];
    default:
      if (BH_GENERAL_STCS.has(stc)) return [e('IOP', 6, 'mental_health_general'), e('PHP', 6, 'mental_health_general'), e('OP', 6, 'mental_health_general')];
      if (PLAN_STCS.has(stc)) return [e('IOP', 7, 'plan_general'), e('PHP', 7, 'plan_general'), e('OP', 7, 'plan_general')];
      return [];
  }
}

/** What one service type code says: whether it is about behavioral health, and its evidence without / with a BH context. */
interface CodeInfo {
  readonly bh: boolean;
  readonly evidence: readonly [readonly LevelEvidence[], readonly LevelEvidence[]];
}

const frozenEvidence = (list: LevelEvidence[]): readonly LevelEvidence[] => (list.length === 0 ? NO_EVIDENCE : Object.freeze(list.map((ev) => Object.freeze(ev))));

// A code's evidence depends only on the code and bhContext: computed once per code and shared
// (frozen), so classifying a benefit allocates nothing in the common case. Codes that say
// something are a few dozen known ones, always kept; others are kept up to a bound, so junk
// codes cannot grow the cache.
const CODE_INFO = new Map<string, CodeInfo>();

// Codes of one or two letters / digits (every TR3 service type) are also kept in an array indexed
// by their characters: the parser's codes are fresh strings on every answer, and a Map lookup
// first hashes each one (issue 19). 36 first characters × (none or 36 second ones).
const SHORT_CODE_INFO: (CodeInfo | undefined)[] = new Array<CodeInfo | undefined>(36 * 37).fill(undefined);

/** 0–9 -> 0–9, A–Z -> 10–35, anything else -1. */
function codeDigit(ch: number): number {
  if (ch >= 48 && ch <= 57) return ch - 48;
  if (ch >= 65 && ch <= 90) return ch - 55;
  return -1;
}

/** The code's SHORT_CODE_INFO slot, or -1 when it is not one or two of 0–9 / A–Z. */
function shortCodeSlot(stc: string): number {
  const first = stc.length === 1 || stc.length === 2 ? codeDigit(stc.charCodeAt(0)) : -1;
  if (first < 0) return -1;
  if (stc.length === 1) return first * 37;
  const second = codeDigit(stc.charCodeAt(1));
  return second < 0 ? -1 : first * 37 + second + 1;
}

function codeInfo(stc: string): CodeInfo {
  const slot = shortCodeSlot(stc);
  if (slot >= 0) return (SHORT_CODE_INFO[slot] ??= codeInfoOf(stc));
  let info = CODE_INFO.get(stc);
  if (info === undefined) {
    info = codeInfoOf(stc);
    if (info.bh || info.evidence[0].length > 0 || info.evidence[1].length > 0 || CODE_INFO.size < 1024) CODE_INFO.set(stc, info);
  }
  return info;
}

function codeInfoOf(stc: string): CodeInfo {
  const without = frozenEvidence(stcEvidenceUncached(stc, false));
  // Only service type 50 reads the context (stcEvidenceUncached): every other code shares one list.
  return Object.freeze({ bh: BH_STCS.has(stc), evidence: Object.freeze([without, stc === '50' ? frozenEvidence(stcEvidenceUncached(stc, true)) : without] as const) });
}

function stcEvidence(stc: string, bhContext: boolean): readonly LevelEvidence[] {
  return codeInfo(stc).evidence[bhContext ? 1 : 0];
}

type ByOp = Map<LevelEvidence | undefined, readonly LevelEvidence[]>;
type ByPhp = Map<LevelEvidence | undefined, ByOp>;
// A list of codes (a plan-level EB lists ten or more) merges to the best evidence per level; the
// merged list is shared per (IOP, PHP, OP) choice of the cached, frozen evidence above.
const MERGED = new Map<LevelEvidence | undefined, ByPhp>();

function mergedEvidence(iop: LevelEvidence | undefined, php: LevelEvidence | undefined, op: LevelEvidence | undefined): readonly LevelEvidence[] {
  let byPhp = MERGED.get(iop);
  if (byPhp === undefined) MERGED.set(iop, (byPhp = new Map<LevelEvidence | undefined, ByOp>()));
  let byOp = byPhp.get(php);
  if (byOp === undefined) byPhp.set(php, (byOp = new Map<LevelEvidence | undefined, readonly LevelEvidence[]>()));
  let merged = byOp.get(op);
  if (merged === undefined) {
    const list: LevelEvidence[] = [];
    if (iop) list.push(iop);
    if (php) list.push(php);
    if (op) list.push(op);
    merged = Object.freeze(list);
    byOp.set(op, merged);
  }
  return merged;
}

const PLAN_ONLY = ['30'];

/** Best evidence per level, filled code by code; on equal rank the first code stated wins. */
class LevelBest {
  iop: LevelEvidence | undefined = undefined;
  php: LevelEvidence | undefined = undefined;
  op: LevelEvidence | undefined = undefined;

  add(list: readonly LevelEvidence[]): void {
    for (const ev of list) {
      if (ev.level === 'IOP') {
        if (!this.iop || ev.rank < this.iop.rank) this.iop = ev;
      } else if (ev.level === 'PHP') {
        if (!this.php || ev.rank < this.php.rank) this.php = ev;
      } else if (!this.op || ev.rank < this.op.rank) this.op = ev;
    }
  }

  get evidence(): readonly LevelEvidence[] {
    return this.iop || this.php || this.op ? mergedEvidence(this.iop, this.php, this.op) : NO_EVIDENCE;
  }
}

/** Every level this benefit speaks for, best rank per level. */
export function classifyBenefit(benefit: EligibilityBenefit, bhContext: boolean): readonly LevelEvidence[] {
  const procedure = procedureEvidence(benefit);
  // With an EB13 procedure the EB03 list only restates the category; the procedure speaks.
  if (procedure.length > 0) return bestPerLevel(procedure);
  const stcs = benefit.serviceTypeCodes.length === 0 && !benefit.procedure ? PLAN_ONLY : benefit.serviceTypeCodes;
  // One code (most EBs): its evidence already names each level once.
  if (stcs.length === 1) return stcEvidence(stcs[0], bhContext);
  const best = new LevelBest();
  for (const stc of stcs) best.add(stcEvidence(stc, bhContext));
  return best.evidence;
}

/** A benefit read once for the normalizer: is it about behavioral health, and the levels it speaks for. Shared: never mutate. */
export interface ServiceProfile {
  readonly bh: boolean;
  /** classifyBenefit(benefit, false) and classifyBenefit(benefit, true). */
  readonly evidence: readonly [readonly LevelEvidence[], readonly LevelEvidence[]];
}

function listProfileUncached(stcs: readonly string[]): ServiceProfile {
  // One pass over the codes: BH or not, and the best per level without and with a BH context.
  let bh = false;
  const without = new LevelBest();
  const withContext = new LevelBest();
  for (const c of stcs) {
    const info = codeInfo(c);
    if (info.bh) bh = true;
    without.add(info.evidence[0]);
    withContext.add(info.evidence[1]);
  }
  return Object.freeze({ bh, evidence: Object.freeze([without.evidence, withContext.evidence] as const) });
}

/** A code list's profile, found by walking its codes in a trie (a plan-level EB lists ten or more, and the lists repeat). */
interface ListNode {
  next?: Map<string, ListNode>;
  profile?: ServiceProfile;
}
const LIST_ROOT: ListNode = {};
let listNodes = 0;
/** Payers send a few dozen lists; an unbounded stream of junk lists must not grow the trie. */
const MAX_LIST_NODES = 4096;

// The last list found: a batch from one payer repeats the same list on every answer, and
// comparing the codes with it is cheaper than walking the trie.
let lastList: readonly string[] = [];
let lastListProfile: ServiceProfile | undefined;

function sameCodes(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function listProfile(stcs: readonly string[]): ServiceProfile {
  if (lastListProfile !== undefined && sameCodes(stcs, lastList)) return lastListProfile;
  const profile = listProfileInTrie(stcs);
  // A copy: the caller's array is the parser's, and is not ours to keep.
  lastList = stcs.slice();
  lastListProfile = profile;
  return profile;
}

function listProfileInTrie(stcs: readonly string[]): ServiceProfile {
  let node = LIST_ROOT;
  for (const c of stcs) {
    let next = node.next?.get(c);
    if (next === undefined) {
      if (listNodes >= MAX_LIST_NODES) return listProfileUncached(stcs);
      next = {};
      (node.next ??= new Map<string, ListNode>()).set(c, next);
      listNodes++;
    }
    node = next;
  }
  return (node.profile ??= listProfileUncached(stcs));
}

export function serviceProfile(benefit: EligibilityBenefit): ServiceProfile {
  const procedure = procedureEvidence(benefit);
  if (procedure.length > 0) {
    // Frozen like the cached profiles: one shape for every profile and evidence list, so the
    // normalizer's reads of them stay monomorphic (issue 19).
    const evidence = frozenEvidence(bestPerLevel(procedure));
    return Object.freeze({ bh: true, evidence: Object.freeze([evidence, evidence] as const) });
  }
  const stcs = benefit.serviceTypeCodes.length === 0 && !benefit.procedure ? PLAN_ONLY : benefit.serviceTypeCodes;
  // One code (most EBs): its cached information is its profile.
  return stcs.length === 1 ? codeInfo(stcs[0]) : listProfile(stcs);
}

function bestPerLevel(all: readonly LevelEvidence[]): LevelEvidence[] {
  const best = new Map<LevelOfCare, LevelEvidence>();
  for (const ev of all) {
    const cur = best.get(ev.level);
    if (!cur || ev.rank < cur.rank) best.set(ev.level, ev);
  }
  return [...best.values()];
}

export function isPlanLevelBenefit(benefit: EligibilityBenefit): boolean {
  if (benefit.procedure) return false;
  return benefit.serviceTypeCodes.length === 0 || benefit.serviceTypeCodes.every(isPlanStc);
}

export function isBehavioralHealthBenefit(benefit: EligibilityBenefit): boolean {
  for (const c of benefit.serviceTypeCodes) if (BH_STCS.has(c)) return true;
  return benefit.procedure !== undefined && procedureEvidence(benefit).length > 0;
}
