import { Obligations1795432594283 } from './1795432594283-Obligations';
import { ObligationsSecurity1795432644283 } from './1795432644283-ObligationsSecurity';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const OBLIGATIONS_MIGRATIONS: Function[] = [Obligations1795432594283, ObligationsSecurity1795432644283];
