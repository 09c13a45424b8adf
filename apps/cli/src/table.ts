import type { Accumulator, CoverageSummary, LevelOfCareSummary, NetworkTerms } from '@bvs/coverage';

// The coverage summary as a person reads it at a terminal. Absent figures show as "—" (the payer
// did not state them), never as zero.

const DASH = '—';

function columns(rows: string[][]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((row) => (row[i] ?? '').length))) ?? [];
  return rows.map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('  ')).join('\n');
}

function terms(network: NetworkTerms | undefined): string {
  if (!network) return DASH;
  if (network.notCovered) return 'not covered';
  const parts: string[] = [];
  if (network.copay) parts.push(`copay ${network.copay.amount}${network.copay.per ? ` per ${network.copay.per}` : ''}`);
  if (network.coinsurancePercent !== undefined) parts.push(`${network.coinsurancePercent}% coinsurance`);
  if (network.deductibleApplies === true) parts.push('after deductible');
  if (network.deductibleApplies === false) parts.push('no deductible');
  for (const limit of network.limits ?? [])
    parts.push(`${limit.quantity} ${limit.unit}${limit.period ? ` per ${limit.period.replace('_', ' ')}` : ''}`);
  return parts.length > 0 ? parts.join(', ') : DASH;
}

function amount(accumulator: Accumulator | undefined): string {
  const pair = accumulator?.individual ?? accumulator?.family;
  if (!pair?.total && !pair?.remaining) return DASH;
  const who = accumulator?.individual ? 'individual' : 'family';
  return `${who} ${pair.total ?? DASH}${pair.remaining ? ` (${pair.remaining} left)` : ''}`;
}

function priorAuth(level: LevelOfCareSummary): string {
  if (level.priorAuthorizationRequired === true) return 'required';
  if (level.priorAuthorizationRequired === false) return 'not required';
  return 'ask';
}

export function summaryTable(summary: CoverageSummary, reviewReasons: readonly string[] = []): string {
  const { eligibility } = summary;
  const plan = [eligibility.plan.name, eligibility.plan.insuranceType ? `(${eligibility.plan.insuranceType})` : '']
    .filter(Boolean)
    .join(' ');
  const member = eligibility.member;
  const head = columns([
    ['eligibility', `${eligibility.status}${plan ? ` — ${plan}` : ''}`],
    ['coverage', `${eligibility.plan.coverageStart ?? DASH} to ${eligibility.plan.coverageEnd ?? DASH}`],
    ['payer', `${eligibility.payer.name ?? DASH}${eligibility.payer.payerId ? ` (${eligibility.payer.payerId})` : ''}`],
    [
      'member',
      [`${member.firstName ?? ''} ${member.lastName ?? ''}`.trim(), member.memberId, member.relationship].filter(Boolean).join(', ') ||
        DASH,
    ],
    ...(summary.network ? [['network', summary.network.name]] : []),
  ]);
  const accumulators = columns([
    ['', 'in network', 'out of network'],
    ['deductible', amount(summary.accumulators.inNetwork?.deductible), amount(summary.accumulators.outOfNetwork?.deductible)],
    [
      'out-of-pocket max',
      amount(summary.accumulators.inNetwork?.outOfPocketMax),
      amount(summary.accumulators.outOfNetwork?.outOfPocketMax),
    ],
  ]);
  const levels = columns([
    ['level', 'status', 'basis', 'in network', 'out of network', 'prior auth'],
    ...(['IOP', 'PHP', 'OP'] as const).flatMap((key) => {
      const level = summary.levelsOfCare[key];
      return level ? [[key, level.status, level.basis, terms(level.inNetwork), terms(level.outOfNetwork), priorAuth(level)]] : [];
    }),
  ]);
  const notes: string[] = [];
  for (const rejection of eligibility.rejections)
    notes.push(`rejected: AAA ${rejection.code} ${rejection.description}${rejection.retryable ? ' (retryable)' : ''}`);
  if (summary.carveOut)
    notes.push(`behavioral health carved out to ${summary.carveOut.name}${summary.carveOut.phone ? `, ${summary.carveOut.phone}` : ''}`);
  for (const reason of reviewReasons) notes.push(`needs review: ${reason}`);
  return [head, '', accumulators, '', levels, ...(notes.length ? ['', ...notes] : [])].join('\n');
}
