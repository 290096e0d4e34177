// The browser suite (`npm run test:browser`): each user group's main journey, driven in Debian's headless
// Chromium with playwright-core against the built product (API and web UI) on the embedded database with
// its demo data. Screenshots of each journey's last page go to test-output/browser/.
const { transform, transformIgnorePatterns } = require('./jest.shared');

module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform,
  transformIgnorePatterns,
  testMatch: ['<rootDir>/test/browser/**/*.browser-spec.ts'],
  globalSetup: '<rootDir>/test/browser/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/browser/support/global-teardown.ts',
  setupFilesAfterEnv: ['<rootDir>/test/browser/support/retry.ts'],
  testTimeout: 120000,
  // One Chromium at a time beside the API: these machines have two cores.
  maxWorkers: 1,
};
