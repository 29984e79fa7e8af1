/**
 * Headers every answer of the server carries. The API answers JSON only, so browsers are told
 * not to sniff it into anything else, not to frame it and not to leak its URLs as referrers.
 * Over TLS (directly, or as the trusted proxy reports in X-Forwarded-Proto) browsers are also
 * told to use https only from then on; over plain http that header would be meaningless.
 */
import type { FastifyInstance } from 'fastify';
import { COMMON_SECURITY_HEADERS } from '../../shared/net/security-headers';

export const STRICT_TRANSPORT_SECURITY = 'max-age=31536000';

export function registerSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', (request, reply, payload, done) => {
    void reply.headers(COMMON_SECURITY_HEADERS);
    if (request.protocol === 'https') void reply.header('strict-transport-security', STRICT_TRANSPORT_SECURITY);
    done(null, payload);
  });
}
