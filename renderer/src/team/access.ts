/** Who sees the team screen: team leads and admins (the server checks every action again). */
import type { Role } from '../../../shared/domain/codes';

export const seesTeam = (role: Role | undefined): boolean => role === 'team_lead' || role === 'admin';

/** Deciding escalation requests belongs to team leads only. */
export const decides = (role: Role | undefined): boolean => role === 'team_lead';

/** The team shortcuts the `?` overlay lists; group and actions are translation keys. */
export const TEAM_SHORTCUTS = {
  group: 'team.shortcuts.group',
  items: [
    { keys: ['g', 't'], action: 'team.shortcuts.open' },
    { keys: ['Space'], action: 'team.shortcuts.select' },
    { keys: ['r'], action: 'team.shortcuts.reassign' },
  ],
} as const;
