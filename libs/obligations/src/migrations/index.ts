import { Obligations1795432594283 } from './1795432594283-Obligations';
import { ObligationsSecurity1795432644283 } from './1795432644283-ObligationsSecurity';
import { ParticipationAgreements1795432942980 } from './1795432942980-ParticipationAgreements';
import { ParticipationAgreementsSecurity1795432992980 } from './1795432992980-ParticipationAgreementsSecurity';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const OBLIGATIONS_MIGRATIONS: Function[] = [Obligations1795432594283, ObligationsSecurity1795432644283, ParticipationAgreements1795432942980, ParticipationAgreementsSecurity1795432992980];
