export * from './schema';
export * from './reporting.module';
export * from './report-table';
export * from './exports/report-export';
