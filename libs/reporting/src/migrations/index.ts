// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const REPORTING_MIGRATIONS: Function[] = [];
