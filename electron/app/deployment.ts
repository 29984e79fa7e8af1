/**
 * What an organisation's IT sets for every installation: a `deployment.json` in the data folder,
 * rolled out with the app and never written by it (the user's own settings live in settings.json).
 * A missing file means the defaults; a damaged one is logged with the field at fault and ignored
 * as a whole, so a typo can never half-apply.
 */
import { readFileSync } from 'node:fs';
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

export function deploymentPath(dataDir: string): string {
  return join(dataDir, 'deployment.json');
}

export function readDeployment(dataDir: string, log: ShellLogger): Deployment {
  const path = deploymentPath(dataDir);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return DEFAULT_DEPLOYMENT;
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
