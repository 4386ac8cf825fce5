// Three tiers (docs/architecture.md): unit beside the code, integration against real
// PostgreSQL and Redis, and browser tests in Debian's Chromium.
const tsJest = ['ts-jest', { tsconfig: '<rootDir>/server/tsconfig.spec.json' }];
const common = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.tsx?$': tsJest },
  moduleNameMapper: { '^@hallwatch/shared$': '<rootDir>/shared/src/index.ts' },
};

module.exports = {
  maxWorkers: 2,
  // jest-circus reads the timeout from the global config only (a project's testTimeout is
  // ignored): one generous bound for every tier, as integration hooks start whole servers.
  testTimeout: 60_000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{server,shared,dashboard}/src/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/integration/**/*.test.ts', '<rootDir>/test/fault/**/*.test.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
    {
      ...common,
      displayName: 'browser',
      testMatch: ['<rootDir>/test/browser/**/*.test.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
  ],
};
