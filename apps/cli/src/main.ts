import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadConfig } from '@bvs/config';
import { createTransport } from '@bvs/clearinghouse';
import { LEVELS_OF_CARE, normalizeEligibility } from '@bvs/coverage';
import { PayerDirectory } from '@bvs/payers';
import { build270, isX12Error, readEligibility } from '@bvs/x12';

// The library and the service from a shell:
//   normalize <file>     coverage summary JSON for a 271 (X12 or JSON eligibility format)
//   verify --payer ...   one verification through the configured transport
//   payers               the payer directory

const USAGE = `usage:
  npm run cli -- normalize <file.x12|file.json>
  npm run cli -- verify --payer aetna --member-id W100000001 --first JANE --last DOE --dob 1990-04-12 [--network multiplan]
  npm run cli -- payers`;

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

function normalize(file: string | undefined): void {
  if (!file) fail(USAGE);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    fail(`cannot read ${file}`);
  }
  try {
    const { summary, reviewReasons } = normalizeEligibility(readEligibility(text));
    process.stdout.write(`${JSON.stringify({ summary, reviewReasons }, null, 2)}\n`);
  } catch (error) {
    if (isX12Error(error)) fail(`${file} is not a readable 271 eligibility response (${error.code})`);
    throw error;
  }
}

async function verify(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      payer: { type: 'string' },
      network: { type: 'string' },
      'member-id': { type: 'string' },
      first: { type: 'string' },
      last: { type: 'string' },
      dob: { type: 'string' },
    },
  });
  const { payer, network, first, last, dob } = values;
  const memberId = values['member-id'];
  if (!payer || !memberId || !first || !last || !dob) fail(USAGE);
  const config = loadConfig(process.env, { storesRecords: false });
  const route = new PayerDirectory(config.payerIds).route(payer, network, memberId);
  const inquiry = {
    payer: { name: route.via.name.toUpperCase(), payerId: route.payerId },
    provider: { npi: config.provider.npi, organizationName: config.provider.organizationName },
    subscriber: { memberId, firstName: first, lastName: last, dateOfBirth: dob },
    serviceTypeCodes: route.via.serviceTypeCodes,
    traceNumber: `CLI${Date.now()}`,
    traceOriginatorId: config.provider.traceOriginatorId,
    submitterId: config.clearinghouse.senderId,
    receiverId: config.clearinghouse.receiverId,
  };
  const reply = await createTransport(config).check({
    inquiry,
    x12: build270(inquiry),
    context: { verificationId: 'cli', payerId: route.payerId },
  });
  const result = normalizeEligibility(readEligibility(reply.raw), { levelsOfCare: LEVELS_OF_CARE });
  result.summary.network = route.network ?? null;
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}

function payers(): void {
  const directory = new PayerDirectory(loadConfig(process.env, { storesRecords: false }).payerIds);
  for (const entry of directory.list()) {
    const via = entry.routesThrough ? ` (via ${entry.routesThrough})` : '';
    process.stdout.write(`${entry.key.padEnd(10)} ${entry.name.padEnd(28)} ${entry.kind.padEnd(32)} ${entry.payerId ?? '-'}${via}\n`);
  }
}

async function main(): Promise<void> {
  const [command, ...rest] = process.argv.slice(2);
  switch (command) {
    case 'normalize':
      normalize(rest[0]);
      return;
    case 'verify':
      await verify(rest);
      return;
    case 'payers':
      payers();
      return;
    default:
      fail(USAGE);
  }
}

main().catch((error: unknown) => fail(error instanceof Error ? `error: ${error.message}` : 'error'));
