import { Foundation1795403070337 } from './1795403070337-Foundation';
import { TenancySecurity1795403170000 } from './1795403170000-TenancySecurity';
import { OutboxAndActivation1795403771056 } from './1795403771056-OutboxAndActivation';
import { NotificationHistoryAndDelivery1795432618165 } from './1795432618165-NotificationHistoryAndDelivery';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const CORE_MIGRATIONS: Function[] = [Foundation1795403070337, TenancySecurity1795403170000, OutboxAndActivation1795403771056, NotificationHistoryAndDelivery1795432618165];
