export * from './money';
export * from './iban';
