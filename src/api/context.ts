// What every resolver receives: the store over Neo4j, the request's batch loaders, and the caller's identity.
import type { Loaders } from './loaders.js';
import type { GraphStore } from './store.js';

export interface ApiContext {
  store: GraphStore;
  loaders: Loaders;
  /** True when the request carried the configured PLANTRACE_API_KEY. */
  authorized: boolean;
  /** The date obligations are judged against (PLANTRACE_TODAY); unset: the current date. */
  today?: string;
}
