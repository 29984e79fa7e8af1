/**
 * Whose pins and snoozes count: the local profile's. Each user keeps their own on a shared
 * workstation, through a sign-in as someone else and back (migration 014); '' owns those set
 * before anyone was signed in, as it owns drafts (./drafts.ts).
 */
export const overrideOwner = (userId: string | null): string => userId ?? '';

/** `overrideOwner` of the local profile, in SQL. */
export const LOCAL_OVERRIDE_OWNER = `coalesce((SELECT id FROM users WHERE is_local_profile = 1), '')`;
