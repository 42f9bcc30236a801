// Downloads at stable URLs under /export/ (coverage, matrix, correspondence tables as CSV and XLSX; a
// plan's neighbourhood as GraphML), for analysts taking tables into a report. Each reads the graph through
// the store (Cypher in cypher/export/) and never builds Cypher from the request.
//
//   /export/coverage.csv|xlsx?plan=ID         every national task: covered by the plan or not, best link
//   /export/matrix.csv|xlsx                   national tasks × local plans: link counts and best scores
//   /export/correspondence.csv|xlsx?plan=ID   every measure of the plan → the national tasks it implements
//   /export/plan.graphml?plan=ID              the plan's neighbourhood, for Gephi or yEd
//   /export/status.csv|xlsx?plan=ID[&asOf=D]  the status board: every government a plan obligation of
//                                             the plan obliges, its plan issued on time, late, or not
//
// CSV is UTF-8 with a BOM (so spreadsheet programs read the Chinese right) and CRLF line ends; an unknown
// plan answers 404 with a JSON body.
import express from 'express';
import { GraphQLError } from 'graphql';
import writeXlsxFile from 'write-excel-file/node';
import { queries } from './queries.js';
import type { Cell } from './records.js';
import type { GraphStore } from './store.js';

/** A table: column names and rows of the same length. */
export interface Table {
  name: string;
  columns: string[];
  rows: Cell[][];
}

interface EvidenceItem {
  kind: string;
  text: string;
}

