export * from './money';
export * from './iban';
export * from './cents-column';
export * from './payment-reference';
