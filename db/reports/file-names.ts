/** Where finished exports go and what they are called: descriptive, unique, and safe to serve by name. */
import { join } from 'node:path';

export const EXPORTS_FOLDER = 'exports';

export const exportsDir = (dataDir: string): string => join(dataDir, EXPORTS_FOLDER);

/** Letters, digits, dot, dash and underscore, starting with a letter or digit: no path can be spelt with it. */
const SAFE_FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/;

/** A name the download route may serve: safe characters, a finished report's extension. */
export const isExportFileName = (name: string): boolean => SAFE_FILE_NAME.test(name) && /\.(csv|xlsx|pdf)$/.test(name) && !name.includes('..');

const slug = (part: string): string =>
  part
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[^A-Za-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40) || 'x';

/** `portfolio-notes_2026-11-01_2026-11-23_20261123-090000_3f9a1c.csv`: what, which dates, when made, and a piece of the job id. */
export function exportFileName(parts: readonly string[], made: Date, jobId: string, extension: string): string {
  const stamp = made.toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
  return `${[...parts.map(slug), stamp, jobId.replace(/-/g, '').slice(-6)].join('_')}.${extension}`;
}
