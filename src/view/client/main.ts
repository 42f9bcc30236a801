// The built-in view: a measure's trace as a graph (Neo4j's own renderer, @neo4j-nvl/base), a coverage
// heat map of national tasks × plans with click-through to the links behind a cell, and a search box
// over the Chinese full-text search. It reads from the GraphQL API only and is bundled by esbuild into
// one file served by plantrace (no CDN).
import { NVL, type Node, type Relationship } from '@neo4j-nvl/base';
import { heatColor, implementsWidth, LABEL_STYLES, NATIONAL_TASK } from '../palette.js';

interface GqlError {
  message: string;
}

async function gql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const res = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: T; errors?: GqlError[] };
  if (body.errors?.length) throw new Error(body.errors.map((e) => e.message).join('; '));
  return body.data!;
}

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const escapeHtml = (s: string) =>
  s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
const style = (label: string) => LABEL_STYLES.find((s) => s.label === label)!;

// ---- trace graph ------------------------------------------------------------------------------------

interface Evidence {
  kind: string;
  text: string;
}
interface Link {
  score: number;
  method: string;
  evidence: Evidence[];
}
interface TraceData {
  trace: {
    measure: {
      id: string;
      title: string;
      action: { id: string; title: string };
      plan: { id: string; title: string };
    };
    aligned: boolean;
    path: { kind: 'TASK' | 'ACTION' | 'PLAN'; node: { id: string; title: string }; link: Link | null }[];
    otherLinks: ({ to: { id: string; title: string } } & Link)[];
    candidates: { task: { id: string; title: string }; score: number }[];
  };
}

const TRACE_QUERY = `query($id: ID!) { trace(measureId: $id) {
  measure { id title action { id title } plan { id title } }
  aligned
  path { kind node { id title } link { score method evidence { kind text } } }
  otherLinks { to { id title } score method evidence { kind text } }
  candidates { task { id title } score } } }`;

let nvl: NVL | null = null;
/** What hovering shows, by graph element id. */
const tooltips = new Map<string, string>();

function describeLink(l: Link): string {
  const terms = l.evidence
    .filter((e) => e.kind !== 'word')
    .slice(0, 5)
    .map(
      (e) =>
        `<li>${escapeHtml(e.kind)}: ${escapeHtml(e.text.length > 80 ? `${e.text.slice(0, 80)}…` : e.text)}</li>`,
    )
    .join('');
  return `<strong>${escapeHtml(l.method)}</strong> · score <span class="score">${l.score.toFixed(2)}</span><ul>${terms}</ul>`;
}

