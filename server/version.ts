import pkg from '../package.json' with { type: 'json' };

export const SERVER_VERSION: string = pkg.version;

/**
 * Version of the client-server protocol this build speaks. Bumped only by an incompatible
 * change; additive changes keep it. 2: a mutation may carry the user's calendar day (`day`),
 * which a server of protocol 1 would refuse as an unknown field. 3: amounts are in ISO 4217 minor
 * units (shared/domain/iso4217.ts), a hundredfold or thousandfold of protocol 2's in 29 currencies.
 * 4: attachments (an entity, the attachment.add mutation and POST /v1/sync/attachments), which a
 * protocol 3 client's pull would refuse as an unknown entity: its pull leaves them out.
 * 5: contact.log may carry the follow-up's title in the collector's language (`followUpTitle`),
 * which a protocol 4 server would refuse as an unknown field; a protocol 4 client sends none.
 */
export const PROTOCOL_VERSION = 5;

/** The first protocol whose clients know attachments. */
export const ATTACHMENTS_PROTOCOL_VERSION = 4;

/**
 * Oldest client protocol still served; an older client is told to update (HTTP 426). 3, because a
 * protocol 2 client would read and send HUF, IDR, COP and the other rescaled currencies at the old
 * precision; its queue waits on the desktop, and its update moves it to the new one.
 */
export const MIN_CLIENT_PROTOCOL_VERSION = 3;

/** Request header in which a client names the protocol version it speaks. */
export const PROTOCOL_HEADER = 'x-ledgerline-protocol';
