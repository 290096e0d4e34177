// Conformance suites: the product's parsers and validators against real files in ../shared/reference-data.
const base = require('./jest.config');

module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': base.swcTransform },
  moduleNameMapper: base.moduleNameMapper,
  testMatch: ['<rootDir>/test/conformance/**/*.conformance-spec.ts'],
  testTimeout: 60000,
};
