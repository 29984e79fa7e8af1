/** The server's user directory in the local users table, with the signed-in user as the local profile. */
import type BetterSqlite3 from 'better-sqlite3';
import type { DirectoryUser } from '../../shared/sync/protocol';
import { prepared } from '../statements';

export function applyDirectory(sqlite: BetterSqlite3.Database, users: readonly DirectoryUser[], selfId: string, now: string): void {
  const upsert = prepared<[string, string, string, string, string | null, number, string, number]>(
    sqlite,
    `INSERT INTO users (id, username, display_name, role, team_id, is_local_profile, created_at, disabled) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET username = excluded.username, display_name = excluded.display_name, role = excluded.role,
       team_id = excluded.team_id, is_local_profile = excluded.is_local_profile, disabled = excluded.disabled`,
  );
  sqlite
    .transaction(() => {
      // The local profile is unique: nobody holds it while it moves.
      prepared(sqlite, 'UPDATE users SET is_local_profile = 0 WHERE is_local_profile = 1').run();
      // A placeholder may hold a username the directory now gives to its real owner.
      const free = prepared<[string, string]>(sqlite, "UPDATE users SET username = 'user-' || id WHERE username = ? AND id <> ?");
      for (const user of users) {
        free.run(user.username, user.id);
        upsert.run(user.id, user.username, user.displayName, user.role, user.teamId, user.id === selfId ? 1 : 0, now, user.disabled ? 1 : 0);
      }
    })
    .immediate();
}
