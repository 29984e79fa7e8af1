/**
 * What an organisation's IT sets for every installation: a `deployment.json` in a folder only an
 * administrator can write (see `deploymentFolders`), never in the user's data folder, since it names
 * the update feed: a process running as the user must not be able to point the app at its own
 * updates. The app never writes it. A missing file means the defaults; a damaged one is logged
 * with the field at fault and ignored as a whole, so a typo can never half-apply.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { ShellLogger } from './logger';

const HOSTNAME = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i;

export const DeploymentSchema = z
  .object({
    /** Web pages on these hosts (and their subdomains) open without asking; any other page after a confirmation. */
    trustedLinkHosts: z.array(z.string().regex(HOSTNAME, 'must be a host name such as erp.example.com')).max(100).default([]),
    /** The update feed (electron-updater's generic provider); no feed, no updates. */
    updateFeedUrl: z.string().max(2048).optional(),
  })
  .strict();

export type Deployment = z.infer<typeof DeploymentSchema>;

export const DEFAULT_DEPLOYMENT: Deployment = { trustedLinkHosts: [] };

export const DEPLOYMENT_FILE = 'deployment.json';

/**
 * Where a packaged app looks for deployment.json, first found wins: the machine-wide settings
 * folder (administrators only) on Linux and macOS, then the installation's resources folder
 * (Program Files for a per-machine install, /opt for the deb; as trusted as the app's own files).
 */
export function deploymentFolders(platform: NodeJS.Platform, resourcesPath: string): string[] {
  if (platform === 'linux') return ['/etc/ledgerline', resourcesPath];
  if (platform === 'darwin') return ['/Library/Application Support/Ledgerline', resourcesPath];
  return [resourcesPath];
}

export function readDeployment(folders: readonly string[], log: ShellLogger): Deployment {
  for (const folder of folders) {
    const path = join(folder, DEPLOYMENT_FILE);
    if (existsSync(path)) return readDeploymentFile(path, log);
  }
  return DEFAULT_DEPLOYMENT;
}

function readDeploymentFile(path: string, log: ShellLogger): Deployment {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    log.error('deployment settings unreadable; using the defaults', { path, message: error instanceof Error ? error.message : String(error) });
    return DEFAULT_DEPLOYMENT;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    log.error('deployment settings are not JSON; using the defaults', { path, message: error instanceof Error ? error.message : String(error) });
    return DEFAULT_DEPLOYMENT;
  }
  const parsed = DeploymentSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(file)'}: ${issue.message}`);
    log.error('deployment settings refused; using the defaults', { path, problems });
    return DEFAULT_DEPLOYMENT;
  }
  return parsed.data;
}
