// Three tiers (STYLE.md §8): unit beside the code, integration against real
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
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{server,shared,dashboard}/src/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'integration',
      // Hooks start a whole server (modules, workers, sockets): on a busy shared machine that can take seconds.
      testTimeout: 30_000,
      testMatch: ['<rootDir>/test/integration/**/*.test.ts', '<rootDir>/test/fault/**/*.test.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
    {
      ...common,
      displayName: 'browser',
      testTimeout: 60_000,
      testMatch: ['<rootDir>/test/browser/**/*.test.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
  ],
};
