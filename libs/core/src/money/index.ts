export * from './money';
export * from './iban';
export * from './cents-column';
