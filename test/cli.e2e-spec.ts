import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type Stack, startStack } from './support/stack';

// The compiled `bvs` binary (package.json "bin"), spawned as a user runs it.

const ROOT = resolve(__dirname, '..');
const BIN = join(ROOT, 'dist', 'apps', 'cli', 'src', 'main.js');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

function bvs(args: string[], env: Record<string, string> = {}): Promise<Run> {
  const started = Date.now();
  return new Promise((done) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => done({ code, stdout, stderr, ms: Date.now() - started }));
  });
}

/** A minimal X12 interchange around the given segments (for acknowledgments no fixture has). */
function interchange(segments: string[]): string {
  const isa = 'ISA*00*          *00*          *ZZ*SANDBOXCH      *ZZ*SUNRISEBHC     *261128*1200*^*00501*000000001*0*T*:~';
  return [isa, ...segments.map((s) => `${s}~`), 'IEA*1*000000001~'].join('');
}

describe('bvs CLI (compiled)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bvs-cli-'));

  beforeAll(() => {
    // The binary is what `npm run build` makes; build it when this checkout has not yet.
    const sources = join(ROOT, 'apps', 'cli', 'src');
    const newest = Math.max(...readdirSync(sources).map((file) => statSync(join(sources, file)).mtimeMs));
    if (!existsSync(BIN) || statSync(BIN).mtimeMs < newest) {
      const build = spawnSync('npm', ['run', '-s', 'build'], { cwd: ROOT, encoding: 'utf8' });
      if (build.status !== 0) throw new Error(`npm run build failed: ${build.stderr}`);
    }
  }, 300_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is the package bin, and answers --help without loading Nest or ts-node', async () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> };
    expect(resolve(ROOT, pkg.bin.bvs)).toBe(BIN);
    expect(readFileSync(BIN, 'utf8').startsWith('#!/usr/bin/env node')).toBe(true);
    const help = await bvs(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('bvs verify --payer');
    // What --help and a usage error load: the entry, its error class and the flag readers (every command loads lazily).
    for (const args of [['--help'], ['verify', '--frist', 'JANE'], ['verify', '--payer', 'aetna'], ['normalize']]) {
      const loaded = spawnSync(
        process.execPath,
        [
          '-e',
          `process.argv=[process.argv[0], ${JSON.stringify(BIN)}, ...${JSON.stringify(args)}]; require(${JSON.stringify(BIN)}); setTimeout(() => console.error(JSON.stringify(Object.keys(require.cache))), 0)`,
        ],
        { encoding: 'utf8' },
      );
      const modules = JSON.parse(loaded.stderr.trim().split('\n').pop() ?? '[]') as string[];
      expect({ args, heavy: modules.filter((m) => /@nestjs|ts-node|libs[\\/]|node_modules/.test(m)) }).toEqual({ args, heavy: [] });
    }
  });

  it('answers --help in well under a second (generous margin for a busy machine; the report has the measured figures)', async () => {
    const runs: number[] = [];
    for (let i = 0; i < 3; i += 1) runs.push((await bvs(['--help'])).ms);
    expect(Math.min(...runs)).toBeLessThan(1_500);
  });

  it('names its flags in errors, every problem at once', async () => {
    const run = await bvs(['verify', '--payer', 'aetna', '--dob', '1990-13-40', '--first', 'JANE']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--member-id is required');
    expect(run.stderr).toContain('--last is required');
    expect(run.stderr).toContain('--dob must be a date like 1990-04-12');
    expect(run.stderr).not.toMatch(/member\.id|dateOfBirth|lastName/);
    const typo = await bvs(['verify', '--frist', 'JANE']);
    expect(typo.stderr).toContain('unknown flag --frist');
    const network = await bvs([
      'verify',
      '--payer',
      'multiplan',
      '--member-id',
      'W1',
      '--first',
      'A',
      '--last',
      'B',
      '--dob',
      '1990-04-12',
    ]);
    expect(network.stderr).toContain('give --payer as');
    expect(network.stderr).toContain('--network multiplan');
  });

  it('names an insurer the center does not accept as such, not by its closest matches', async () => {
    const run = await bvs(['verify', '--payer', 'kaiser', '--member-id', 'K1', '--first', 'A', '--last', 'B', '--dob', '1990-04-12']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Kaiser Permanente is not an insurer the center accepts');
    expect(run.stderr).not.toContain('closest');
  });

  it('says when no clearinghouse answers, and how to start the sandbox', async () => {
    // A port nothing listens on: the default sandbox URL's shape, so the hint is the sandbox one.
    const run = await bvs(
      ['verify', '--payer', 'aetna', '--member-id', 'W100000001', '--first', 'JANE', '--last', 'DOE', '--dob', '1990-04-12'],
      {
        CLEARINGHOUSE_URL: 'http://127.0.0.1:9/core/realtime',
      },
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('the clearinghouse at http://127.0.0.1:9/core/realtime did not answer');
    expect(run.stderr).toContain('npm run start:sandbox');
  });

  it('recognizes a 270, a 997, a 999 and a TA1 and says what each is', async () => {
    const cases: [string, string, RegExp][] = [
      ['270.x12', readFileSync(join(ROOT, 'test/fixtures/x12/linuxforhealth-270-subscriber.x12'), 'utf8'), /is a 270 eligibility inquiry/],
      [
        '997.x12',
        interchange([
          'GS*FA*SANDBOXCH*SUNRISEBHC*20261128*1200*1*X*005010',
          'ST*997*0001',
          'AK1*HS*1',
          'AK9*R*1*1*0',
          'SE*4*0001',
          'GE*1*1',
        ]),
        /functional acknowledgment \(997\): the receiver rejected/,
      ],
      [
        '999.x12',
        interchange([
          'GS*FA*SANDBOXCH*SUNRISEBHC*20261128*1200*1*X*005010X231A1',
          'ST*999*0001*005010X231A1',
          'AK1*HS*1*005010X279A1',
          'AK2*270*0001',
          'IK3*NM1*8**8',
          'IK5*R*5',
          'AK9*R*1*1*0',
          'SE*7*0001',
          'GE*1*1',
        ]),
        /implementation acknowledgment \(999\): the receiver rejected the functional group \(1 segment/,
      ],
      ['ta1.x12', interchange(['TA1*000000001*261128*1200*R*022']), /interchange acknowledgment \(TA1\): the clearinghouse rejected/],
    ];
    for (const [name, text, expected] of cases) {
      writeFileSync(join(dir, name), text);
      const run = await bvs(['normalize', join(dir, name)]);
      expect([name, run.code]).toEqual([name, 1]);
      expect(run.stderr).toMatch(expected);
    }
  });

  it('prints a 271 as a table, and as JSON with --json', async () => {
    const file = join(ROOT, 'test/fixtures/x12/linuxforhealth-271-subscriber-active.x12');
    const table = await bvs(['normalize', file]);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^eligibility\s+active/m);
    expect(table.stdout).toMatch(/^level\s+status\s+basis\s+in network\s+out of network\s+prior auth$/m);
    expect(table.stdout).toMatch(/^IOP\s+covered/m);
    const json = await bvs(['normalize', file, '--json']);
    expect(JSON.parse(json.stdout).summary.eligibility.status).toBe('active');
  });

  describe('against the sandbox clearinghouse', () => {
    let stack: Stack;
    beforeAll(async () => {
      stack = await startStack();
    });
    afterAll(async () => {
      await stack?.stop();
    });

    it('verifies JANE DOE and shows the IOP / PHP / OP table', async () => {
      const run = await bvs(
        ['verify', '--payer', 'aetna', '--member-id', 'W100000001', '--first', 'JANE', '--last', 'DOE', '--dob', '1990-04-12'],
        {
          CLEARINGHOUSE_URL: stack.config.clearinghouse.url,
          CLEARINGHOUSE_SANDBOX_CREDENTIALS: 'true',
        },
      );
      expect(run.stderr).toBe('');
      expect(run.stdout).toMatch(/^eligibility\s+active — AETNA CHOICE POS II/m);
      expect(run.stdout).toMatch(/^deductible\s+individual 1500\.00 \(250\.00 left\)/m);
      expect(run.stdout).toMatch(/^IOP\s+covered\s+explicit\s+20% coinsurance, after deductible\s+40% coinsurance.*required$/m);
      const payers = await bvs(['payers']);
      expect(payers.stdout).toMatch(/^aetna\s+Aetna\s+\S+\s+60054$/m);
    });
  });
});
