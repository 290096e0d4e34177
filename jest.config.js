// Unit specs sit next to the code; e2e suites live in test/. Conformance suites (reference bank files)
// run separately through jest.conformance.config.js.
const { transform, transformIgnorePatterns } = require('./jest.shared');

module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform,
  transformIgnorePatterns,
  testMatch: ['<rootDir>/{apps,libs}/**/*.spec.ts', '<rootDir>/test/**/*.e2e-spec.ts'],
  globalSetup: '<rootDir>/test/global-setup.ts',
  globalTeardown: '<rootDir>/test/global-teardown.ts',
  testTimeout: 60000,
  maxWorkers: 2,
};
