#!/usr/bin/env node
// bvs: the library and the service from a shell. This file loads nothing but Node: each command
// loads what it needs when it runs, so `bvs --help` answers at once.
import { UsageError } from './errors';

const USAGE = `bvs — benefits verification from a shell

usage:
  bvs normalize <file.x12|file.json> [--json]
      the coverage summary of a 271 (X12 or the JSON eligibility format); a 270, 997, 999 or TA1
      is named for what it is
  bvs verify --payer <payer> --member-id <id> --first <name> --last <name> --dob <YYYY-MM-DD>
             [--network <network>] [--group <number>] [--json]
      one verification through the configured clearinghouse (CLEARINGHOUSE_TRANSPORT / _URL;
      by default the sandbox clearinghouse on http://127.0.0.1:3100)
  bvs verify --csv <in.csv> --out <results.csv> [--api <url>] [--key-file <file>] [--poll-ms <ms>]
      a census through the service's batch API, with a progress bar and a closing summary; safe to
      run again after an interruption (row keys come from the file)
  bvs payers [--json]
      the insurers the center accepts and how each is verified

  --json     machine-readable output instead of the table
  --help     this text

examples:
  bvs verify --payer aetna --member-id W100000001 --first JANE --last DOE --dob 1990-04-12
  bvs normalize test/fixtures/x12/linuxforhealth-271-subscriber-active.x12`;

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  switch (command) {
    case 'normalize':
      {
        // Flags first, from a module that loads no library: a usage error answers at once.
        const args = (await import('./command-flags')).readNormalizeArgs(rest);
        (await import('./normalize')).normalize(args);
      }
      return;
    case 'verify':
      if (rest.includes('--csv')) {
        await (
          await import('./batch-command')
        ).verifyCsv(rest, (message) => {
          throw new UsageError(message);
        });
        return;
      }
      {
        const values = (await import('./command-flags')).readVerifyFlags(rest);
        await (await import('./verify')).verify(values);
      }
      return;
    case 'payers':
      (await import('./payers')).payers(rest);
      return;
    default:
      throw new UsageError(`unknown command "${command}" (commands: normalize, verify, payers)`);
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof UsageError) {
    process.stderr.write(`bvs: ${error.message}\nrun "bvs --help" for usage\n`);
    process.exitCode = 2;
    return;
  }
  process.stderr.write(`bvs: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
