// Coverage heat map: national tasks (rows, grouped by national action) × local plans (columns, grouped
// by level, then region), coloured on the score scale with a legend; a cell opens the links behind it.
import { cached, go, hooks, href, state } from './app.js';
import { t, tv } from './messages.js';
import { esc, GAP, methodChip, reviewChip, SCALE, scoreBadge, scoreClass } from './ui.js';

interface MatrixData {
  alignmentMatrix: {
    plans: { id: string; title: string; level: string; region: { name: string } | null }[];
    rows: {
      task: { id: string; label: string; title: string };
      action: { id: string; label: string; title: string };
      cells: { planId: string; links: number; bestScore: number | null }[];
    }[];
  };
}
const MATRIX = `query($up: ID) { alignmentMatrix(of: $up) { plans { id title level region { name } }
  rows { task { id label title } action { id label title } cells { planId links bestScore } } } }`;
const UPPER = `{ nationalPlans { id title } plans(first: 100) { nodes { id title level region { name } children { id } } } }`;
interface UpperData {
  nationalPlans: { id: string; title: string }[];
  plans: {
    nodes: {
      id: string;
      title: string;
      level: string;
      region: { name: string } | null;
      children: { id: string }[];
    }[];
  };
}

const LEVEL_ORDER = ['NATIONAL', 'PROVINCIAL', 'MUNICIPAL', 'COUNTY'];

export function legend(): string {
  const items = [...SCALE, GAP].map((c, i, all) => {
    const range =
      c.id === 'gap'
        ? '—'
        : i === 0
          ? `≥ ${c.min.toFixed(2)}`
          : c.min === 0
            ? `< ${all[i - 1]!.min.toFixed(2)}`
            : `${c.min.toFixed(2)}–${all[i - 1]!.min.toFixed(2)}`;
    return `<li><span class="swatch" style="background:${c.bg};color:${c.fg}">${c.id === 'gap' ? '·' : 'n'}</span>
      <span><strong>${esc(t(c.label))}</strong> <span class="muted">${esc(range)}</span></span></li>`;
  });
  return `<figure class="legend" aria-label="${esc(t('legend'))}"><figcaption>${esc(t('legend'))} · ${esc(t('scoreScale'))}</figcaption><ul>${items.join('')}</ul><p class="muted small">${esc(t('legendCount'))}</p></figure>`;
}

