import pkg from '../package.json' with { type: 'json' };

export const SERVER_VERSION: string = pkg.version;

/**
 * Version of the client-server protocol this build speaks. Bumped only by an incompatible
 * change; additive changes keep it.
 */
export const PROTOCOL_VERSION = 1;

/** Oldest client protocol still served; an older client is told to update (HTTP 426). */
export const MIN_CLIENT_PROTOCOL_VERSION = 1;

/** Request header in which a client names the protocol version it speaks. */
export const PROTOCOL_HEADER = 'x-ledgerline-protocol';
