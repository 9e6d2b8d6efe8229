import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from './logger';
import { UNEXPECTED } from './format-error';

/** body-parser's failures as clients should read them; anything else is unexpected. */
const MESSAGES: Record<string, string> = {
  'entity.too.large': 'The request body is too large.',
  'entity.parse.failed': 'The request body is not valid JSON.',
  'encoding.unsupported': 'The request body has an unsupported content encoding.',
  'charset.unsupported': 'The request body has an unsupported charset.',
  'request.aborted': 'The request was aborted.',
};

/**
 * Express answers its own failures (a malformed or oversized body, an unknown path) with
 * HTML, a stack trace and absolute paths outside production. Here they are JSON in the
 * GraphQL error shape in every mode; details go to the log only.
 */
export function jsonErrors(log: Logger): { notFound: RequestHandler; failed: ErrorRequestHandler } {
  return {
    notFound: (_req, res) => {
      res.status(404).json({ errors: [{ message: 'Not found.', extensions: { code: 'NOT_FOUND' } }] });
    },
    failed: (err, _req, res, next) => {
      if (res.headersSent) return next(err);
      const type = (err as { type?: string }).type ?? '';
      const status = Number((err as { status?: number }).status);
      const known = MESSAGES[type] && status >= 400 && status < 500;
      if (!known) log.error({ err }, 'unexpected error outside GraphQL');
      const requestId = res.getHeader('x-request-id');
      res.status(known ? status : 500).json({
        errors: [
          {
            message: known ? MESSAGES[type] : UNEXPECTED,
            extensions: { code: known ? 'BAD_REQUEST' : 'INTERNAL_SERVER_ERROR', ...(requestId ? { requestId } : {}) },
          },
        ],
      });
    },
  };
}
