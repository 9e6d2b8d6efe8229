import type { Authenticated, TokenVerifier } from './jwt';

/** An API key's check (partner-key.service.ts). */
export type KeyVerifier = (key: string) => Promise<Authenticated>;

/**
 * The caller behind an `Authorization` value: `Bearer <JWT>` for people and client-credential
 * tokens, `ApiKey <key>` for partner apps. HTTP headers and WebSocket `connection_init`
 * payloads both go through here, so both refuse alike and give the same reasons.
 */
export function authenticator(verifyToken: TokenVerifier, verifyKey: KeyVerifier) {
  return async (authorization: string | undefined): Promise<Authenticated> => {
    if (!authorization) return { failure: 'MISSING' };
    const match = /^(Bearer|ApiKey)\s+(\S+)$/i.exec(authorization);
    if (!match) return { failure: 'MALFORMED' };
    return match[1].toLowerCase() === 'bearer' ? verifyToken(match[2]) : verifyKey(match[2]);
  };
}
export type Authenticate = ReturnType<typeof authenticator>;
