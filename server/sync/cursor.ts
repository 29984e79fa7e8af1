/**
 * The pull cursor: opaque base64url JSON to clients. A delta cursor holds the last change_log
 * seq delivered; a snapshot cursor holds the seq the snapshot started at plus the keyset position
 * (entity index and last id) inside it. Both carry the log epoch they were handed out in
 * (log-epoch.ts): a seq means nothing in another history of the log.
 */
import { z } from 'zod';

export const CURSOR_FORMAT = 2;

const Epoch = z.string().min(1).max(64);
const DeltaSchema = z.strictObject({ v: z.literal(CURSOR_FORMAT), k: z.literal('d'), g: Epoch, s: z.number().int().min(0) });
const SnapshotSchema = z.strictObject({
  v: z.literal(CURSOR_FORMAT),
  k: z.literal('s'),
  g: Epoch,
  h: z.number().int().min(0),
  e: z.number().int().min(0),
  a: z.string().nullable(),
});
const DecodedSchema = z.discriminatedUnion('k', [DeltaSchema, SnapshotSchema]);

/** Format 1, handed out before cursors carried an epoch: recognised only to be answered with a snapshot. */
const FormatOneSchema = z.union([
  z.strictObject({ v: z.literal(1), k: z.literal('d'), s: z.number().int().min(0) }),
  z.strictObject({ v: z.literal(1), k: z.literal('s'), h: z.number().int().min(0), e: z.number().int().min(0), a: z.string().nullable() }),
]);

export type DeltaCursor = z.output<typeof DeltaSchema>;
export type SnapshotCursor = z.output<typeof SnapshotSchema>;
export type DecodedCursor = z.output<typeof DecodedSchema>;

export const deltaCursor = (epoch: string, seq: number): DeltaCursor => ({ v: CURSOR_FORMAT, k: 'd', g: epoch, s: seq });
export const snapshotCursor = (epoch: string, highWater: number, entityIndex: number, afterId: string | null): SnapshotCursor => ({
  v: CURSOR_FORMAT,
  k: 's',
  g: epoch,
  h: highWater,
  e: entityIndex,
  a: afterId,
});

export const encodeCursor = (cursor: DecodedCursor): string => Buffer.from(JSON.stringify(cursor)).toString('base64url');

function parseJson(text: string): unknown {
  try {
    return JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

/** undefined for anything that is not a cursor of the current format. */
export function decodeCursor(text: string): DecodedCursor | undefined {
  const parsed = DecodedSchema.safeParse(parseJson(text));
  return parsed.success ? parsed.data : undefined;
}

/**
 * What a cursor sent to this server means now: `current` one of this log epoch; `foreign` one of
 * another epoch or of format 1 (start a snapshot: its seq belongs to another history of the log);
 * `invalid` anything this server never handed out.
 */
export type CursorReading = { readonly kind: 'current'; readonly cursor: DecodedCursor } | { readonly kind: 'foreign' } | { readonly kind: 'invalid' };

export function readCursor(text: string, epoch: string): CursorReading {
  const json = parseJson(text);
  const parsed = DecodedSchema.safeParse(json);
  if (parsed.success) return parsed.data.g === epoch ? { kind: 'current', cursor: parsed.data } : { kind: 'foreign' };
  return FormatOneSchema.safeParse(json).success ? { kind: 'foreign' } : { kind: 'invalid' };
}
