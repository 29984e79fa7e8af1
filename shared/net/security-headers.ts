/**
 * Headers every answer carries, whoever serves it (the sync server, the app's own pages): never
 * sniff a type, never frame, never send the URL as referrer, never let another site embed it.
 */
export const COMMON_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Resource-Policy': 'same-origin',
};
