// Exact money: amounts travel as decimal strings and are computed in integer cents (bigint),
// so no figure ever passes through a float.

const DECIMAL = /^\s*([+-])?(\d*)(?:\.(\d*))?\s*$/;

/** Parses "1500", "250.5", ".75" into cents, rounding half-up beyond two places; undefined if not a number. */
export function toCents(value: string | undefined | null): bigint | undefined {
  if (value === undefined || value === null) return undefined;
  const m = DECIMAL.exec(value);
  if (!m) return undefined;
  const whole = m[2] ?? '';
  const frac = m[3] ?? '';
  if (whole === '' && frac === '') return undefined;
  const padded = (frac + '000').slice(0, 3);
  const milli = BigInt(whole || '0') * 1000n + BigInt(padded);
  // Half-up at the third decimal place; payers rarely send more than two.
  const cents = milli / 10n + (milli % 10n >= 5n ? 1n : 0n);
  return m[1] === '-' ? -cents : cents;
}

/** Formats cents as a two-place decimal string ("1500.00"). */
export function formatCents(cents: bigint): string {
  const negative = cents < 0n;
  const abs = negative ? -cents : cents;
  const whole = abs / 100n;
  const frac = (abs % 100n).toString().padStart(2, '0');
  return `${negative ? '-' : ''}${whole.toString()}.${frac}`;
}

/** Normalizes a payer amount to two places, or undefined when it is not a number. */
export function normalizeMoney(value: string | undefined): string | undefined {
  const cents = toCents(value);
  return cents === undefined ? undefined : formatCents(cents);
}

export function minCents(a: bigint, b: bigint): bigint {
  return a < b ? a : b;
}

export function maxCents(a: bigint, b: bigint): bigint {
  return a > b ? a : b;
}

/** A decimal as an exact ratio numerator/denominator (e.g. "0.125" -> 125/1000). */
export interface Ratio {
  numerator: bigint;
  denominator: bigint;
}

export function toRatio(value: string | number | undefined): Ratio | undefined {
  if (value === undefined) return undefined;
  const text = typeof value === 'number' ? String(value) : value;
  const m = DECIMAL.exec(text);
  if (!m || ((m[2] ?? '') === '' && (m[3] ?? '') === '')) return undefined;
  const frac = m[3] ?? '';
  const numerator = BigInt((m[2] || '0') + frac) * (m[1] === '-' ? -1n : 1n);
  return { numerator, denominator: 10n ** BigInt(frac.length) };
}

/** cents × ratio, rounded half-up to a cent. */
export function multiplyCents(cents: bigint, ratio: Ratio): bigint {
  const product = cents * ratio.numerator;
  const q = product / ratio.denominator;
  const r = product % ratio.denominator;
  return r * 2n >= ratio.denominator ? q + 1n : q;
}

/** EB08 patient share (0..1 decimal string) as a 0–100 percentage, exactly ("0.125" -> 12.5). */
export function shareToPercent(value: string | undefined): number | undefined {
  const ratio = toRatio(value);
  if (!ratio) return undefined;
  // Shift two decimal places in text to avoid float error (0.07 * 100 = 7.000000000000001).
  const scaled = ratio.numerator * 100n;
  const whole = scaled / ratio.denominator;
  const rem = scaled % ratio.denominator;
  if (rem === 0n) return Number(whole);
  const digits = ratio.denominator.toString().length - 1;
  const fracText = rem.toString().padStart(digits, '0').replace(/0+$/, '');
  return Number(`${whole.toString()}.${fracText}`);
}
