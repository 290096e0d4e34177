/**
 * Branded ids: a repository method that takes a `CooperativeId` first cannot be called with a
 * member id or a bare string by mistake.
 */
export type CooperativeId = string & { readonly __brand: 'CooperativeId' };
export type MunicipalityId = string & { readonly __brand: 'MunicipalityId' };
export type UserId = string & { readonly __brand: 'UserId' };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

export const asCooperativeId = (value: string) => value as CooperativeId;
export const asMunicipalityId = (value: string) => value as MunicipalityId;
export const asUserId = (value: string) => value as UserId;
