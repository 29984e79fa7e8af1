/**
 * The JSON schema both electron-store (desktop) and conf (dev:web) validate the settings file
 * with. Preferences are derived from the API contract's zod schema so the two cannot drift.
 */
import { z } from 'zod';
import { PreferencesSchema } from '../../shared/api/contract';

export const WindowStateSchema = z.object({
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  width: z.number().int().min(400),
  height: z.number().int().min(300),
  maximized: z.boolean(),
});
export type WindowState = z.infer<typeof WindowStateSchema>;

export const DEFAULT_WINDOW_STATE: WindowState = { width: 1280, height: 800, maximized: false };

export interface ShellSettings {
  preferences: z.infer<typeof PreferencesSchema>;
  windowState: WindowState;
}

function propertySchema(schema: z.ZodType): Record<string, unknown> {
  // conf / electron-store compile the schema with their own dialect; the $schema marker would clash.
  // The file is input to the schema: a key with a default (added in a later version) may be missing.
  const json: Record<string, unknown> = { ...z.toJSONSchema(schema, { io: 'input' }) };
  delete json.$schema;
  return json;
}

/** The `schema` option of conf / electron-store: one JSON schema per top-level key. */
export const SHELL_SETTINGS_SCHEMA = {
  preferences: propertySchema(PreferencesSchema),
  windowState: propertySchema(WindowStateSchema),
};
