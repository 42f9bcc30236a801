// A measure's trace: measure → national task → national action → national plan as a graph (NVL, loaded
// on demand) and as steps with score, method, evidence and review controls.
import { cached, hooks, href, reviewControls } from './app.js';
import { t, tv } from './messages.js';
import { implementsWidth, LABEL_STYLES, NATIONAL_TASK } from '../palette.js';
import { esc, methodChip, reviewChip, scoreBadge, scoreClass } from './ui.js';
import type { Node, Relationship } from './trace-graph.js';

interface Evidence {
  kind: string;
  text: string;
}
interface Link {
  score: number;
  method: string;
  evidence: Evidence[];
  review: { decision: string } | null;
}
interface Step {
  kind: 'MEASURE' | 'TASK' | 'ACTION' | 'PLAN';
  level: string;
  bypassed: string[];
  node: { id: string; title: string; label?: string };
  link: Link | null;
}
interface TraceData {
  trace: {
    measure: {
      id: string;
      label: string;
      title: string;
      action: { id: string; title: string };
      plan: { id: string; title: string };
    };
    aligned: boolean;
    level: string;
    path: Step[];
    planChain: Step[];
    otherLinks: ({ to: { id: string; title: string } } & Link)[];
    candidates: { task: { id: string; title: string }; score: number }[];
  };
}
const LINK = `score method review { decision } evidence { kind text }`;
const TRACE = `query($id: ID!) { trace(measureId: $id) {
  measure { id label title action { id title } plan { id title } }
  aligned level
  path { kind level bypassed node { id title ... on Measure { label } } link { ${LINK} } }
  planChain { kind level bypassed node { id title } link { ${LINK} } }
  otherLinks { to { id title } ${LINK} }
  candidates { task { id title } score } } }`;

const style = (label: string) => LABEL_STYLES.find((s) => s.label === label)!;
const tooltips = new Map<string, string>();
let graph: typeof import('./trace-graph.js') | null = null;

function describeLink(l: Link): string {
  const terms = l.evidence
    .filter((e) => e.kind !== 'word')
    .slice(0, 5)
    .map((e) => `<li>${esc(e.kind)}: ${esc(e.text.length > 80 ? `${e.text.slice(0, 80)}…` : e.text)}</li>`)
    .join('');
  return `${methodChip(l.method)} ${esc(t('score'))} <span class="score">${l.score.toFixed(2)}</span><ul>${terms}</ul>`;
}