export async function showTrace(measureId: string): Promise<void> {
  const { trace } = await gql<TraceData>(TRACE_QUERY, { id: measureId });
  const m = trace.measure;
  $('trace-panel').hidden = false;
  $('trace-title').textContent = `Trace: ${m.title}`;
  tooltips.clear();

  const nodes: Node[] = [];
  const rels: Relationship[] = [];
  const node = (id: string, title: string, label: string, extra: Partial<Node> = {}) => {
    if (nodes.some((n) => n.id === id)) return;
    const s = style(label);
    nodes.push({ id, caption: title, color: s.color, size: 18 + 10 * s.size, ...extra });
    tooltips.set(id, `<strong>${escapeHtml(title)}</strong><br><code>${escapeHtml(id)}</code>`);
  };
  const rel = (
    from: string,
    to: string,
    type: string,
    link: Link | null,
    extra: Partial<Relationship> = {},
  ) => {
    const id = `${from}>${type}>${to}`;
    rels.push({
      id,
      from,
      to,
      type,
      caption: link ? link.score.toFixed(2) : type,
      width: link ? implementsWidth(link.score) : 1,
      ...extra,
    });
    if (link) tooltips.set(id, describeLink(link));
  };

  node(m.plan.id, m.plan.title, 'Plan');
  node(m.action.id, m.action.title, 'Action');
  node(m.id, m.title, 'Measure');
  rel(m.plan.id, m.action.id, 'HAS_ACTION', null);
  rel(m.action.id, m.id, 'HAS_MEASURE', null);
  const [task, action, plan] = trace.path;
  if (task && action && plan) {
    node(task.node.id, task.node.title, 'Measure', {
      color: NATIONAL_TASK.color,
      size: 18 + 10 * NATIONAL_TASK.size,
    });
    node(action.node.id, action.node.title, 'Action', { color: NATIONAL_TASK.color });
    node(plan.node.id, plan.node.title, 'NationalPlan');
    rel(m.id, task.node.id, 'IMPLEMENTS', task.link);
    rel(action.node.id, task.node.id, 'HAS_MEASURE', null);
    rel(plan.node.id, action.node.id, 'HAS_ACTION', null);
    if (action.link) rel(m.action.id, action.node.id, 'IMPLEMENTS', action.link);
    if (plan.link) rel(m.plan.id, plan.node.id, 'IMPLEMENTS', plan.link);
    for (const o of trace.otherLinks) {
      node(o.to.id, o.to.title, 'Measure', { color: NATIONAL_TASK.color });
      rel(m.id, o.to.id, 'IMPLEMENTS', o);
    }
  } else {
    for (const c of trace.candidates) {
      node(c.task.id, c.task.title, 'Measure', { color: '#D5D8DC' });
      rel(
        m.id,
        c.task.id,
        'CANDIDATE',
        { score: c.score, method: 'rejected candidate', evidence: [] },
        { color: '#BFC9CA' },
      );
    }
  }

  const steps = trace.aligned
    ? trace.path.map(
        (s) => `<li>${s.kind}: ${escapeHtml(s.node.title)}${s.link ? ` — ${describeLink(s.link)}` : ''}</li>`,
      )
    : [
        `<li>No national counterpart. Best rejected candidates: ${trace.candidates
          .map((c) => `${escapeHtml(c.task.title)} (${c.score.toFixed(2)})`)
          .join('，')}</li>`,
      ];
  $('trace-steps').innerHTML = steps.join('');

  nvl?.destroy();
  const container = $('trace-canvas');
  nvl = new NVL(
    container,
    nodes,
    rels,
    {
      renderer: 'canvas',
      disableWebGL: true,
      disableTelemetry: true,
      disableWebWorkers: true,
      initialZoom: 1,
    },
    // Once the force layout settles, zoom so every node is in view.
    { onLayoutDone: () => nvl?.fit(nodes.map((n) => n.id)) },
  );
  window.plantraceView.traceNodeCount = nodes.length;
  window.plantraceView.traceRelationshipCount = rels.length;
}

function hover(evt: MouseEvent): void {
  const tip = $('trace-tooltip');
  if (!nvl) return;
  const hits = nvl.getHits(evt);
  const target = hits.nvlTargets.relationships[0]?.data.id ?? hits.nvlTargets.nodes[0]?.data.id;
  const html = target ? tooltips.get(target) : undefined;
  if (!html) {
    tip.hidden = true;
    return;
  }
  tip.innerHTML = html;
  tip.style.left = `${evt.clientX + 12}px`;
  tip.style.top = `${evt.clientY + 12}px`;
  tip.hidden = false;
}

// ---- heat map ------------------------------------------------------------------------------------------

interface MatrixData {
  alignmentMatrix: {
    plans: { id: string; title: string; region: { name: string } | null }[];
    rows: {
      task: { id: string; title: string };
      action: { id: string; title: string };
      cells: { planId: string; links: number; bestScore: number | null }[];
    }[];
  };
}

async function showHeatmap(): Promise<void> {
  const { alignmentMatrix: m } = await gql<MatrixData>(`{ alignmentMatrix {
    plans { id title region { name } }
    rows { task { id title } action { id title } cells { planId links bestScore } } } }`);
  const head = `<tr><th>National task</th>${m.plans
    .map((p) => `<th title="${escapeHtml(p.title)}">${escapeHtml(p.region?.name ?? p.id)}</th>`)
    .join('')}</tr>`;
  let lastAction = '';
  const body = m.rows
    .map((r) => {
      const actionRow =
        r.action.id !== lastAction
          ? `<tr><th class="action" colspan="${m.plans.length + 1}">${escapeHtml(r.action.title)}</th></tr>`
          : '';
      lastAction = r.action.id;
      const cells = r.cells
        .map(
          (c) =>
            `<td class="cell" data-task="${escapeHtml(r.task.id)}" data-plan="${escapeHtml(c.planId)}" ` +
            `style="background:${heatColor(c.bestScore)}" title="best score ${c.bestScore?.toFixed(2) ?? '—'}">${c.links || ''}</td>`,
        )
        .join('');
      return `${actionRow}<tr><th>${escapeHtml(r.task.title)}</th>${cells}</tr>`;
    })
    .join('');
  $('heatmap').innerHTML = `<thead>${head}</thead><tbody>${body}</tbody>`;
  window.plantraceView.heatmapCellCount = m.rows.length * m.plans.length;
}

