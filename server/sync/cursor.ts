/**
 * The pull cursor: opaque base64url JSON to clients. A delta cursor holds the last change_log
 * seq delivered; a snapshot cursor holds the seq the snapshot started at plus the keyset position
 * (entity index and last id) inside it.
 */
import { z } from 'zod';

const DeltaSchema = z.strictObject({ v: z.literal(1), k: z.literal('d'), s: z.number().int().min(0) });
const SnapshotSchema = z.strictObject({
  v: z.literal(1),
  k: z.literal('s'),
  h: z.number().int().min(0),
  e: z.number().int().min(0),
  a: z.string().nullable(),
});
const DecodedSchema = z.discriminatedUnion('k', [DeltaSchema, SnapshotSchema]);

export type DeltaCursor = z.output<typeof DeltaSchema>;
export type SnapshotCursor = z.output<typeof SnapshotSchema>;
export type DecodedCursor = z.output<typeof DecodedSchema>;

export const deltaCursor = (seq: number): DeltaCursor => ({ v: 1, k: 'd', s: seq });
export const snapshotCursor = (highWater: number, entityIndex: number, afterId: string | null): SnapshotCursor => ({
  v: 1,
  k: 's',
  h: highWater,
  e: entityIndex,
  a: afterId,
});

export const encodeCursor = (cursor: DecodedCursor): string => Buffer.from(JSON.stringify(cursor)).toString('base64url');

/** undefined for anything this server did not hand out. */
export function decodeCursor(text: string): DecodedCursor | undefined {
  try {
    const parsed = DecodedSchema.safeParse(JSON.parse(Buffer.from(text, 'base64url').toString('utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
