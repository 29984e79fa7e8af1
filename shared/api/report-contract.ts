/** Exports and reports (issue 6): portfolio notes, aging, customer statements. */
export const reportContract = {} as const;