async function showCell(taskId: string, planId: string): Promise<void> {
  const { implementations } = await gql<{
    implementations: { nodes: { from: { id: string; title: string }; score: number; method: string }[] };
  }>(
    `query($t: ID!, $p: [ID!]) { implementations(nationalTaskId: $t, planIds: $p, first: 50) { nodes { from { id title } score method } } }`,
    {
      t: taskId,
      p: [planId],
    },
  );
  const detail = $('cell-detail');
  detail.hidden = false;
  detail.innerHTML = implementations.nodes.length
    ? `<h3>Links from ${escapeHtml(planId)} to ${escapeHtml(taskId)}</h3><ul>${implementations.nodes
        .map(
          (n) =>
            `<li><button class="link" data-trace="${escapeHtml(n.from.id)}">${escapeHtml(n.from.title)}</button> ` +
            `<span class="score">${n.score.toFixed(2)}</span> ${escapeHtml(n.method)}</li>`,
        )
        .join('')}</ul>`
    : `<p>No measure of ${escapeHtml(planId)} implements ${escapeHtml(taskId)}: a gap.</p>`;
}

// ---- search --------------------------------------------------------------------------------------------

async function search(text: string): Promise<void> {
  const { search } = await gql<{
    search: {
      totalCount: number;
      nodes: { kind: string; snippet: string; node: { id: string; title?: string; name?: string } }[];
    };
  }>(
    `query($text: String!) { search(text: $text, first: 20) { totalCount nodes { kind snippet
      node { ... on Measure { id title } ... on Action { id title } ... on Plan { id title } ... on Indicator { id name } } } } }`,
    {
      text,
    },
  );
  $('search-panel').hidden = false;
  // Snippets come escaped from the API, with only <mark> added.
  $('search-results').innerHTML = search.nodes
    .map(
      (h) =>
        `<li data-kind="${h.kind}">${h.kind === 'MEASURE' ? `<button class="link" data-trace="${escapeHtml(h.node.id)}">${escapeHtml(h.node.title ?? '')}</button>` : escapeHtml(h.node.title ?? h.node.name ?? h.node.id)}` +
        ` <small>${h.kind.toLowerCase()} · ${escapeHtml(h.node.id)}</small><br>${h.snippet}</li>`,
    )
    .join('');
  window.plantraceView.searchHitCount = search.nodes.length;
}

// ---- wiring --------------------------------------------------------------------------------------------

declare global {
  interface Window {
    plantraceView: {
      ready: boolean;
      heatmapCellCount: number;
      traceNodeCount: number;
      traceRelationshipCount: number;
      searchHitCount: number;
      showTrace: (id: string) => Promise<void>;
      error: string | null;
    };
  }
}

window.plantraceView = {
  ready: false,
  heatmapCellCount: 0,
  traceNodeCount: 0,
  traceRelationshipCount: 0,
  searchHitCount: 0,
  showTrace,
  error: null,
};

const report = (err: unknown) => {
  window.plantraceView.error = (err as Error).message;
  console.error(err);
};

document.addEventListener('click', (evt) => {
  const el = evt.target as HTMLElement;
  const trace = el.closest<HTMLElement>('[data-trace]');
  if (trace) void showTrace(trace.dataset.trace!).catch(report);
  const cell = el.closest<HTMLElement>('td.cell');
  if (cell) void showCell(cell.dataset.task!, cell.dataset.plan!).catch(report);
});
$('search-form').addEventListener('submit', (evt) => {
  evt.preventDefault();
  const text = $<HTMLInputElement>('search-text').value.trim();
  if (text) void search(text).catch(report);
});
$('trace-graph').addEventListener('mousemove', hover);
$('trace-graph').addEventListener('mouseleave', () => ($('trace-tooltip').hidden = true));

showHeatmap()
  .then(() => (window.plantraceView.ready = true))
  .catch(report);
const initial = new URLSearchParams(location.search).get('trace');
if (initial) void showTrace(initial).catch(report);
