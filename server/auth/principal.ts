import type { Role } from '../../shared/domain/codes';

/** The signed-in user as loaded from the database for this request (never just the token's word). */
export interface Principal {
  readonly userId: string;
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  readonly teamId: string | null;
}
