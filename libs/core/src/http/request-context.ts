import { AsyncLocalStorage } from 'node:async_hooks';
import type { Actor } from '../auth/actor';

/** What the audit log and error responses need to know about the request in progress. */
export interface RequestContext {
  requestId: string;
  ip: string;
  actor?: Actor;
}

export const requestStorage = new AsyncLocalStorage<RequestContext>();

export function requestContext(): RequestContext | undefined {
  return requestStorage.getStore();
}
