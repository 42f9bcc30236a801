import type { QueryResolvers } from '../__generated__/resolvers-types.js';

// Health never throws: it reports an unreachable Neo4j as data so monitors can read it.
export const health: QueryResolvers['health'] = async (_parent, _args, { store }) => {
  try {
    const h = await store.health();
    return { ok: true, neo4jVersion: h.version, neo4jEdition: h.edition, nodeCount: h.nodeCount };
  } catch {
    return { ok: false, error: 'Neo4j is unavailable' };
  }
};
