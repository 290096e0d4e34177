export * from './schema';
export * from './obligations.module';
export * from './obligation-types';
