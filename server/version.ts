import pkg from '../package.json' with { type: 'json' };

export const SERVER_VERSION: string = pkg.version;

/**
 * Version of the client-server protocol this build speaks. Bumped only by an incompatible
 * change; additive changes keep it. 2: a mutation may carry the user's calendar day (`day`),
 * which a server of protocol 1 would refuse as an unknown field.
 */
export const PROTOCOL_VERSION = 2;

/** Oldest client protocol still served; an older client is told to update (HTTP 426). */
export const MIN_CLIENT_PROTOCOL_VERSION = 1;

/** Request header in which a client names the protocol version it speaks. */
export const PROTOCOL_HEADER = 'x-ledgerline-protocol';
