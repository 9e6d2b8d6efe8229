import cors from 'cors';
import type { RequestHandler } from 'express';

/**
 * CORS for browsers on other origins (CORS_ORIGINS). Credentials stay off: the API reads a
 * bearer header, never a cookie, so a page may call it only with a token it holds itself.
 * Preflights (OPTIONS) are answered here, before the credential check that would refuse
 * them for lack of an Authorization header. Without CORS_ORIGINS no header is added and
 * browsers keep other origins out, as before.
 */
export function corsFor(origins: readonly string[]): RequestHandler {
  return cors({
    origin: origins.includes('*') ? '*' : [...origins],
    credentials: false,
    methods: ['GET', 'POST', 'OPTIONS'],
    allowedHeaders: [
      'authorization',
      'content-type',
      'x-request-id',
      'apollo-require-preflight',
      'apollographql-client-name',
      'apollographql-client-version',
    ],
    exposedHeaders: ['x-request-id'],
    // Browsers cache a preflight for at most this long (Chromium caps it at 2 hours).
    maxAge: 600,
  });
}
