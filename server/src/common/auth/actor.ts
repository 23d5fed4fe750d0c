/** The caller of a request, loaded fresh from the database for every request (so revocations bite at once). */
export interface Actor {
  userId: string;
  openid: string;
  isAdmin: boolean;
  /** Organisations the user is staff of; each grant covers that organisation's whole subtree. */
  staffOrgIds: string[];
  /** The member record bound to this user, if any. */
  memberId: string | null;
  memberOrgId: string | null;
}
