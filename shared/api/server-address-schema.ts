/**
 * Which sync server addresses the app signs in to. Passwords and the whole portfolio travel to
 * it, so only over TLS; plain http is left for a server on this computer (the built-in one, a
 * developer's), where nothing crosses a network.
 */
import { z } from 'zod';
import { CREDENTIAL_MAX } from '../domain/text';
import { refusalMessage } from '../i18n/refusals';
import { LOOPBACK_HOSTNAME_PATTERN } from '../net/loopback';
import { refusalIssue } from './refusal-issue';

/** The rule in words, ending a sentence naming the field. */
export const SERVER_ADDRESS_REFUSAL = { key: 'serverAddressNotSecure' } as const;
export const SERVER_ADDRESS_RULE = refusalMessage(SERVER_ADDRESS_REFUSAL);

const overTls = z.url({ protocol: /^https$/ });
const onThisComputer = z.url({ protocol: /^http$/, hostname: LOOPBACK_HOSTNAME_PATTERN });

export function isAcceptedServerAddress(address: string): boolean {
  return overTls.safeParse(address).success || onThisComputer.safeParse(address).success;
}

export const ServerAddressSchema = z.string().max(CREDENTIAL_MAX).refine(isAcceptedServerAddress, refusalIssue(SERVER_ADDRESS_REFUSAL));
