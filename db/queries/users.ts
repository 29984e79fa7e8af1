/** users.list: the people work can be assigned to (dispute owners), the local profile flagged as "me". */
import type { ReadDb } from '../read-db';
import type { z } from 'zod';
import type { UserSchema } from '../../shared/api/collector-schemas';
import type { Role } from '../../shared/domain/codes';
import { prepared } from '../statements';

export type User = z.output<typeof UserSchema>;

interface UserRow {
  id: string;
  display_name: string;
  role: Role;
  is_local_profile: number;
}

const LIST = 'SELECT id, display_name, role, is_local_profile FROM users ORDER BY is_local_profile DESC, display_name COLLATE NOCASE, id';

export function queryUsers(sqlite: ReadDb): User[] {
  return prepared<[], UserRow>(sqlite, LIST)
    .all()
    .map((row) => ({ id: row.id, displayName: row.display_name, role: row.role, isLocalProfile: row.is_local_profile === 1 }));
}
