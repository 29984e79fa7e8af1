/**
 * Who signs in to a server seeded with the demo portfolio: the users of the desktop's demo
 * (shared/demo/portfolio.ts `addUsers`, same ids), all with one published password. A demo server
 * is for trying the app out; never seed it where real data lives.
 */
export const DEMO_PASSWORD = 'ledgerline-demo';

export const DEMO_USERNAMES = {
  /** The desktop's local profile: about two thirds of the customers on the server. */
  collector: 'jordan.reyes',
  /** The second collector: the rest of the customers, so a team lead sees two portfolios. */
  secondCollector: 'priya.natarajan',
  teamLead: 'sabine.krueger',
  /** Left the team; still the author of older notes, so the directory keeps the name. */
  formerCollector: 'tom.becker',
  admin: 'admin',
} as const;

/** The demo's team, the generator's (its id is the one written into users.team_id), with its default language. */
export { DEMO_TEAM } from '../../shared/demo/portfolio';
