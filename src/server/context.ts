import type { Logger } from 'pino';
import type { Viewer } from '../auth/jwt';
import type { Loaders } from '../common/loaders';
import type { ReadRecorder } from '../audit/read-recorder';
import type { Services } from './services';

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
