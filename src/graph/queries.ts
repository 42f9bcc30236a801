// The Cypher the loader and the CLI read the graph with, one typed entry per file (see cypherQuery).
// The write statements (schema, write-content, write-links) are files of several statements sharing one
// parameter map, run by the writer; tests/integration/cypher-registry.test.ts EXPLAINs those too.
import neo4j, { type Integer } from 'neo4j-driver';
import { z } from 'zod';
import { cypherQuery } from './cypher.js';

const ids = z.array(z.string());
const integer = z.custom<Integer>((v) => neo4j.isInt(v), 'a Neo4j integer');
type Props = Record<string, unknown>;

/** A plan's references as stored (src/graph/stored.ts turns `cites` and `level` into their types). */
export interface StoredPlanRow {
  id: string;
  title: string;
  docNumber: string | null;
  level: string;
  kind: 'plan' | 'interpretation' | 'catalog';
  regionCode: string | null;
  region: string | null;
  issuedOn: string | null;
  /** JSON of the plan's citations. */
  cites: string;
  parent: string | null;
  nationalPlan: string | null;
  interprets: string | null;
  contentHash: string | null;
  linksHash: string | null;
  /** The key of the last load (src/pipeline/keys.ts): file bytes, pipeline, the plans it depends on. */
  loadKey: string | null;
  sha256: string | null;
}

export const graphQueries = {
  /** Every plan's references (parents, citations, hashes, load key). */
  storedPlans: cypherQuery('stored-plans', {}).returns<StoredPlanRow>(),
  /** Documents rebuilt from the graph: the plan's properties and its sections with their measures. */
  storedDocuments: cypherQuery('stored-documents', { ids }).returns<{ plan: Props; sections: Props[] }>(),
  /** Analysts' reviews and added links, for `plantrace calibrate --reviews`. */
  calibrationReviews: cypherQuery('calibration-reviews', { limit: integer }).returns<{
    from: string;
    to: string;
    decision: string;
    added: boolean;
    plan: string | null;
    file: string | null;
  }>(),
};
