// The import rules of docs/architecture.md, enforced in CI (`npm run lint:deps`).
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'libs-never-import-apps',
      comment: 'Libraries are reusable below the apps; an app is never a dependency.',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'x12-stands-alone',
      comment: 'The codec imports nothing of the project.',
      severity: 'error',
      from: { path: '^libs/x12/' },
      to: { path: '^(apps|libs|test|bench)/', pathNot: '^libs/x12/' },
    },
    {
      name: 'coverage-only-x12',
      comment: 'The normalizer reads the codec types and nothing else of the project (and does no I/O).',
      severity: 'error',
      from: { path: '^libs/coverage/' },
      to: { path: '^(apps|libs)/', pathNot: '^libs/(coverage|x12)/' },
    },
    {
      name: 'api-never-calls-payers',
      comment: 'The API only queues work; transports are the worker\u2019s.',
      severity: 'error',
      from: { path: '^apps/api/' },
      to: { path: '^libs/clearinghouse/' },
    },
    {
      name: 'sandbox-is-an-outside-party',
      comment: 'The sandbox clearinghouse stands for someone else and imports no app.',
      severity: 'error',
      from: { path: '^apps/sandbox/' },
      to: { path: '^apps/', pathNot: '^apps/sandbox/' },
    },
    {
      name: 'apps-are-independent',
      comment: 'Apps share code through libs, never by importing each other.',
      severity: 'error',
      from: { path: '^apps/([^/]+)/' },
      to: { path: '^apps/', pathNot: '^apps/$1/' },
    },
    {
      name: 'no-deep-lib-imports',
      comment: 'Another library is imported by its @bvs alias (its index), never by a path into its source.',
      severity: 'error',
      from: { path: '^(libs|apps)/([^/]+)/' },
      to: {
        path: '^libs/[^/]+/src/',
        pathNot: [
          '^libs/$2/',
          '^libs/[^/]+/src/(index|core)\\.ts$',
          '^libs/lifecycle/src/nest\\.ts$',
          '^libs/store/src/testing/test-redis\\.ts$',
        ],
      },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'An import that resolves to nothing (a stale alias or a typo).',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|node_modules|coverage|test-artifacts)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
      extensions: ['.ts', '.js', '.json'],
    },
  },
};
