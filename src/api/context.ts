// What every resolver receives: the read/write store over Neo4j and the caller's identity.
import type { GraphStore } from './store.js';

export interface ApiContext {
  store: GraphStore;
  /** True when the request carried the configured PLANTRACE_API_KEY. */
  authorized: boolean;
}
