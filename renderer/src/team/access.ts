/** Who sees the team screen: team leads and admins (the server checks every action again). */
import type { Role } from '../../../shared/domain/codes';

export const seesTeam = (role: Role | undefined): boolean => role === 'team_lead' || role === 'admin';

/** Deciding escalation requests belongs to team leads only. */
export const decides = (role: Role | undefined): boolean => role === 'team_lead';

export const TEAM_SHORTCUTS = {
  group: 'Team (team leads)',
  items: [
    { keys: ['g', 't'], action: 'Team: collector load, approvals, reassignment' },
    { keys: ['Space'], action: 'Select the focused customer in the team worklist' },
    { keys: ['r'], action: 'Reassign the selected customers' },
  ],
} as const;
