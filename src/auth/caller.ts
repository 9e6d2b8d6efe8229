import type { Viewer } from './jwt';
import type { Loaders } from '../common/loaders';

/** What a service needs to know about who is asking: the viewer and the request's loaders. */
export interface Caller {
  viewer: Viewer;
  loaders: Loaders;
}
