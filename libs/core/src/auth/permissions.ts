/**
 * Roles map to permissions here and nowhere else. Routes name a permission, never a role.
 */
export const COOPERATIVE_ROLES = ['board', 'treasurer', 'coordinator', 'member'] as const;
export type CooperativeRole = (typeof COOPERATIVE_ROLES)[number];

export enum Permission {
  CooperativeRead = 'cooperative.read',
  RoleRead = 'role.read',
  RoleManage = 'role.manage',
  AuditRead = 'audit.read',
  MunicipalityRead = 'municipality.read',
}

/** Permissions checked against the caller's roles in the cooperative named by the route. */
export const ROLE_PERMISSIONS: Readonly<Record<CooperativeRole, readonly Permission[]>> = {
  board: [Permission.CooperativeRead, Permission.RoleRead, Permission.RoleManage, Permission.AuditRead],
  treasurer: [Permission.CooperativeRead, Permission.RoleRead, Permission.AuditRead],
  coordinator: [Permission.CooperativeRead, Permission.RoleRead],
  member: [Permission.CooperativeRead],
};

/** Permissions held by a reviewer of the municipality named by the route. */
export const MUNICIPALITY_REVIEWER_PERMISSIONS: readonly Permission[] = [Permission.MunicipalityRead];

export function roleGrants(roles: readonly CooperativeRole[], permission: Permission): boolean {
  return roles.some((role) => ROLE_PERMISSIONS[role].includes(permission));
}
