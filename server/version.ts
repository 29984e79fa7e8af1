import pkg from '../package.json' with { type: 'json' };

export const SERVER_VERSION: string = pkg.version;

/**
 * Version of the client-server protocol this build speaks. Bumped only by an incompatible
 * change; clients sending an older one get "update required" (docs/SERVER.md).
 */
export const PROTOCOL_VERSION = 1;
