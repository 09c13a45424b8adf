import { type CenterNetworkStatus, LEVELS_OF_CARE, type NormalizationResult, normalizeEligibility } from '@bvs/coverage';
import type { StoredAnswer, VerificationRecord } from '@bvs/store';

export interface DeriveOptions {
  /** Allowed amount per session, by level of care, for this payer. */
  allowedPerSession: Record<string, string>;
  /** The center's network with this payer: the estimate is made in it. */
  centerNetwork?: CenterNetworkStatus;
}

/**
 * The summary of a verification from its parsed answers, for its own levels of care and
 * program: used when the payer answers and again when a fresh result is reused by another request.
 */
export function deriveSummary(
  answers: readonly StoredAnswer[],
  record: Pick<VerificationRecord, 'request' | 'network'>,
  options: DeriveOptions,
): NormalizationResult {
  const result = normalizeEligibility(
    answers.flatMap((answer) => answer.responses),
    {
      levelsOfCare: record.request.levelsOfCare,
      program: record.request.program,
      allowedPerSession: options.allowedPerSession,
      ...(options.centerNetwork ? { centerNetwork: options.centerNetwork } : {}),
    },
  );
  result.summary.network = record.network ?? null;
  return result;
}

/**
 * What a reuse answers with: re-derived from the earlier verification's parsed answers, or (for
 * a result staff entered by hand, which has none) its summary narrowed to the levels asked for.
 */
export function deriveReusedSummary(
  previous: VerificationRecord,
  record: Pick<VerificationRecord, 'request' | 'network'>,
  options: DeriveOptions,
): NormalizationResult | null {
  if (previous.answers?.length) return deriveSummary(previous.answers, record, options);
  if (!previous.summary) return null;
  const levelsOfCare = Object.fromEntries(
    LEVELS_OF_CARE.filter((level) => record.request.levelsOfCare.includes(level) && previous.summary?.levelsOfCare[level]).map((level) => [
      level,
      previous.summary?.levelsOfCare[level],
    ]),
  );
  return { summary: { ...previous.summary, levelsOfCare }, reviewReasons: [] };
}
