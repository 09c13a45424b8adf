// Two projects: fast unit specs next to the code, and end-to-end specs in test/ that talk to a
// real Redis and the sandbox clearinghouse.
const moduleNameMapper = {
  // Framework-free entry points (the CLI's).
  '^@bvs/(config|payers)/core$': '<rootDir>/libs/$1/src/core',
  '^@bvs/lifecycle/nest$': '<rootDir>/libs/lifecycle/src/nest',
  '^@bvs/store/testing$': '<rootDir>/libs/store/src/testing/test-redis',
  '^@bvs/(x12|coverage|payers|clearinghouse|config|logging|store|queue|metrics|lifecycle)$': '<rootDir>/libs/$1/src',
};
const transform = {
  '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }],
};
/** @type {import('jest').Config} */
module.exports = {
  // End-to-end specs start the apps and wait for the worker; unit specs finish far sooner.
  testTimeout: 60000,
  // Suites stop every app and connection they start; this is a backstop so a stray handle
  // (a library's reconnect timer) can never hang CI.
  forceExit: true,
  projects: [
    {
      displayName: 'unit',
      rootDir: __dirname,
      testEnvironment: 'node',
      testMatch: ['<rootDir>/apps/**/*.spec.ts', '<rootDir>/libs/**/*.spec.ts'],
      moduleNameMapper,
      transform,
    },
    {
      displayName: 'e2e',
      rootDir: __dirname,
      testEnvironment: 'node',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      // Every API response of every e2e test is checked against the OpenAPI document.
      setupFilesAfterEnv: ['<rootDir>/test/support/contract-hooks.ts'],
      moduleNameMapper,
      transform,
    },
  ],
};
