import { type AppConfig, ConfigError, loadConfig } from '@bvs/config/core';
import { createTransport, TransportError } from '@bvs/clearinghouse';
import { LEVELS_OF_CARE, normalizeEligibility } from '@bvs/coverage';
import { PayerDirectory, PayerResolutionError, type PayerRoute } from '@bvs/payers/core';
import { build270, readEligibility } from '@bvs/x12';
import { UsageError } from './errors';
import type { VerifyFlags } from './command-flags';
import { summaryTable } from './table';

function resolve(directory: PayerDirectory, payer: string, network: string | undefined, memberId: string): PayerRoute {
  try {
    return directory.route(payer, network, memberId);
  } catch (error) {
    if (!(error instanceof PayerResolutionError)) throw error;
    // The directory speaks of the API's fields; here they are flags.
    const flag = error.problem === 'not_a_network' ? '--network' : '--payer';
    const message = error.message
      .replace(/^(payer|network) /, '')
      .replace('send "payer" as', 'give --payer as')
      .replace(/and "network": "([^"]+)"/, 'and --network $1');
    throw new UsageError(`${flag} ${message}`);
  }
}

function noAnswerHint(config: AppConfig, error: TransportError): string {
  const url = config.clearinghouse.url;
  const sandbox = /^https?:\/\/(127\.0\.0\.1|localhost)(:\d+)?\//.test(url);
  return [
    `the clearinghouse at ${url} did not answer (${error.kind}: ${error.message})`,
    sandbox
      ? 'the sandbox clearinghouse is not running: start it with "npm run start:sandbox" (after "npm run build"), or "npm start" for the whole stack, or "docker compose up sandbox"'
      : 'check CLEARINGHOUSE_URL and that the clearinghouse is reachable from here',
  ].join('\n');
}

/** One verification with flags already checked (readVerifyFlags in command-flags.ts), so a wrong flag never loads this module. */
export async function verify(values: VerifyFlags): Promise<void> {
  const flag = (name: string): string => values[name] as string;

  let config: AppConfig;
  try {
    config = loadConfig(process.env, { storesRecords: false });
  } catch (error) {
    if (error instanceof ConfigError) throw new Error(`the environment is not a valid configuration:\n  ${error.problems.join('\n  ')}`);
    throw error;
  }
  const memberId = flag('member-id');
  const route = resolve(new PayerDirectory(config.payerIds), flag('payer'), values.network as string | undefined, memberId);
  const inquiry = {
    payer: { name: route.via.name.toUpperCase(), payerId: route.payerId },
    provider: { npi: config.provider.npi, organizationName: config.provider.organizationName },
    subscriber: {
      memberId,
      firstName: flag('first'),
      lastName: flag('last'),
      dateOfBirth: flag('dob'),
      ...(values.group ? { groupNumber: flag('group') } : {}),
    },
    serviceTypeCodes: route.via.serviceTypeCodes,
    traceNumber: `CLI${Date.now()}`,
    traceOriginatorId: config.provider.traceOriginatorId,
    submitterId: config.clearinghouse.senderId,
    receiverId: config.clearinghouse.receiverId,
  };
  let raw: string;
  try {
    const reply = await createTransport(config).check({
      inquiry,
      x12: build270(inquiry),
      context: { verificationId: 'cli', payerId: route.payerId },
    });
    raw = reply.raw;
  } catch (error) {
    if (error instanceof TransportError && (error.kind === 'network' || error.kind === 'timeout'))
      throw new Error(noAnswerHint(config, error));
    if (error instanceof TransportError) throw new Error(`the clearinghouse answered with a failure (${error.kind}): ${error.message}`);
    throw error;
  }
  const result = normalizeEligibility(readEligibility(raw), { levelsOfCare: LEVELS_OF_CARE });
  result.summary.network = route.network ?? null;
  process.stdout.write(values.json ? `${JSON.stringify(result, null, 2)}\n` : `${summaryTable(result.summary, result.reviewReasons)}\n`);
}