export async function renderHeatmap(main: HTMLElement): Promise<void> {
  const [{ alignmentMatrix: m }, upper] = await Promise.all([
    cached<MatrixData>(MATRIX, { up: state.up ?? null }),
    // The plans above (for the "against" choice) are optional: the map stands without them.
    cached<UpperData>(UPPER).catch((err: unknown) => {
      console.warn('upper plans unavailable', err);
      const none: UpperData = { nationalPlans: [], plans: { nodes: [] } };
      return none;
    }),
  ]);
  const uppers = [
    ...upper.nationalPlans.map((p) => ({ id: p.id, name: `${tv('', 'NATIONAL')} · ${p.title}` })),
    ...upper.plans.nodes
      .filter((p) => p.children.length && p.level !== 'NATIONAL')
      .map((p) => ({ id: p.id, name: `${tv('', p.level)} · ${p.region?.name ?? ''} · ${p.title}` })),
  ];
  const upPicker =
    uppers.length < 2
      ? ''
      : `<label class="picker">${esc(t('against'))} <select id="up-select">${uppers
          .map(
            (u, i) =>
              `<option value="${esc(u.id)}"${u.id === state.up || (!state.up && i === 0) ? ' selected' : ''}>${esc(u.name)}</option>`,
          )
          .join('')}</select></label>`;
  const plans = [...m.plans].sort(
    (a, b) =>
      LEVEL_ORDER.indexOf(a.level) - LEVEL_ORDER.indexOf(b.level) ||
      (a.region?.name ?? a.id).localeCompare(b.region?.name ?? b.id, 'zh'),
  );
  const levels: { level: string; span: number }[] = [];
  for (const p of plans) {
    const last = levels[levels.length - 1];
    if (last?.level === p.level) last.span++;
    else levels.push({ level: p.level, span: 1 });
  }
  const covered = new Map(plans.map((p) => [p.id, 0]));
  for (const r of m.rows)
    for (const c of r.cells) if (c.links) covered.set(c.planId, covered.get(c.planId)! + 1);
  const head =
    `<tr><th rowspan="2" class="corner" scope="col">${esc(t('nationalTask'))}</th>${levels
      .map((l) => `<th colspan="${l.span}" scope="colgroup" class="level">${esc(tv('', l.level))}</th>`)
      .join('')}</tr>` +
    `<tr>${plans
      .map(
        (p) =>
          `<th scope="col" class="plan-col" title="${esc(p.title)}"><a href="${esc(href({ view: 'plan', plan: p.id }))}" data-nav>${esc(p.region?.name ?? p.id)}</a>
          <div class="muted small">${esc(t('tasksCovered', { covered: covered.get(p.id)!, total: m.rows.length }))}</div></th>`,
      )
      .join('')}</tr>`;
  let lastAction = '';
  const body = m.rows
    .map((r) => {
      const group =
        r.action.id !== lastAction
          ? `<tr class="group"><th colspan="${plans.length + 1}" scope="rowgroup">${esc(r.action.label)} ${esc(r.action.title)}</th></tr>`
          : '';
      lastAction = r.action.id;
      const cells = plans
        .map((p) => {
          const c = r.cells.find((x) => x.planId === p.id) ?? { planId: p.id, links: 0, bestScore: null };
          const k = scoreClass(c.links ? c.bestScore : null);
          const selected = state.task === r.task.id && state.cellPlan === p.id;
          const label = `${p.region?.name ?? p.id} · ${r.task.title}: ${c.links ? `${t(k.label)} ${c.bestScore!.toFixed(2)}, ${t('cellLinks', { count: c.links })}` : t('legendGap')}`;
          return `<td class="cell ${k.id}${selected ? ' selected' : ''}" data-task="${esc(r.task.id)}" data-plan="${esc(p.id)}" data-score="${c.bestScore ?? ''}" style="background:${k.bg};color:${k.fg}">
            <a href="${esc(href({ view: 'heatmap', up: state.up, task: r.task.id, cellPlan: p.id }))}" data-nav title="${esc(label)}">${c.links ? `${c.links}<span class="cell-score">${c.bestScore!.toFixed(2)}</span>` : '·'}<span class="sr-only">${esc(label)}</span></a></td>`;
        })
        .join('');
      return `${group}<tr><th scope="row" class="task"><span class="muted">${esc(r.task.label)}</span> ${esc(r.task.title)}</th>${cells}</tr>`;
    })
    .join('');
  main.innerHTML = `<section class="panel" aria-labelledby="heatmap-title">
    <div class="panel-head"><h1 id="heatmap-title">${esc(t('heatmapTitle'))}</h1>
      <span class="exports">${esc(t('exports'))}: <a href="/export/matrix.csv" download>${esc(t('exportMatrix'))} CSV</a> · <a href="/export/matrix.xlsx" download>XLSX</a></span></div>
    <div class="toolbar">${upPicker}<p class="hint">${esc(t('heatmapHint'))}</p></div>
    <div class="heatmap-layout">
      <div id="heatmap-wrap"><table id="heatmap"><thead>${head}</thead><tbody>${body}</tbody></table></div>
      <aside class="side">${legend()}<div id="cell-detail" ${state.task && state.cellPlan ? '' : 'hidden'}></div></aside>
    </div></section>`;
  hooks.heatmapCellCount = m.rows.length * plans.length;
  document.getElementById('up-select')?.addEventListener('change', (e) => {
    const id = (e.target as HTMLSelectElement).value;
    void go({ view: 'heatmap', up: id === uppers[0]?.id ? undefined : id });
  });
  if (state.task && state.cellPlan) {
    const plan = plans.find((p) => p.id === state.cellPlan);
    const row = m.rows.find((r) => r.task.id === state.task);
    await renderCell(
      state.task,
      state.cellPlan,
      plan?.region?.name ?? state.cellPlan,
      row?.task.title ?? state.task,
    );
  }
}

interface CellData {
  implementations: {
    totalCount: number;
    nodes: {
      from: { id: string; title: string; label?: string; action?: { title: string }; plan?: { id: string } };
      via: { id: string; title: string }[];
      score: number;
      method: string;
      review: { decision: string } | null;
    }[];
  };
}

async function renderCell(
  taskId: string,
  planId: string,
  planName: string,
  taskTitle: string,
): Promise<void> {
  const { implementations } = await cached<CellData>(
    `query($t: ID!, $p: [ID!]) { implementations(of: $t, planIds: $p, first: 50) { totalCount
      nodes { from { id title ... on Measure { label action { title } plan { id } } } via { id title } score method review { decision } } } }`,
    { t: taskId, p: [planId] },
  );
  const el = document.getElementById('cell-detail')!;
  el.hidden = false;
  const close = `<a class="close" href="${esc(href({ view: 'heatmap', up: state.up }))}" data-nav aria-label="${esc(t('close'))}">×</a>`;
  el.innerHTML = `<h2>${esc(t('cellTitle', { plan: planName, task: taskTitle }))}</h2>${close}
    ${
      implementations.nodes.length
        ? `<ul class="links">${implementations.nodes
            .map(
              (n) => `<li>${scoreBadge(n.score)} ${methodChip(n.method)} ${reviewChip(n.review)}
          <a href="${esc(href({ view: 'plan', plan: n.from.plan?.id ?? planId, measure: n.from.id }))}" data-nav class="measure-link">${esc(n.from.label ?? '')} ${esc(n.from.title)}</a>
          ${n.via.length ? `<div class="small via">${esc(t('via'))}: ${n.via.map((v) => esc(v.title)).join(' → ')}</div>` : ''}
          <div class="muted small">${esc(n.from.action?.title ?? '')} · <a href="${esc(href({ view: 'trace', trace: n.from.id }))}" data-nav data-trace="${esc(n.from.id)}">${esc(t('openTrace'))}</a></div></li>`,
            )
            .join('')}</ul>`
        : `<p class="gap-note">${esc(t('cellGap', { plan: planName }))}</p>`
    }`;
}
