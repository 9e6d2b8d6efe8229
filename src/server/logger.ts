import pino from 'pino';
import { QueryFailedError } from 'typeorm';

/**
 * A failed statement's error carries the values bound to it, which are personal data
 * (names, mobiles, birthdays): TypeORM's `parameters`, mysql2's `sql` with them written
 * in, and MySQL quotes the offending value in its message ("Duplicate entry '139…' for
 * key …"). Its log entry keeps what tells what failed: the statement with its
 * placeholders, the driver's codes, and message and stack with quoted values masked.
 */
function failedStatement(err: QueryFailedError): Record<string, unknown> {
  const { code, errno, sqlState } = err as unknown as Record<string, unknown>;
  return {
    type: err.name,
    message: maskValues(err.message),
    stack: maskValues(err.stack ?? ''),
    query: err.query,
    code,
    errno,
    sqlState,
  };
}

/** Quoted literals, except the names MySQL quotes the same way (key 'uq_…', column 'name', table 'db.t'). */
const QUOTED_VALUE = /(?<!\b(?:key|column|constraint|table) )'(?:[^'\\]|\\.)*'/gi;
const maskValues = (text: string) => text.replace(QUOTED_VALUE, "'…'");

/** pino's error serializer, with failed statements (also as a cause) logged without their values. */
function serializeError(err: unknown): unknown {
  if (err instanceof QueryFailedError) return failedStatement(err);
  if (!(err instanceof Error)) return err;
  const out: Record<string, unknown> = pino.stdSerializers.err(err);
  for (const key of ['cause', 'originalError'] as const) {
    const inner = (err as unknown as Record<string, unknown>)[key];
    if (inner instanceof Error) out[key] = serializeError(inner);
  }
  return out;
}

/** Structured JSON logs on stdout (or `destination`); the request id ties a request's lines together. */
export function createLogger(level: string, destination?: pino.DestinationStream) {
  const options = {
    level,
    base: undefined,
    timestamp: pino.stdTimeFunctions.isoTime,
    serializers: { err: serializeError },
  };
  return destination ? pino(options, destination) : pino(options);
}
export type { Logger } from 'pino';
