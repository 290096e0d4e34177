// Unit specs sit next to the code; e2e suites live in test/. Conformance suites (reference bank files)
// run separately through jest.conformance.config.js.
const swc = ['@swc/jest', { swcrc: false, jsc: { target: 'es2022', parser: { syntax: 'typescript', decorators: true }, transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false }, keepClassNames: true }, module: { type: 'commonjs' } }];

const moduleNameMapper = {
  '^@buurtcoop/core$': '<rootDir>/libs/core/src',
  '^@buurtcoop/core/(.*)$': '<rootDir>/libs/core/src/$1',
  '^@buurtcoop/platform$': '<rootDir>/libs/platform/src',
  '^@buurtcoop/testing$': '<rootDir>/libs/testing/src',
  '^@buurtcoop/testing/(.*)$': '<rootDir>/libs/testing/src/$1',
};

module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': swc },
  moduleNameMapper,
  testMatch: ['<rootDir>/{apps,libs}/**/*.spec.ts', '<rootDir>/test/**/*.e2e-spec.ts'],
  globalSetup: '<rootDir>/test/global-setup.ts',
  globalTeardown: '<rootDir>/test/global-teardown.ts',
  testTimeout: 60000,
  maxWorkers: 2,
};
module.exports.swcTransform = swc;
module.exports.moduleNameMapper = moduleNameMapper;
