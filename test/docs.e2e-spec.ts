import { randomBytes } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { loadConfig } from '@bvs/config';

// The repository stands on its own: nothing in it points at material beside it, and every
// variable the configuration reads is documented for operators.

const ROOT = join(__dirname, '..');
const SKIPPED_DIRECTORIES = new Set(['node_modules', 'dist', '.git']);

/** Every file under the repository root, outside installed, built and version-control folders. */
function repositoryFiles(dir: string = ROOT): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (SKIPPED_DIRECTORIES.has(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...repositoryFiles(path));
    else if (entry.isFile()) files.push(path);
  }
  return files;
}

describe('the repository stands alone (e2e)', () => {
  // Built from parts so this file does not name what it looks for.
  const outside = ['..', 'shared'];
  const needles = [outside.join('/'), outside.join('\\')].map((text) => Buffer.from(text));

  it('has no file that refers to the folder beside it', () => {
    const files = repositoryFiles();
    // Guards the walk itself: an empty listing would pass vacuously.
    expect(files.map((file) => relative(ROOT, file))).toEqual(expect.arrayContaining(['README.md', 'package.json', 'docs/README.md']));
    const offending = files.filter((file) => {
      const bytes = readFileSync(file);
      return needles.some((needle) => bytes.includes(needle));
    });
    expect(offending.map((file) => relative(ROOT, file))).toEqual([]);
  });
});

describe('docs/configuration.md (e2e)', () => {
  // load-config.ts and the readers it calls for parts of the configuration.
  const source = ['load-config.ts', 'center-config.ts']
    .map((file) => readFileSync(join(ROOT, 'libs', 'config', 'src', file), 'utf8'))
    .join('\n');
  const documented = readFileSync(join(ROOT, 'docs', 'configuration.md'), 'utf8');

  /**
   * Variables named in load-config.ts: env.X, env['X'], a reader called with 'X' (str, int, ...),
   * name === 'X', and the /^X_([A-Z0-9]+)$/ families (documented as X_<KEY>).
   */
  function namedInSource(): Set<string> {
    const names = new Set<string>();
    for (const match of source.matchAll(/\benv(?:\.|\[\s*')([A-Z][A-Z0-9_]+)/g)) names.add(match[1]);
    for (const match of source.matchAll(/(?:\b[A-Za-z]+\(\s*|name === )'([A-Z][A-Z0-9_]+)'/g)) names.add(match[1]);
    for (const match of source.matchAll(/\/\^([A-Z][A-Z0-9_]*_)\(\[A-Z0-9\]\+\)\$\//g)) names.add(`${match[1]}<KEY>`);
    return names;
  }

  /** Variables loadConfig actually reads from an environment, recorded through a proxy. */
  function readAtRuntime(env: Record<string, string>): Set<string> {
    const read = new Set<string>();
    const recording = new Proxy(env, {
      get(target, property, receiver) {
        if (typeof property === 'string') read.add(property);
        return Reflect.get(target, property, receiver) as unknown;
      },
    });
    try {
      loadConfig(recording);
    } catch {
      // An invalid combination still shows what was read.
    }
    return read;
  }

  it('lists every variable load-config.ts reads', () => {
    const names = namedInSource();
    // Guards the extraction: the configuration has far more than a handful of variables.
    expect(names.size).toBeGreaterThan(50);
    expect(names).toContain('PAYER_ID_<KEY>');
    expect(names).toContain('ALLOWED_RATES_<KEY>');
    const missing = [...names].filter((name) => !documented.includes(`\`${name}\``));
    expect(missing).toEqual([]);
  });

  it('names in the source every variable read at run time (so the list above is complete)', () => {
    const names = namedInSource();
    const recordKey = randomBytes(32).toString('base64');
    const environments: Record<string, string>[] = [
      {},
      // Production refuses missing secrets; other branches read OIDC, OAuth, cluster and worker settings.
      { NODE_ENV: 'production' },
      {
        NODE_ENV: 'production',
        RECORD_KEYS: `k1:${recordKey}`,
        WEBHOOK_SECRET: 'a-webhook-secret-of-at-least-32-characters',
        CLEARINGHOUSE_TRANSPORT: 'availity',
        CLEARINGHOUSE_URL: 'https://clearinghouse.example/availity/v1/coverages',
        CLEARINGHOUSE_CLIENT_ID: 'client',
        OIDC_JWKS_URL: 'https://idp.example/jwks',
        OIDC_ISSUER: 'https://idp.example/',
        OIDC_AUDIENCE: 'bvs',
        REDIS_CLUSTER_NODES: '127.0.0.1:7000,127.0.0.1:7001',
        WORKER_HEALTH_PORT: '9100',
      },
    ];
    const read = new Set(environments.flatMap((env) => [...readAtRuntime(env)]));
    expect(read.size).toBeGreaterThan(50);
    const unnamed = [...read].filter((name) => /^[A-Z][A-Z0-9_]*$/.test(name) && !names.has(name));
    expect(unnamed).toEqual([]);
  });
});