export async function renderTrace(main: HTMLElement, measureId: string): Promise<void> {
  const { trace } = await cached<TraceData>(TRACE, { id: measureId });
  const m = trace.measure;
  tooltips.clear();
  const nodes: Node[] = [];
  const rels: Relationship[] = [];
  const node = (id: string, title: string, label: string, extra: Partial<Node> = {}) => {
    if (nodes.some((n) => n.id === id)) return;
    const s = style(label);
    nodes.push({ id, caption: title, color: s.color, size: 18 + 10 * s.size, ...extra });
    tooltips.set(id, `<strong>${esc(title)}</strong><br><code>${esc(id)}</code>`);
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
      // IMPLEMENTS in the colour of its class on the score scale (sure / probable / likely / weak).
      ...(link ? { color: scoreClass(link.score).bg } : {}),
      ...extra,
    });
    if (link) tooltips.set(id, describeLink(link));
  };
  node(m.plan.id, m.plan.title, 'Plan');
  node(m.action.id, m.action.title, 'Action');
  node(m.id, m.title, 'Measure');
  rel(m.plan.id, m.action.id, 'HAS_ACTION', null);
  rel(m.action.id, m.id, 'HAS_MEASURE', null);
  // The plan chain: the measure's plan → its parent plan → … → the national plan.
  let lastPlan = m.plan.id;
  for (const s of trace.planChain) {
    if (s.node.id === lastPlan) continue;
    node(s.node.id, s.node.title, s.level === 'NATIONAL' ? 'NationalPlan' : 'Plan');
    if (s.link) rel(lastPlan, s.node.id, 'IMPLEMENTS', s.link);
    lastPlan = s.node.id;
  }
  if (trace.aligned) {
    // measure → parent measures … → national task, then the task's action and plan.
    let last = m.id;
    let lastAction = m.action.id;
    for (const s of trace.path) {
      if (s.kind === 'MEASURE' || s.kind === 'TASK') {
        const national = s.kind === 'TASK';
        node(
          s.node.id,
          s.node.title,
          'Measure',
          national ? { color: NATIONAL_TASK.color, size: 18 + 10 * NATIONAL_TASK.size } : {},
        );
        rel(last, s.node.id, 'IMPLEMENTS', s.link);
        last = s.node.id;
      } else if (s.kind === 'ACTION') {
        node(s.node.id, s.node.title, 'Action', { color: NATIONAL_TASK.color });
        rel(s.node.id, last, 'HAS_MEASURE', null);
        if (s.link) rel(lastAction, s.node.id, 'IMPLEMENTS', s.link);
        lastAction = s.node.id;
      } else {
        node(s.node.id, s.node.title, s.level === 'NATIONAL' ? 'NationalPlan' : 'Plan');
        if (lastAction !== m.action.id) rel(s.node.id, lastAction, 'HAS_ACTION', null);
        if (s.link && !rels.some((r) => r.to === s.node.id && r.type === 'IMPLEMENTS'))
          rel(m.plan.id, s.node.id, 'IMPLEMENTS', s.link);
      }
    }
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
        { score: c.score, method: 'candidate', evidence: [], review: null },
        { color: '#BFC9CA' },
      );
    }
  }
  const stepKey = {
    MEASURE: 'stepMEASURE',
    TASK: 'stepTASK',
    ACTION: 'stepACTION',
    PLAN: 'stepPLAN',
  } as const;
  const bypassed = (s: Step) =>
    s.bypassed.length
      ? ` <span class="chip bypass">${esc(t('bypassed', { levels: s.bypassed.map((l) => tv('', l)).join('、') }))}</span>`
      : '';
  // The link into a measure step comes from the step before it (the traced measure for the first).
  const fromOf = new Map<Step, string>();
  let prev = m.id;
  for (const s of trace.path)
    if (s.kind === 'MEASURE' || s.kind === 'TASK') {
      fromOf.set(s, prev);
      prev = s.node.id;
    }
  const steps = trace.aligned
    ? [
        ...trace.path.map(
          (s) =>
            `<li><span class="step-kind">${esc(t(stepKey[s.kind]))} · ${esc(tv('', s.level))}${bypassed(s)}</span> <strong>${esc(s.node.label ?? '')} ${esc(s.node.title)}</strong> <code class="small">${esc(s.node.id)}</code>
            ${s.link ? `<div>${scoreBadge(s.link.score)} ${methodChip(s.link.method)} ${reviewChip(s.link.review)}</div>` : ''}
            ${fromOf.has(s) && s.link ? reviewControls(fromOf.get(s)!, s.node.id, s.link.review?.decision ?? null) : ''}</li>`,
        ),
        ...trace.otherLinks.map(
          (o) =>
            `<li><span class="step-kind">${esc(t('otherLinks'))}</span> <strong>${esc(o.to.title)}</strong>
            <div>${scoreBadge(o.score)} ${methodChip(o.method)} ${reviewChip(o.review)}</div>${reviewControls(m.id, o.to.id, o.review?.decision ?? null)}</li>`,
        ),
      ]
    : [
        `<li>${esc(t('traceNoCounterpart'))} ${trace.candidates
          .map((c) => `${esc(c.task.title)} (${c.score.toFixed(2)})`)
          .join('，')}</li>`,
      ];
  main.innerHTML = `<section id="trace-panel" class="panel">
    <div class="panel-head"><h1 id="trace-title">${esc(t('traceTitle', { title: `${m.label} ${m.title}` }))}</h1>
    <a href="${esc(href({ view: 'plan', plan: m.plan.id, measure: m.id }))}" data-nav>${esc(t('openPlan'))}</a></div>
    <p class="hint">${esc(t('traceHint'))}</p>
    <div class="trace-layout">
      <div id="trace-graph" role="img" aria-label="${esc(t('traceTitle', { title: m.title }))}"><div id="trace-canvas"></div></div>
      <div><ul class="graph-legend" aria-label="${esc(t('legend'))}">${(
        [
          ['NationalPlan', 'legendNational'],
          ['Plan', 'legendPlan'],
          ['Action', 'legendAction'],
          ['Measure', 'legendMeasure'],
        ] as const
      )
        .map(
          ([l, k]) =>
            `<li><span class="dot" style="background:${l === 'NationalPlan' ? NATIONAL_TASK.color : style(l).color}"></span>${esc(t(k))}</li>`,
        )
        .join('')}</ul>
      <ol id="trace-steps">${steps.join('')}</ol></div>
    </div>
    <div id="trace-tooltip" role="tooltip" hidden></div></section>`;
  graph = await import('./trace-graph.js');
  hooks.graphLibraryLoaded = true;
  graph.drawGraph(document.getElementById('trace-canvas')!, nodes, rels);
  hooks.traceNodeCount = nodes.length;
  hooks.traceRelationshipCount = rels.length;
  const box = document.getElementById('trace-graph')!;
  box.addEventListener('mousemove', hover);
  box.addEventListener('mouseleave', () => (document.getElementById('trace-tooltip')!.hidden = true));
}

function hover(evt: MouseEvent): void {
  const tip = document.getElementById('trace-tooltip');
  if (!tip || !graph) return;
  const target = graph.hitAt(evt);
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

export function leaveTrace(): void {
  graph?.destroyGraph();
}
