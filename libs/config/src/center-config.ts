// The treatment center's own settings: its phone number (shown to patients) and its network
// status with each payer (docs/coverage-summary.md, the estimate), which picks the network
// the cost estimate is made in.

type Env = Record<string, string | undefined>;

export type CenterNetwork = 'inNetwork' | 'outOfNetwork';

/** The center's network with one payer: a default, optionally per plan type (PPO, HMO, EPO, …). */
export interface PayerNetworkStatus {
  default: CenterNetwork;
  byPlanType: Record<string, CenterNetwork>;
}

export interface CenterConfig {
  name: string;
  /** Shown to patients on the form and its result (CENTER_PHONE); null hides it. */
  phone: string | null;
  /** CENTER_NETWORK_DEFAULT: for payers not listed in CENTER_NETWORK. */
  defaultNetwork: CenterNetwork;
  /** CENTER_NETWORK=aetna:in,umr:out,anthem.hmo:out (payer key, optionally .plan type). */
  networks: Record<string, PayerNetworkStatus>;
}

const WORDS: Record<string, CenterNetwork> = {
  in: 'inNetwork',
  out: 'outOfNetwork',
  'in-network': 'inNetwork',
  'out-of-network': 'outOfNetwork',
};

export function parseCenter(env: Env, problems: string[]): CenterConfig {
  const phone = env.CENTER_PHONE?.trim() || null;
  if (phone && !/^[0-9+()\-. ]{7,25}$/.test(phone)) problems.push('CENTER_PHONE must be a phone number like (714) 555-0100');
  const defaultWord = (env.CENTER_NETWORK_DEFAULT?.trim() || 'in').toLowerCase();
  const defaultNetwork = WORDS[defaultWord];
  if (!defaultNetwork) problems.push('CENTER_NETWORK_DEFAULT must be "in" or "out"');
  const networks: Record<string, PayerNetworkStatus> = {};
  for (const entry of (env.CENTER_NETWORK ?? '')
    .split(',')
    .map((e) => e.trim().toLowerCase())
    .filter(Boolean)) {
    const match = /^([a-z0-9_-]+)(?:\.([a-z0-9_-]+))?:([a-z-]+)$/.exec(entry);
    const network = match ? WORDS[match[3]] : undefined;
    if (!match || !network) {
      problems.push('CENTER_NETWORK entries must look like <payer key>:in, <payer key>:out or <payer key>.<plan type>:out');
      continue;
    }
    const status = (networks[match[1]] ??= { default: defaultNetwork ?? 'inNetwork', byPlanType: {} });
    if (match[2]) status.byPlanType[match[2].toUpperCase()] = network;
    else status.default = network;
  }
  return { name: env.CENTER_NAME?.trim() || 'Friendly Recovery Center', phone, defaultNetwork: defaultNetwork ?? 'inNetwork', networks };
}

/** The center's network status with a payer key (the estimate narrows it by plan type). */
export function networkStatusFor(center: CenterConfig, payerKey: string): PayerNetworkStatus {
  return center.networks[payerKey] ?? { default: center.defaultNetwork, byPlanType: {} };
}
