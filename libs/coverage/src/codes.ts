// X12 code tables the normalizer needs (005010X279A1). Names follow the TR3 code lists.

/** EB04 insurance type -> the short form staff recognise. */
export const INSURANCE_TYPE_DISPLAY: Readonly<Record<string, string>> = {
  PR: 'PPO',
  HM: 'HMO',
  EP: 'EPO',
  PS: 'POS',
  HN: 'HMO Medicare Risk',
  C1: 'Commercial',
  CO: 'Consolidated Omnibus Budget Reconciliation Act (COBRA)',
  CP: 'Medicare Conditionally Primary',
  D: 'Disability',
  DB: 'Disability Benefits',
  EM: 'Medical Expense (Employee Health)',
  FF: 'Family or Friends',
  GP: 'Group Policy',
  HS: 'Special Low Income Medicare Beneficiary',
  IN: 'Indemnity',
  IP: 'Individual Policy',
  LC: 'Long Term Care',
  LD: 'Long Term Policy',
  LI: 'Life Insurance',
  LT: 'Litigation',
  MA: 'Medicare Part A',
  MB: 'Medicare Part B',
  MC: 'Medicaid',
  MH: 'Medigap Part A',
  MI: 'Medigap Part B',
  MP: 'Medicare Primary',
  OT: 'Other',
  PE: 'Property Insurance - Personal',
  PL: 'Personal',
  PP: 'Personal Payment (Cash - No Insurance)',
  QM: 'Qualified Medicare Beneficiary',
  SP: 'Supplemental Policy',
  TF: 'Tax Equity Financial Responsibility Act (TEFRA)',
  WC: "Workers' Compensation",
  WU: 'Wrap Up Policy',
  '12': 'Medicare Secondary Working Aged Beneficiary or Spouse with Employer Group Health Plan',
  '13': 'Medicare Secondary End-Stage Renal Disease Beneficiary in the 12 month coordination period with an employer group health plan',
  '14': 'Medicare Secondary, No-fault Insurance including Auto is Primary',
  '15': "Medicare Secondary Worker's Compensation",
  '16': 'Medicare Secondary Public Health Service (PHS) or Other Federal Agency',
  '41': 'Medicare Secondary Black Lung',
  '42': "Medicare Secondary Veteran's Administration",
  '43': 'Medicare Secondary Disabled Beneficiary Under Age 65 with Large Group Health Plan (LGHP)',
  '47': 'Medicare Secondary, Other Liability Insurance is Primary',
};

// A Map for the lookup: the record mixes index-like keys ('12') with named ones ('PR'), which
// makes every keyed read of it a slow generic one (issue 19).
const INSURANCE_TYPE_NAMES: ReadonlyMap<string, string> = new Map(Object.entries(INSURANCE_TYPE_DISPLAY));

/** EB04's display form: INSURANCE_TYPE_DISPLAY's entry, or the code itself. */
export const insuranceTypeDisplay = (code: string): string => INSURANCE_TYPE_NAMES.get(code) ?? code;

export const ACTIVE_CODES = new Set(['1', '2', '3', '4', '5']);
export const INACTIVE_CODES = new Set(['6', '7', '8']);

// The same tests by comparison: the parser's codes are fresh strings on every answer, and a Set
// lookup first hashes each one; `===` against a constant does not (issue 19).
/** EB01 1–5: ACTIVE_CODES. */
export const isActiveCode = (c: string): boolean => c === '1' || c === '2' || c === '3' || c === '4' || c === '5';
/** EB01 6–8: INACTIVE_CODES. */
export const isInactiveCode = (c: string): boolean => c === '6' || c === '7' || c === '8';
/** Service type 30 or 1: PLAN_STCS. */
export const isPlanStc = (c: string): boolean => c === '30' || c === '1';

/** Service types that mean "the whole plan" (precedence 7). */
export const PLAN_STCS = new Set(['30', '1']);
/** Domain service types: general mental health / substance use (precedence 6). */
export const BH_GENERAL_STCS = new Set(['MH', 'A4', 'AI', 'AJ', 'AK']);
/** Every service type that says something about behavioral health. */
export const BH_STCS = new Set(['MH', 'A4', 'AI', 'AJ', 'AK', 'A6', 'A8', 'BB', 'BC', 'BD', '22', 'CF', 'CH', 'CJ', 'CE', 'CG', 'CI', 'A5', 'A7', 'RT']);

/** EB06 -> copay unit. */
export const COPAY_UNIT: Readonly<Record<string, string>> = { '27': 'visit', '7': 'day', '36': 'admission', '26': 'episode', '6': 'hour', '13': 'day' };

/** EB06 / HSD05 -> limit period. */
export const PERIOD: Readonly<Record<string, string>> = {
  '6': 'hour',
  '7': 'day',
  '13': 'day',
  '21': 'years',
  '22': 'service_year',
  '23': 'calendar_year',
  '24': 'year_to_date',
  '25': 'contract',
  '26': 'episode',
  '27': 'visit',
  '32': 'lifetime',
  '34': 'month',
  '35': 'week',
  '36': 'admission',
};

/** EB09 / HSD01 -> limit unit. */
export const QUANTITY_UNIT: Readonly<Record<string, string>> = {
  VS: 'visits',
  DY: 'days',
  HS: 'hours',
  MN: 'months',
  YY: 'years',
  P6: 'units',
  FL: 'units',
  CA: 'units',
  CE: 'units',
  M2: 'units',
  D3: 'days',
};

/** HSD03 unit/basis -> period, used when HSD05 is absent ("HSD*VS*3*WK" = 3 visits per week). */
export const HSD_BASIS_PERIOD: Readonly<Record<string, string>> = { DA: 'day', WK: 'week', MO: 'month', YR: 'year' };

/** AAA04 follow-up action (element 889). */
export const FOLLOW_UP: Readonly<Record<string, string>> = {
  C: 'Please Correct and Resubmit',
  N: 'Resubmission Not Allowed',
  P: 'Please Resubmit Original Transaction',
  R: 'Resubmission Allowed',
  S: 'Do Not Resubmit; Inquiry Initiated to a Third Party',
  W: 'Please Wait 30 Days and Resubmit',
  X: 'Please Wait 10 Days and Resubmit',
  Y: 'Do Not Resubmit; We Will Hold Your Request and Respond Again Shortly',
};
