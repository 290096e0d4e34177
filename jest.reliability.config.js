// The reliability and security suite (`npm run test:reliability`): authorisation matrix, tenant isolation,
// fuzzing, races, faults, load and hardening. It ends with a summary table per category.
const { transform, transformIgnorePatterns } = require('./jest.shared');

module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform,
  transformIgnorePatterns,
  testMatch: ['<rootDir>/test/reliability/**/*.reliability-spec.ts'],
  globalSetup: '<rootDir>/test/global-setup.ts',
  globalTeardown: '<rootDir>/test/global-teardown.ts',
  reporters: ['default', '<rootDir>/test/reliability/summary-reporter.js'],
  testTimeout: 120000,
  maxWorkers: 2,
};
