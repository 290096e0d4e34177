// Conformance suites: the product's parsers and validators against real files in ../shared/reference-data.
const { transform, transformIgnorePatterns } = require('./jest.shared');

module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform,
  transformIgnorePatterns,
  testMatch: ['<rootDir>/test/conformance/**/*.conformance-spec.ts'],
  testTimeout: 60000,
};
