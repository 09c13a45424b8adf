// What a coordinator asks the payer on the phone for a verification in review: built from what
// the electronic answer left open (levels of care, the codes to name, authorization, remaining
// deductible and out-of-pocket), with whom to call.
import { LEVELS_OF_CARE, type CoverageSummary, type LevelOfCare, type LevelOfCareSummary } from './summary';

/** The codes a representative looks benefits up by, per level of care (HCPCS / service type). */
export const CODES_TO_ASK: Record<LevelOfCare, { codes: string[]; words: string }> = {
  IOP: { codes: ['H0015', 'S9480'], words: 'intensive outpatient (H0015 substance use, S9480 mental health; facility outpatient CH/CJ)' },
  PHP: { codes: ['BB', 'H0035'], words: 'partial hospitalization (service type BB, H0035)' },
  OP: { codes: ['CF', 'A6'], words: 'outpatient therapy (service type CF mental health provider, A6 psychotherapy)' },
};

export interface CallScriptInput {
  summary?: CoverageSummary;
  levelsOfCare: readonly LevelOfCare[];
  /** Whom the record would be verified with: the payer on the card and its provider-services phone. */
  payer: { name: string; phone?: string; payerId?: string };
  /** The behavioral-health administrator from the directory, when the payer carves out. */
  administrator?: { name: string; phone?: string };
  /** Which network the center is in with the payer (the figures to ask for first). */
  centerNetwork?: 'inNetwork' | 'outOfNetwork';
}

export interface CallQuestion {
  topic: 'eligibility' | 'benefits' | 'cost_share' | 'limits' | 'authorization' | 'accumulators' | 'call';
  level?: LevelOfCare;
  ask: string;
  codes?: string[];
}

export interface CallScript {
  /** Whom to call, first the one that holds the behavioral-health benefits. */
  call: { name: string; phone: string | null; why: string }[];
  questions: CallQuestion[];
}

const NET_WORDS = { inNetwork: 'in-network', outOfNetwork: 'out-of-network' } as const;

function levelQuestions(level: LevelOfCare, loc: LevelOfCareSummary | undefined, network: 'inNetwork' | 'outOfNetwork'): CallQuestion[] {
  const { codes, words } = CODES_TO_ASK[level];
  const out: CallQuestion[] = [];
  const net = NET_WORDS[network];
  if (!loc || loc.status === 'unknown' || loc.basis !== 'explicit') {
    out.push({ topic: 'benefits', level, codes, ask: `Is ${words} covered for this member? Ask by code: ${codes.join(', ')}.` });
  } else if (loc.status === 'not_covered') {
    out.push({ topic: 'benefits', level, codes, ask: `Confirm that ${words} is not covered (codes ${codes.join(', ')}), and whether an exception or another benefit applies.` });
    return out;
  }
  const terms = loc?.[network];
  if (!terms || (terms.copay === undefined && terms.coinsurancePercent === undefined)) {
    out.push({ topic: 'cost_share', level, codes, ask: `${level} ${net}: the copay (per day or per visit) and the coinsurance, and whether the deductible applies.` });
  } else if (terms.deductibleApplies === undefined) {
    out.push({ topic: 'cost_share', level, ask: `${level} ${net}: does the deductible apply before the ${terms.copay ? 'copay' : 'coinsurance'}?` });
  }
  if (!terms?.limits?.length) {
    out.push({ topic: 'limits', level, ask: `${level}: is there a day or visit limit per year, and how many are left?` });
  } else if (terms.limits.some((l) => l.remaining === undefined)) {
    out.push({ topic: 'limits', level, ask: `${level}: how many of the ${terms.limits.map((l) => `${l.quantity} ${l.unit}`).join(' / ')} are left this year?` });
  }
  const auth = loc?.priorAuthorizationRequired;
  if (auth === undefined || auth === null) {
    out.push({ topic: 'authorization', level, ask: `${level}: is prior authorization required? If so, the phone number or portal for the request, and how long it takes.` });
  } else if (auth) {
    out.push({ topic: 'authorization', level, ask: `${level}: prior authorization is required: ask for the number to request it and the clinical information it needs.` });
  }
  return out;
}

/** The call script for a verification in review (or any record staff verify by phone). */
export function buildCallScript(input: CallScriptInput): CallScript {
  const network = input.centerNetwork ?? 'inNetwork';
  const summary = input.summary;
  const call: CallScript['call'] = [];
  const carveOut = summary?.carveOut;
  if (carveOut) {
    call.push({
      name: carveOut.name,
      phone: carveOut.phone ?? (input.administrator?.name === carveOut.name ? (input.administrator.phone ?? null) : null),
      why: 'administers the behavioral-health benefits (carve-out)',
    });
  } else if (input.administrator) {
    call.push({ name: input.administrator.name, phone: input.administrator.phone ?? null, why: 'may administer the behavioral-health benefits for this payer' });
  }
  call.push({ name: input.payer.name, phone: input.payer.phone ?? null, why: carveOut ? 'the plan on the card: eligibility and accumulators' : 'provider services: eligibility and benefits' });

  const questions: CallQuestion[] = [];
  const status = summary?.eligibility.status;
  if (status !== 'active') {
    questions.push({ topic: 'eligibility', ask: 'Is the plan active for the planned start date? Confirm the member id, name and date of birth on file, and the plan and group.' });
  }
  for (const level of LEVELS_OF_CARE.filter((l) => input.levelsOfCare.includes(l))) {
    questions.push(...levelQuestions(level, summary?.levelsOfCare[level], network));
  }
  const acc = summary?.accumulators[network];
  const remaining = (a: { individual?: { remaining?: string }; family?: { remaining?: string } } | undefined) => a?.individual?.remaining ?? a?.family?.remaining;
  if (remaining(acc?.deductible) === undefined) {
    questions.push({ topic: 'accumulators', ask: `The ${NET_WORDS[network]} deductible (individual and family): total and how much is left.` });
  }
  if (remaining(acc?.outOfPocketMax) === undefined) {
    questions.push({ topic: 'accumulators', ask: `The ${NET_WORDS[network]} out-of-pocket maximum (individual and family): total and how much is left.` });
  }
  questions.push({ topic: 'call', ask: 'Before you hang up: the call reference number and the representative’s name.' });
  return { call, questions };
}
