/** Bucket colours run from calm (not yet due) to alarming (oldest), by position in the configured list. */
const BUCKET_COLORS = ['#5b9bd5', '#f2c14e', '#f29e4c', '#e8743b', '#d64545', '#8e1b3a'] as const;

export const bucketColor = (index: number): string =>
  BUCKET_COLORS[Math.min(index, BUCKET_COLORS.length - 1)] ?? BUCKET_COLORS[0];
