/**
 * The server's directory in the local store: its users in the users table, with the signed-in user
 * as the local profile, and its teams (with their default language) in the teams table.
 */
import type BetterSqlite3 from 'better-sqlite3';
import type { DirectoryTeam, DirectoryUser } from '../../shared/sync/protocol';
import { prepared } from '../statements';

/**
 * One transaction. `teams` replaces the local teams whole (a team gone from the server, or an older
 * server's answer without teams, leaves none behind); left out, the teams stay as they are.
 */
export function applyDirectory(sqlite: BetterSqlite3.Database, users: readonly DirectoryUser[], selfId: string, now: string, teams?: readonly DirectoryTeam[]): void {
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
      if (teams !== undefined) replaceTeams(sqlite, teams);
    })
    .immediate();
}

/** The teams as the directory lists them, and no others. Call inside a transaction. */
function replaceTeams(sqlite: BetterSqlite3.Database, teams: readonly DirectoryTeam[]): void {
  prepared(sqlite, 'DELETE FROM teams').run();
  const insert = prepared<[string, string, string | null]>(sqlite, 'INSERT INTO teams (id, name, language) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET name = excluded.name, language = excluded.language');
  for (const team of teams) insert.run(team.id, team.name, team.language);
}
