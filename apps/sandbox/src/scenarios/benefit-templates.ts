import type { BenefitSpec } from '@bvs/x12';

// Small builders so each member's scenario reads like the benefits a payer would state.

export const activePlan = (planName: string, insuranceType = 'PR', codes = ['30', 'MH', 'BB', 'CH', 'CJ', 'CF', 'A6']): BenefitSpec => ({
  informationCode: '1',
  coverageLevelCode: 'IND',
  serviceTypeCodes: codes,
  insuranceTypeCode: insuranceType,
  planCoverageDescription: planName,
});

/** EB01 C (deductible) or G (out of pocket): EB06 23 calendar-year total, 29 remaining. */
export const accumulator = (
  kind: 'deductible' | 'outOfPocket',
  network: 'Y' | 'N',
  total: string,
  remaining?: string,
  level: 'IND' | 'FAM' = 'IND',
): BenefitSpec[] => {
  const informationCode = kind === 'deductible' ? 'C' : 'G';
  const base: BenefitSpec = {
    informationCode,
    coverageLevelCode: level,
    serviceTypeCodes: ['30'],
    insuranceTypeCode: 'PR',
    timePeriodQualifier: '23',
    monetaryAmount: total,
    inPlanNetwork: network,
  };
  return remaining === undefined ? [base] : [base, { ...base, timePeriodQualifier: '29', monetaryAmount: remaining }];
};

export const coinsurance = (
  serviceTypeCodes: string[],
  percent: string,
  network: 'Y' | 'N' | 'W',
  authorization: 'Y' | 'N' | 'U',
  extra: Partial<BenefitSpec> = {},
): BenefitSpec => ({
  informationCode: 'A',
  coverageLevelCode: 'IND',
  serviceTypeCodes,
  insuranceTypeCode: 'PR',
  percent,
  authorizationRequired: authorization,
  inPlanNetwork: network,
  ...extra,
});

export const copay = (
  serviceTypeCodes: string[],
  amount: string,
  per: '27' | '7',
  network: 'Y' | 'N' | 'W',
  authorization: 'Y' | 'N' | 'U',
  extra: Partial<BenefitSpec> = {},
): BenefitSpec => ({
  informationCode: 'B',
  coverageLevelCode: 'IND',
  serviceTypeCodes,
  insuranceTypeCode: 'PR',
  timePeriodQualifier: per,
  monetaryAmount: amount,
  authorizationRequired: authorization,
  inPlanNetwork: network,
  ...extra,
});

export const procedure = (code: string) => ({ procedure: { qualifier: 'HC', code, modifiers: [] } });

/** A plan whose IOP, PHP and OP benefits are all stated explicitly (the well-behaved payer). */
export function explicitBehavioralHealth(options: {
  deductibleIn: [string, string];
  outOfPocketIn: [string, string];
  deductibleOut: string;
  iopPhpPercentIn: string;
  percentOut: string;
  opCopay: string;
  phpDays?: string;
  iopAuth?: 'Y' | 'N' | 'U';
}): BenefitSpec[] {
  const iopAuth = options.iopAuth ?? 'Y';
  return [
    ...accumulator('deductible', 'Y', ...options.deductibleIn),
    ...accumulator('outOfPocket', 'Y', ...options.outOfPocketIn),
    ...accumulator('deductible', 'N', options.deductibleOut),
    coinsurance([], options.iopPhpPercentIn, 'Y', iopAuth, {
      ...procedure('S9480'),
      messages: ['INTENSIVE OUTPATIENT SUBJECT TO DEDUCTIBLE'],
    }),
    coinsurance(['CH'], options.iopPhpPercentIn, 'Y', iopAuth, { messages: ['SUBJECT TO DEDUCTIBLE'] }),
    coinsurance([], options.percentOut, 'N', iopAuth, procedure('S9480')),
    coinsurance(['CH'], options.percentOut, 'N', iopAuth),
    coinsurance(['BB'], options.iopPhpPercentIn, 'Y', 'Y', {
      messages: ['SUBJECT TO DEDUCTIBLE'],
      deliveries: options.phpDays ? [{ quantityQualifier: 'DY', quantity: options.phpDays, timePeriodQualifier: '23' }] : [],
    }),
    coinsurance(['BB'], options.percentOut, 'N', 'Y'),
    copay(['CF', 'A6'], options.opCopay, '27', 'Y', 'N', { messages: ['COPAY NOT SUBJECT TO DEDUCTIBLE'] }),
    coinsurance(['CF', 'A6'], options.percentOut, 'N', 'N'),
  ];
}
