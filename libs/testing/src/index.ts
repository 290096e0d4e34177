export * from './test-database';
export * from './test-app';
export * from './factories';
export * from './members';
export * from './pdf-text';
export * from './fake-stripe';
export * from './cli';
export * from './dates';
