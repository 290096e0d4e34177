export * from './schema';
export * from './reporting.module';
export * from './report-table';
export * from './exports/report-export';
export * from './municipality/municipality-review.service';
export type { OutputFigures, OutputCell, ShareCell, CountCell } from './municipality/output-figures';
export type { TargetFigure } from './municipality/figure-tables';
