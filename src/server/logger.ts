import pino from 'pino';

/** Structured JSON logs on stdout; the request id ties a request's lines together. */
export function createLogger(level: string) {
  return pino({ level, base: undefined, timestamp: pino.stdTimeFunctions.isoTime });
}
export type { Logger } from 'pino';
