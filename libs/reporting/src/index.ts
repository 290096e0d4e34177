export * from './schema';
export * from './reporting.module';
