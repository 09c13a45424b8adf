import { PAYER_DIRECTORY } from './payer-directory.data';
import type { PayerEntry, ResolvedPayer } from './payer-entry';

export interface PayerRoute {
  /** The insurer the request named (or on the card). */
  payer: ResolvedPayer;
  /** The entry whose payer id the inquiry goes to (itself, UMR for GEHA, the local plan for BlueCard). */
  via: ResolvedPayer;
  payerId: string;
  network?: { key: string; name: string };
  warnings: string[];
  /** BlueCard: the 3-character prefix that names the member's home plan. */
  blueCardPrefix?: string;
}

export type PayerResolutionProblem = 'unknown' | 'not_accepted' | 'ambiguous' | 'network_without_payer' | 'not_a_network' | 'not_routable';

export class PayerResolutionError extends Error {
  constructor(
    public readonly problem: PayerResolutionProblem,
    message: string,
    public readonly closestMatches: string[] = [],
  ) {
    super(message);
    this.name = 'PayerResolutionError';
  }
}

const normalize = (text: string): string =>
  text
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9 ]+/g, ' ')
    .replace(/\b(insurance|inc|co|company|the|health insurance)\b/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/**
 * Well-known insurers the center does not accept (docs/payers.md lists the ones it does). Typing one
 * gets a plain "not accepted", never a closest match that would send the inquiry to another payer.
 */
const NOT_ACCEPTED: readonly { name: string; aliases: readonly string[] }[] = [
  { name: 'Kaiser Permanente', aliases: ['kaiser', 'kaiser permanente', 'kp'] },
  { name: 'UnitedHealthcare', aliases: ['unitedhealthcare', 'united healthcare', 'united health care', 'uhc'] },
  { name: 'Humana', aliases: ['humana'] },
  { name: 'Medicare', aliases: ['medicare'] },
  { name: 'Medicaid / Medi-Cal', aliases: ['medicaid', 'medi cal'] },
  { name: 'TRICARE', aliases: ['tricare'] },
  { name: 'Molina Healthcare', aliases: ['molina'] },
  { name: 'Oscar Health', aliases: ['oscar'] },
];

/** The insurers the center accepts, resolvable by key, payer id or what a patient types. */
export class PayerDirectory {
  private readonly entries: ResolvedPayer[];

  /** `payerIdOverrides`: key -> payer id for the configured clearinghouse. */
  constructor(payerIdOverrides: Record<string, string> = {}, entries: readonly PayerEntry[] = PAYER_DIRECTORY) {
    this.entries = entries.map((entry) => ({ ...entry, payerId: payerIdOverrides[entry.key] ?? entry.defaultPayerId }));
  }

  list(): readonly ResolvedPayer[] {
    return this.entries;
  }

  byKey(key: string): ResolvedPayer | undefined {
    return this.entries.find((entry) => entry.key === key);
  }

  /** Finds the entry for a key, payer id or free text; throws PayerResolutionError otherwise. */
  find(input: string): ResolvedPayer {
    const text = normalize(input);
    if (!text) throw new PayerResolutionError('unknown', 'payer is empty');
    const exact = this.entries.find((entry) => entry.key === text || entry.payerId?.toLowerCase() === text || entry.aliases.includes(text));
    if (exact) return exact;

    // The longest alias found inside what was typed decides ("Anthem Blue Cross PPO plan").
    let best: { entry: ResolvedPayer; length: number }[] = [];
    for (const entry of this.entries) {
      for (const alias of entry.aliases) {
        if (alias.length >= 3 && ` ${text} `.includes(` ${alias} `)) {
          if (!best[0] || alias.length > best[0].length) best = [{ entry, length: alias.length }];
          else if (alias.length === best[0].length && !best.some((b) => b.entry.key === entry.key))
            best.push({ entry, length: alias.length });
        }
      }
    }
    if (best.length === 1) return best[0].entry;
    if (best.length > 1) {
      const names = best.map((b) => b.entry.name);
      throw new PayerResolutionError('ambiguous', `payer "${input}" matches several insurers: ${names.join(', ')}`, names);
    }
    // A well-known insurer outside the list is named as such, not "corrected" to a closest match.
    const known = NOT_ACCEPTED.find((insurer) => insurer.aliases.some((alias) => ` ${text} `.includes(` ${alias} `)));
    if (known) {
      throw new PayerResolutionError(
        'not_accepted',
        `payer "${input}": ${known.name} is not an insurer the center accepts (accepted: ${this.acceptedNames().join(', ')})`,
      );
    }
    const closest = this.closest(text);
    throw new PayerResolutionError(
      'unknown',
      `payer "${input}" is not an insurer we verify electronically; closest: ${closest.join(', ')}`,
      closest,
    );
  }

  /**
   * Resolves a request's `payer` (and optional `network`) to where the inquiry goes.
   * Networks (MultiPlan, Halcyon) are not payers: the request must name the payer on the card.
   */
  route(payerInput: string, networkInput?: string, memberId?: string): PayerRoute {
    const payer = this.find(payerInput);
    if (payer.kind === 'network') {
      throw new PayerResolutionError(
        'network_without_payer',
        `${payer.name} is a network, not a payer: send "payer" as the insurance company or administrator on the member's card and "network": "${payer.key}"`,
      );
    }
    let network: PayerRoute['network'];
    if (networkInput) {
      const entry = this.find(networkInput);
      if (entry.kind !== 'network') {
        throw new PayerResolutionError(
          'not_a_network',
          `network "${networkInput}" is not a network; networks: ${this.networkNames().join(', ')}`,
        );
      }
      network = { key: entry.key, name: entry.name };
    }
    const via = payer.routesThrough ? (this.byKey(payer.routesThrough) ?? payer) : payer;
    const payerId = via.payerId;
    if (!payerId) throw new PayerResolutionError('not_routable', `no payer id is configured for ${payer.name}`);
    const warnings: string[] = [];
    if (memberId && payer.memberIdPattern && !new RegExp(payer.memberIdPattern).test(memberId)) {
      warnings.push(`member id does not look like one ${payer.name} issues; check the card`);
    }
    const route: PayerRoute = { payer, via, payerId, warnings };
    if (network) route.network = network;
    if (payer.routing === 'bluecard' && memberId) route.blueCardPrefix = memberId.slice(0, 3).toUpperCase();
    return route;
  }

  private acceptedNames(): string[] {
    return this.entries.filter((entry) => entry.kind !== 'network').map((entry) => entry.name);
  }

  private networkNames(): string[] {
    return this.entries.filter((entry) => entry.kind === 'network').map((entry) => entry.name);
  }

  private closest(text: string): string[] {
    const scored = this.entries.map((entry) => ({
      name: entry.name,
      distance: Math.min(...[entry.key, ...entry.aliases].map((alias) => editDistance(text, alias))),
    }));
    return scored
      .sort((a, b) => a.distance - b.distance)
      .slice(0, 3)
      .map((s) => s.name);
  }
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    let previous = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j += 1) {
      const current = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length];
}