/** RFC 4180 CSV with a BOM; a field with a quote, comma or line break is quoted. */
export function toCsv(t: Table): string {
  const field = (v: Cell) => {
    const s = v === null || v === undefined ? '' : String(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return `\uFEFF${[t.columns, ...t.rows].map((l) => l.map(field).join(',')).join('\r\n')}\r\n`;
}

export async function toXlsx(t: Table): Promise<Buffer> {
  const header = t.columns.map((c) => ({
    value: c,
    fontWeight: 'bold' as const,
    backgroundColor: '#EAF2F8',
  }));
  const body = t.rows.map((r) =>
    r.map((v) =>
      v === null ? null : typeof v === 'number' ? { value: v, type: Number } : { value: String(v) },
    ),
  );
  const widths = t.columns.map((c, i) =>
    Math.min(60, Math.max(8, c.length + 2, ...t.rows.map((r) => String(r[i] ?? '').length * 1.6))),
  );
  return writeXlsxFile([header, ...body], {
    sheet: t.name.slice(0, 31),
    columns: widths.map((width) => ({ width })),
    stickyRowsCount: 1,
  }).toBuffer();
}

const xml = (s: string | number | boolean | null | undefined) =>
  String(s ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!,
  );

/** Evidence of a link as a line of text: matched terms and statements, then the shared words. */
export function evidenceText(json: unknown): { evidence: string; words: string } {
  let items: EvidenceItem[] = [];
  try {
    items = typeof json === 'string' ? (JSON.parse(json) as EvidenceItem[]) : [];
  } catch {
    items = [];
  }
  const main = items.filter((e) => e.kind !== 'word').map((e) => `${e.kind}: ${e.text}`);
  const words = [...new Set(items.filter((e) => e.kind === 'word').map((e) => e.text))];
  return { evidence: main.join('; '), words: words.join(' ') };
}

class NotFound extends Error {}
class BadRequest extends Error {}

async function planOf(store: GraphStore, planId: unknown): Promise<{ id: string; title: string }> {
  if (typeof planId !== 'string' || !planId.trim()) throw new BadRequest('the plan parameter is required');
  const [p] = await store.read(queries.exportPlan, { planId });
  if (!p) throw new NotFound(`no plan with id ${planId}`);
  return p;
}

export async function coverageTable(store: GraphStore, planId: unknown): Promise<Table> {
  const plan = await planOf(store, planId);
  const rows = await store.read(queries.exportCoverage, { planId: plan.id });
  return {
    name: 'coverage',
    columns: [
      'action_id',
      'action',
      'task_id',
      'task',
      'covered',
      'links',
      'best_score',
      'best_method',
      'best_measure_id',
      'best_measure',
      'measure_ids',
    ],
    rows: rows.map((r) => [
      r.actionId,
      r.action,
      r.taskId,
      r.task,
      r.covered ? 'yes' : 'no',
      Number(r.links),
      r.bestScore ?? null,
      r.bestMethod === null ? null : r.bestMethod.toUpperCase(),
      r.bestMeasureId,
      r.bestMeasure,
      r.measureIds.join(' '),
    ]),
  };
}

export async function matrixTable(store: GraphStore): Promise<Table> {
  const [matrix] = await store.read(queries.exportMatrix, {});
  const plans = matrix?.plans ?? [];
  const rows = matrix?.rows ?? [];
  return {
    name: 'matrix',
    columns: [
      'action_id',
      'action',
      'task_id',
      'task',
      ...plans.flatMap((p) => [`${p.id} links`, `${p.id} best_score`]),
    ],
    rows: rows.map((r) => [
      r.actionId,
      r.action,
      r.taskId,
      r.task,
      ...plans.flatMap((p) => {
        const c = r.cells.find((x) => x.planId === p.id);
        return [Number(c?.links ?? 0), c?.bestScore ?? null];
      }),
    ]),
  };
}

export async function correspondenceTable(store: GraphStore, planId: unknown): Promise<Table> {
  const plan = await planOf(store, planId);
  const rows = await store.read(queries.exportCorrespondence, { planId: plan.id });
  return {
    name: 'correspondence',
    columns: [
      'action_id',
      'action',
      'measure_id',
      'label',
      'measure',
      'file',
      'line',
      'task_id',
      'task',
      'upper_plan',
      'score',
      'method',
      'rank',
      'review',
      'review_note',
      'evidence',
      'shared_words',
    ],
    rows: rows.map((r): Cell[] => {
      const ev = evidenceText(r.evidence);
      return [
        r.actionId,
        r.action,
        r.measureId,
        r.label,
        r.measure,
        r.file,
        r.line === null ? null : Number(r.line),
        r.taskId,
        r.task,
        r.taskPlan,
        r.score === null ? null : Number(r.score),
        r.method === null ? null : String(r.method).toUpperCase(),
        r.rank === null ? null : Number(r.rank),
        r.review,
        r.reviewNote,
        ev.evidence || null,
        ev.words || null,
      ];
    }),
  };
}

const NODE_KEYS = ['label', 'labels', 'level', 'kind', 'plan', 'national'] as const;
const EDGE_KEYS = ['type', 'score', 'method', 'role', 'mention', 'value', 'unit', 'year'] as const;
const NUMERIC = new Set(['score', 'value', 'year']);

export async function planGraphml(store: GraphStore, planId: unknown): Promise<string> {
  const plan = await planOf(store, planId);
  const [g] = await store.read(queries.exportPlanGraph, { planId: plan.id });
  const nodes = g?.nodes ?? [];
  const edges = g?.edges ?? [];
  const key = (k: string, forWhat: 'node' | 'edge') =>
    `  <key id="${forWhat[0]}_${k}" for="${forWhat}" attr.name="${k}" attr.type="${NUMERIC.has(k) ? 'double' : k === 'national' ? 'boolean' : 'string'}"/>`;
  const data = (prefix: string, k: string, v: string | number | boolean | null | undefined) =>
    v === null || v === undefined ? '' : `<data key="${prefix}_${k}">${xml(v)}</data>`;
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">',
    ...NODE_KEYS.map((k) => key(k, 'node')),
    ...EDGE_KEYS.map((k) => key(k, 'edge')),
    `  <graph id="${xml(plan.id)}" edgedefault="directed">`,
    ...nodes.map(
      (n) =>
        `    <node id="${xml(n.id)}">${data('n', 'label', n.caption)}${data('n', 'labels', n.labels.join(':'))}` +
        `${data('n', 'level', n.level)}${data('n', 'kind', n.kind)}${data('n', 'plan', n.plan)}` +
        `${data('n', 'national', n.national === null ? null : Boolean(n.national))}</node>`,
    ),
    ...edges.map(
      (e, i) =>
        `    <edge id="e${i}" source="${xml(e.from)}" target="${xml(e.to)}">` +
        EDGE_KEYS.map((k) => data('e', k, k === 'method' && e.method ? e.method.toUpperCase() : e[k])).join(
          '',
        ) +
        '</edge>',
    ),
    '  </graph>',
    '</graphml>',
  ];
  return `${lines.join('\n')}\n`;
}

/** The status board (cypher/api/status.cypher) as a table, judged against `asOf` (default `today`). */
export async function statusTable(
  store: GraphStore,
  planId: unknown,
  asOf: unknown,
  today: string,
): Promise<Table> {
  const plan = await planOf(store, planId);
  if (asOf !== undefined && (typeof asOf !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(asOf)))
    throw new BadRequest('asOf must be a date like 2025-07-01');
  const rows = await store.read(queries.status, { planId: plan.id, today: asOf ?? today });
  return {
    name: 'status',
    columns: [
      'region_id',
      'region',
      'status',
      'due',
      'issued_on',
      'plan_id',
      'what',
      'subject',
      'obligation',
      'line',
    ],
    rows: rows.map(({ obligation: o, status: s }): Cell[] => [
      s.regionId,
      s.regionName,
      s.status.toUpperCase(),
      o.due,
      s.issuedOn,
      s.planId,
      o.what,
      o.subject,
      o.text,
      Number(o.line),
    ]),
  };
}

/** `today`: the date obligations are judged against (PLANTRACE_TODAY); unset, the current date. */
export function exportRoutes(store: GraphStore, today?: string): express.Router {
  const router = express.Router();
  const tables: Record<string, (q: express.Request['query']) => Promise<Table>> = {
    coverage: (q) => coverageTable(store, q.plan),
    matrix: () => matrixTable(store),
    correspondence: (q) => correspondenceTable(store, q.plan),
    status: (q) => statusTable(store, q.plan, q.asOf, today ?? new Date().toISOString().slice(0, 10)),
  };
  const suffix = (q: express.Request['query']) =>
    typeof q.plan === 'string' && q.plan ? `-${q.plan.replace(/[^\p{L}\p{N}_-]+/gu, '_')}` : '';

  router.get('/:file', async (req, res) => {
    const dot = req.params.file.lastIndexOf('.');
    const name = dot > 0 ? req.params.file.slice(0, dot) : req.params.file;
    const format = dot > 0 ? req.params.file.slice(dot + 1) : '';
    try {
      if (name === 'plan' && format === 'graphml') {
        const body = await planGraphml(store, req.query.plan);
        res.attachment(`plan${suffix(req.query)}.graphml`);
        res.set('Content-Type', 'application/graphml+xml; charset=utf-8');
        res.send(body);
        return;
      }
      const make = Object.hasOwn(tables, name) ? tables[name] : undefined;
      if (!make || (format !== 'csv' && format !== 'xlsx')) {
        res.status(404).json({ error: 'NOT_FOUND', message: `no export ${name}.${format}` });
        return;
      }
      const table = await make(req.query);
      const file = `${name}${suffix(req.query)}.${format}`;
      if (format === 'csv') res.type('text/csv; charset=utf-8').attachment(file).send(toCsv(table));
      else
        res
          .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .attachment(file)
          .send(await toXlsx(table));
    } catch (err) {
      if (err instanceof NotFound) res.status(404).json({ error: 'NOT_FOUND', message: err.message });
      else if (err instanceof BadRequest)
        res.status(400).json({ error: 'BAD_USER_INPUT', message: err.message });
      else if (err instanceof GraphQLError && err.extensions.code === 'UNAVAILABLE')
        res.status(503).json({ error: 'UNAVAILABLE' });
      else res.status(500).json({ error: 'INTERNAL_SERVER_ERROR' });
    }
  });
  return router;
}
