/** Rows per worklist page: the first loads with the query, the others as the list scrolls to them. */
export const PAGE_SIZE = 100;
