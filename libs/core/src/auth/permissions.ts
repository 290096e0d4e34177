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
  ProfileManage = 'profile.manage',
  MemberRead = 'member.read',
  MemberManage = 'member.manage',
  MemberImport = 'member.import',
  ApplicationDecide = 'application.decide',
  PrivacyRequestHandle = 'privacy_request.handle',
  OutboxRead = 'outbox.read',
  /** A member's own record: profile, categories, data export, erasure request. */
  SelfService = 'self.service',
  /** Browse the catalogue and offers, search free slots, book for oneself, manage one's own offers and bookings. */
  ExchangeUse = 'exchange.use',
  /** Book for a resident without internet; verify credentials. */
  ExchangeCoordinate = 'exchange.coordinate',
  /** Set the catalogue and the cooperative's booking policy. */
  CatalogueManage = 'catalogue.manage',
  /** Read the ledger and its reports. */
  LedgerRead = 'ledger.read',
  /** Post and reverse entries, add accounts, close periods. */
  LedgerPost = 'ledger.post',
  /** Read invoices, dues plans and runs, and members' statements. */
  InvoiceRead = 'invoice.read',
  /** Set dues plans, run dues, write, cancel and settle invoices by hand. */
  InvoiceManage = 'invoice.manage',
  /** See how the cooperative takes card and iDEAL payments (its Stripe account). */
  PaymentSettingsRead = 'payment_settings.read',
  /** Record the cooperative's Stripe connected account. */
  PaymentSettingsManage = 'payment_settings.manage',
  /** See SEPA mandates (IBANs masked). */
  SepaRead = 'sepa.read',
  /** Set the cooperative's creditor details; record, amend and revoke mandates; see IBANs in full. */
  SepaManage = 'sepa.manage',
  /** See funds, donors and donations, grants, co-finance agreements and volunteer allowances. */
  FundingRead = 'funding.read',
  /** Open funds and attribute costs; record donors, donations, grants, agreements and allowances. */
  FundingManage = 'funding.manage',
  /** See obligations, their policies and the worklist of overdue ones; participation agreements. */
  ObligationRead = 'obligation.read',
  /** Set obligation policies, waive obligations, send reminders; record participation agreements. */
  ObligationManage = 'obligation.manage',
  /** See the cooperative's jobs that failed every attempt, and send them again. */
  JobsManage = 'jobs.manage',
}

/** Permissions checked against the caller's roles in the cooperative named by the route. */
export const ROLE_PERMISSIONS: Readonly<Record<CooperativeRole, readonly Permission[]>> = {
  board: [
    Permission.CooperativeRead,
    Permission.RoleRead,
    Permission.RoleManage,
    Permission.AuditRead,
    Permission.ProfileManage,
    Permission.MemberRead,
    Permission.MemberManage,
    Permission.MemberImport,
    Permission.ApplicationDecide,
    Permission.PrivacyRequestHandle,
    Permission.OutboxRead,
    Permission.SelfService,
    Permission.ExchangeUse,
    Permission.ExchangeCoordinate,
    Permission.CatalogueManage,
    Permission.LedgerRead,
    Permission.InvoiceRead,
    Permission.PaymentSettingsRead,
    Permission.SepaRead,
    Permission.FundingRead,
    Permission.FundingManage,
    Permission.ObligationRead,
    Permission.ObligationManage,
    Permission.JobsManage,
  ],
  treasurer: [
    Permission.CooperativeRead,
    Permission.RoleRead,
    Permission.AuditRead,
    Permission.MemberRead,
    Permission.SelfService,
    Permission.ExchangeUse,
    Permission.LedgerRead,
    Permission.LedgerPost,
    Permission.InvoiceRead,
    Permission.InvoiceManage,
    Permission.PaymentSettingsRead,
    Permission.PaymentSettingsManage,
    Permission.SepaRead,
    Permission.SepaManage,
    Permission.FundingRead,
    Permission.FundingManage,
    Permission.ObligationRead,
  ],
  // Coordinators look residents up to match help requests and book on their behalf.
  coordinator: [Permission.CooperativeRead, Permission.RoleRead, Permission.MemberRead, Permission.SelfService, Permission.ExchangeUse, Permission.ExchangeCoordinate],
  member: [Permission.CooperativeRead, Permission.SelfService, Permission.ExchangeUse],
};

/** Permissions held by a reviewer of the municipality named by the route. */
export const MUNICIPALITY_REVIEWER_PERMISSIONS: readonly Permission[] = [Permission.MunicipalityRead];

export function roleGrants(roles: readonly CooperativeRole[], permission: Permission): boolean {
  return roles.some((role) => ROLE_PERMISSIONS[role].includes(permission));
}
