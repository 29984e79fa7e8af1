/** Team lead operations (issue 6): team views, reassignment, escalation decisions. */
export const teamContract = {} as const;
