// Insurers patients often name that the center does not accept (it accepts the 12 in the
// directory). Naming one is not a dead end: the request is kept for a call back (docs/admissions-workflow.md).

export interface NotAcceptedInsurer {
  name: string;
  /** Lower-case words that name it in what a patient types. */
  aliases: string[];
}

export const NOT_ACCEPTED_INSURERS: readonly NotAcceptedInsurer[] = [
  { name: 'Kaiser Permanente', aliases: ['kaiser', 'kaiser permanente', 'kp'] },
  { name: 'Medicare', aliases: ['medicare', 'medicare advantage'] },
  { name: 'Medicaid (Medi-Cal)', aliases: ['medicaid', 'medi cal', 'medi-cal'] },
  { name: 'TRICARE', aliases: ['tricare', 'champus'] },
  { name: 'Humana', aliases: ['humana'] },
];

/** What a patient types for "I have no insurance / I will pay myself". */
const SELF_PAY = new Set(['self-pay', 'self pay', 'selfpay', 'self_pay', 'none', 'no insurance', 'uninsured', 'cash']);

export function isSelfPay(input: string): boolean {
  return SELF_PAY.has(input.trim().toLowerCase().replace(/\s+/g, ' '));
}

/** The not-accepted insurer the text names, if any. */
export function notAcceptedInsurer(input: string): NotAcceptedInsurer | null {
  const text = ` ${input
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, ' ')
    .trim()} `;
  return NOT_ACCEPTED_INSURERS.find((insurer) => insurer.aliases.some((alias) => text.includes(` ${alias} `))) ?? null;
}
