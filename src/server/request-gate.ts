import type { Request } from 'express';
import type { Authenticate } from '../auth/authenticate';
import type { Viewer } from '../auth/jwt';
import { type AppError, unauthenticated } from '../common/errors';
import { asServiceUnavailable } from './format-error';
import { documentRefusal, type QueryLimits } from './query-limits';

/** The document of a POST body or a GET query string, when there is one (Apollo refuses malformed requests itself). */
function documentOf(req: Request): string | undefined {
  const query = req.method === 'GET' ? req.query.query : (req.body as { query?: unknown } | undefined)?.query;
  return typeof query === 'string' ? query : undefined;
}

function withRequestId(error: AppError, requestId: string): AppError {
  (error.extensions as Record<string, unknown>).requestId = requestId;
  return error;
}

/**
 * What every GraphQL request over HTTP passes before Apollo parses it (Apollo builds the
 * context first and answers a throw from here with the error's status): a valid credential,
 * so an anonymous caller costs no parse and leaves no per-name state, then a document of
 * bounded bytes and tokens.
 */
export function requestGate(authenticate: Authenticate, limits: QueryLimits) {
  return async (req: Request, requestId: string): Promise<Viewer> => {
    // Checking a credential may ask the database (employees, partner keys): an outage there
    // is answered as one (503), not as a failed context (500, "Unexpected error.").
    const auth = await authenticate(req.headers.authorization).catch((err: unknown) => {
      const outage = asServiceUnavailable(err);
      throw outage ? withRequestId(outage, requestId) : err;
    });
    if ('failure' in auth) throw withRequestId(unauthenticated(auth.failure), requestId);
    const document = documentOf(req);
    const refused = document === undefined ? null : documentRefusal(document, limits);
    if (refused) throw withRequestId(refused, requestId);
    return auth.viewer;
  };
}
