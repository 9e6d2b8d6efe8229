import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { createRemoteJWKSet, jwtVerify, SignJWT, type JWTVerifyGetKey } from 'jose';
import type { Config } from '../config/config';
import type { AuthFailure } from '../common/errors';
import { isRole, type Role } from './roles';

export interface Viewer {
  /** Employee row id from the token's `sub`, when it is one. */
  userId: number | null;
  subject: string;
  roles: Role[];
  /** When the token stops being valid (ms since the epoch); long-lived subscriptions end then. */
  expiresAt?: number | null;
  /** The partner key behind an `ApiKey` caller: revoking it ends its subscriptions too. */
  partnerKeyId?: number | null;
}

const SECRET_FILE = 'jwt-secret';

/** The HS256 secret: JWT_SECRET, or one generated once and kept (mode 600) in DATA_DIR. */
export function devSecret(config: Config): Uint8Array {
  if (config.jwt.secret) return new TextEncoder().encode(config.jwt.secret);
  const file = path.join(config.dataDir, SECRET_FILE);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(config.dataDir, { recursive: true });
    try {
      fs.writeFileSync(file, crypto.randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
  return new TextEncoder().encode(fs.readFileSync(file, 'utf8').trim());
}

/** A caller, or why its credential was refused (answered as UNAUTHENTICATED with that reason). */
export type Authenticated = { viewer: Viewer } | { failure: AuthFailure };
export type TokenVerifier = (token: string) => Promise<Authenticated>;

/** Tokens remembered as verified, at most, and for at most this long (and never past their expiry). */
const VERIFIED_CAP = 10_000;
const VERIFIED_MS = 5 * 60 * 1000;
/** How far a token's `iat` may lie ahead of our clock (clocks of issuers drift a little). */
const IAT_SKEW_S = 60;

/**
 * A client sends the same token with every request until it expires, and checking its
 * signature (an HMAC through WebCrypto's job queue) cost more of a write than the write's
 * own SQL. Verification depends only on the token, our keys and whether its employee is
 * still active, so a token that passed is remembered for a few minutes, never past its
 * `exp`: an employee who leaves is refused at once by the instance that marked them (hasLeft), by
 * the others within VERIFIED_MS. One that failed is checked again.
 */
export interface Employees {
  /** Asked once per token: whether its employee exists and has not left. */
  isActiveEmployee(id: number): Promise<boolean>;
  /** Asked on every request: whether this instance saw the employee leave since (no query). */
  hasLeft(id: number): boolean;
}

/** `now`: the clock tokens are checked by (tests move it to expire a token without waiting). */
export function createVerifier(config: Config, employees: Employees, now: () => number = Date.now): TokenVerifier {
  const verifyNow = signatureVerifier(config, now);
  const verified = new Map<string, { viewer: Viewer; until: number }>();
  return async (token) => {
    const hit = verified.get(token);
    if (hit && hit.viewer.userId != null && employees.hasLeft(hit.viewer.userId)) return { failure: 'REVOKED' };
    if (hit && now() < hit.until) return { viewer: hit.viewer };
    if (hit) verified.delete(token);
    const result = await verifyNow(token);
    if ('failure' in result) return result;
    const { viewer } = result;
    // A numeric `sub` names an employee: writes record them as the actor, so they must exist.
    if (viewer.userId != null && !(await employees.isActiveEmployee(viewer.userId))) return { failure: 'REVOKED' };
    // Oldest first: a Map iterates in insertion order.
    if (verified.size >= VERIFIED_CAP) verified.delete(verified.keys().next().value!);
    verified.set(token, {
      viewer: Object.freeze(viewer),
      until: Math.min(viewer.expiresAt ?? Infinity, now() + VERIFIED_MS),
    });
    return { viewer };
  };
}

/** jose's error codes as our reasons; the rest (bad signature, wrong iss/aud, no key) is just INVALID. */
const FAILURE_OF: Record<string, AuthFailure> = {
  ERR_JWS_INVALID: 'MALFORMED',
  ERR_JWT_INVALID: 'MALFORMED',
  ERR_JWT_EXPIRED: 'EXPIRED',
};

/**
 * A token must say when it expires (a leaked token without `exp` works for ever) and must
 * not claim to be issued in the future. Partners are outside companies, never employees:
 * a partner-only token has no employee id whatever its `sub`. Any other non-numeric `sub`
 * is a service client that acts as no employee (it owns no customers).
 */
function signatureVerifier(config: Config, now: () => number): TokenVerifier {
  const jwks: JWTVerifyGetKey | undefined = config.jwt.jwksUrl
    ? createRemoteJWKSet(new URL(config.jwt.jwksUrl))
    : undefined;
  // A KeyObject made once: given the raw bytes, jose imports a key again for every token.
  const secret = jwks ? undefined : crypto.createSecretKey(devSecret(config));
  const options = { issuer: config.jwt.issuer, audience: config.jwt.audience, requiredClaims: ['exp'] };
  return async (token) => {
    try {
      const currentDate = new Date(now());
      const { payload } = jwks
        ? await jwtVerify(token, jwks, { ...options, currentDate })
        : await jwtVerify(token, secret!, { ...options, currentDate, algorithms: ['HS256'] });
      const roles = Array.isArray(payload.roles) ? payload.roles.filter(isRole) : [];
      if (!payload.sub || roles.length === 0) return { failure: 'INVALID' };
      if (payload.iat != null && payload.iat > currentDate.getTime() / 1000 + IAT_SKEW_S) return { failure: 'INVALID' };
      const employee = roles.some((role) => role !== 'partner') && /^[1-9][0-9]{0,9}$/.test(payload.sub);
      return {
        viewer: {
          userId: employee ? Number(payload.sub) : null,
          subject: payload.sub,
          roles,
          expiresAt: payload.exp! * 1000,
        },
      };
    } catch (err) {
      return { failure: FAILURE_OF[(err as { code?: string }).code ?? ''] ?? 'INVALID' };
    }
  };
}

export async function signToken(config: Config, subject: string, roles: Role[], expiresIn = '12h'): Promise<string> {
  let jwt = new SignJWT({ roles })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(subject)
    .setIssuedAt()
    .setExpirationTime(expiresIn);
  if (config.jwt.issuer) jwt = jwt.setIssuer(config.jwt.issuer);
  if (config.jwt.audience) jwt = jwt.setAudience(config.jwt.audience);
  return jwt.sign(devSecret(config));
}
