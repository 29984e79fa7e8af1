/** Short-lived access tokens: HS256 JWTs signed with the server secret, checked against an injectable clock. */
import { SignJWT, errors as joseErrors, jwtVerify } from 'jose';
import { ROLES, type Role } from '../../shared/domain/codes';
import type { Clock } from '../../shared/domain/clock';

export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;
const ISSUER = 'ledgerline-server';
const AUDIENCE = 'ledgerline-client';

export interface AccessClaims {
  readonly sub: string;
  readonly role: Role;
  readonly team: string | null;
}

export type AccessCheck = { readonly ok: true; readonly claims: AccessClaims } | { readonly ok: false; readonly reason: 'expired' | 'invalid' };

export interface AccessTokenService {
  issue(claims: AccessClaims): Promise<{ token: string; expiresAt: string }>;
  verify(token: string): Promise<AccessCheck>;
}

const isRole = (value: unknown): value is Role => typeof value === 'string' && (ROLES as readonly string[]).includes(value);

export function createAccessTokenService(secret: string, clock: Clock): AccessTokenService {
  const key = new TextEncoder().encode(secret);
  return {
    async issue(claims) {
      const now = Math.floor(clock.now().getTime() / 1000);
      const exp = now + ACCESS_TOKEN_TTL_SECONDS;
      const token = await new SignJWT({ role: claims.role, team: claims.team })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setSubject(claims.sub)
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setIssuedAt(now)
        .setExpirationTime(exp)
        .sign(key);
      return { token, expiresAt: new Date(exp * 1000).toISOString() };
    },
    async verify(token) {
      try {
        const { payload } = await jwtVerify(token, key, {
          algorithms: ['HS256'],
          issuer: ISSUER,
          audience: AUDIENCE,
          currentDate: clock.now(),
          requiredClaims: ['sub', 'exp', 'iat'],
        });
        const team = payload.team ?? null;
        if (payload.sub === undefined || !isRole(payload.role) || (team !== null && typeof team !== 'string')) {
          return { ok: false, reason: 'invalid' };
        }
        return { ok: true, claims: { sub: payload.sub, role: payload.role, team } };
      } catch (error) {
        return { ok: false, reason: error instanceof joseErrors.JWTExpired ? 'expired' : 'invalid' };
      }
    },
  };
}
