import type { Logger } from 'pino';
import type { Viewer } from './jwt';
import type { Loaders } from '../common/loaders';
import type { ReadRecorder } from './read-recorder';

/**
 * The process's services, as resolvers reach them through `ctx.services`. Declared empty
 * here and filled in by the composition root (server/services.ts), so the Context sits
 * below the features that use it without importing them.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface Services {}

/** Built fresh for every request (and every subscription operation). */
export interface Context {
  requestId: string;
  /** Always set: a request without a valid credential is refused before a context exists. */
  viewer: Viewer;
  loaders: Loaders;
  services: Services;
  log: Logger;
  /** Confidential reads of this request, written to the read audit before the answer leaves. */
  reads: ReadRecorder;
}
