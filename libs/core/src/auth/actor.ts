import { CooperativeRole } from './permissions';

/** The authenticated caller, as read from a verified access token. */
export interface Actor {
  userId: string;
  /** Roles per cooperative id. */
  roles: Record<string, CooperativeRole[]>;
  /** Municipality ids this user reviews. */
  reviews: string[];
}

export function rolesIn(actor: Actor, cooperativeId: string): CooperativeRole[] {
  return actor.roles[cooperativeId] ?? [];
}
