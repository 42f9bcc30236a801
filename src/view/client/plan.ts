// The plan page: the plan's facts and exports, its outline (actions → measures) with each measure's
// best link, score and method inline, targets, regions and agencies; the selected measure's source text
// beside the upper task's, the evidence's matched terms highlighted on both sides, and review in place.
import {
  cached,
  go,
  hooks,
  href,
  NATIONAL_QUERY,
  reviewControls,
  state,
  taskOptions,
  type NationalCatalog,
} from './app.js';
import { t, tv } from './messages.js';
import {
  esc,
  highlight,
  methodChip,
  reviewChip,
  scoreBadge,
  sourceLine,
  type Range,
  type SourceLoc,
} from './ui.js';

interface TargetLite {
  indicator: { name: string };
  value: number | null;
  unit: string | null;
  comparator: string | null;
  year: number | null;
}
interface LinkLite {
  to: { id: string; title: string };
  score: number;
  method: string;
  rank: number;
  review: { decision: string } | null;
}
interface PlanData {
  plan: {
    id: string;
    title: string;
    kind: string;
    level: string;
    national: boolean;
    docNumber: string | null;
    issuer: string | null;
    issuedOn: string | null;
    periodStart: number | null;
    periodEnd: number | null;
    region: { name: string } | null;
    targets: (TargetLite & { text: string })[];
    agencies: { role: string; agency: { name: string } }[];
    regions: { mention: string; region: { name: string } }[];
    actions: {
      id: string;
      label: string;
      title: string;
      kind: string;
      measures: {
        id: string;
        label: string;
        title: string;
        targets: TargetLite[];
        regions: { region: { name: string } }[];
        agencies: { role: string; agency: { name: string } }[];
        implements: LinkLite[];
      }[];
    }[];
  } | null;
}
/** The plan's place in the cascade, asked apart: the page stands without it. */
interface CascadeData {
  plan: {
    parent: { id: string; title: string; region: { name: string } | null } | null;
    children: { id: string; title: string; region: { name: string } | null }[];
    missingParent: string | null;
    obligations: {
      text: string;
      due: string;
      dueText: string;
      what: string;
      planDue: boolean;
      statuses: {
        regionName: string | null;
        status: string;
        issuedOn: string | null;
        plan: { id: string } | null;
      }[];
    }[];
  } | null;
}
const CASCADE = `query($id: ID!) { plan(id: $id) { parent { id title region { name } } children { id title region { name } }
  missingParent obligations { text due dueText what planDue statuses { regionName status issuedOn plan { id } } } } }`;
const PLAN = `query($id: ID!) { plan(id: $id) { id title kind level national docNumber issuer issuedOn periodStart periodEnd
  region { name } targets { indicator { name } value unit comparator year text }
  agencies { role agency { name } } regions { mention region { name } }
  actions { id label title kind measures { id label title
    targets { indicator { name } value unit comparator year }
    regions { region { name } } agencies { role agency { name } }
    implements(includeRejected: true) { to { id title } score method rank review { decision } } } } } }`;

interface PlansData {
  plans: {
    nodes: { id: string; title: string; kind: string; level: string; region: { name: string } | null }[];
  };
}
export const PLANS = `{ plans(first: 100) { nodes { id title kind level region { name } } } }`;

interface Evidence {
  kind: string;
  text: string;
  weight: number | null;
  from: { start: number; end: number } | null;
  to: { start: number; end: number } | null;
  quotedFrom: { id: string } | null;
}
interface MeasureData {
  measure: {
    id: string;
    label: string;
    title: string;
    text: string;
    source: SourceLoc;
    implements: {
      to: { id: string; title: string; text?: string; label?: string; action?: { title: string } };
      score: number;
      method: string;
      rank: number;
      review: { decision: string; note: string | null; at: string } | null;
      evidence: Evidence[];
    }[];
  } | null;
}
const MEASURE = `query($id: ID!) { measure(id: $id) { id label title text
  source { file line endLine format page pageLine paragraph element ocr }
  implements(includeRejected: true) { to { id title ... on Measure { label text action { title } } ... on Action { label text } }
    score method rank review { decision note at }
    evidence { kind text weight from { start end } to { start end } quotedFrom { id } } } } }`;

const fmtTarget = (x: TargetLite) =>
  `${x.comparator ? `${tv('cmp_', x.comparator)} ` : ''}${x.value ?? ''}${x.unit ?? ''}${x.year ? ` (${x.year})` : ''}`;

export async function renderPlanList(main: HTMLElement): Promise<void> {
  const { plans } = await cached<PlansData>(PLANS);
  main.innerHTML = `<section class="panel"><h1>${esc(t('plansTitle'))}</h1>
    <table class="data"><thead><tr><th scope="col">${esc(t('plan'))}</th><th scope="col">${esc(t('region'))}</th><th scope="col">${esc(t('period'))}</th></tr></thead><tbody>
    ${plans.nodes
      .map(
        (p) =>
          `<tr><td><a href="${esc(href({ view: 'plan', plan: p.id }))}" data-nav>${esc(p.title)}</a> <span class="chip">${esc(tv('planKind_', p.kind))}</span></td>
           <td>${esc(tv('', p.level))} · ${esc(p.region?.name ?? '')}</td><td><code>${esc(p.id)}</code></td></tr>`,
      )
      .join('')}</tbody></table></section>`;
}

export async function renderPlan(main: HTMLElement): Promise<void> {
  if (!state.plan) return renderPlanList(main);
  const [{ plan: p }, { plans }] = await Promise.all([
    cached<PlanData>(PLAN, { id: state.plan }),
    cached<PlansData>(PLANS),
  ]);
  if (!p) throw new Error(`no plan ${state.plan}`);
  const coverage =
    p.national || p.kind === 'CATALOG'
      ? null
      : (
          await cached<{ coverage: { covered: number; total: number; ratio: number } }>(
            `query($id: ID!) { coverage(planId: $id) { covered total ratio } }`,
            { id: p.id },
          )
        ).coverage;
  const q = encodeURIComponent(p.id);
  const picker = `<label class="picker">${esc(t('choosePlan'))}
    <select id="plan-select">${plans.nodes
      .map(
        (x) =>
          `<option value="${esc(x.id)}"${x.id === p.id ? ' selected' : ''}>${esc(x.region?.name ?? '')} · ${esc(x.title)}</option>`,
      )
      .join('')}</select></label>`;
  // The cascade (parent, lower plans, obligations) is asked apart so the page stands without it.
  const c = await cached<CascadeData>(CASCADE, { id: p.id }).then(
    (d) => d.plan,
    (err: unknown) => {
      console.warn('cascade fields unavailable', err);
      return null;
    },
  );
  const planLink = (x: { id: string; title: string; region: { name: string } | null }) =>
    `<a href="${esc(href({ view: 'plan', plan: x.id }))}" data-nav title="${esc(x.title)}">${esc(x.region?.name ?? x.title)}</a>`;
  const cascade = [
    c?.parent ? `<div><dt>${esc(t('parentPlan'))}</dt><dd>${planLink(c.parent)}</dd></div>` : '',
    c && !c.parent && c.missingParent
      ? `<div><dt>${esc(t('parentPlan'))}</dt><dd>${esc(c.missingParent)} <span class="muted small">${esc(t('missingParent'))}</span></dd></div>`
      : '',
    c?.children.length
      ? `<div><dt>${esc(t('childPlans'))}</dt><dd>${c.children.map(planLink).join('、')}</dd></div>`
      : '',
  ].join('');
  const facts = [
    [t('docNumber'), p.docNumber],
    [t('issuer'), p.issuer],
    [t('issuedOn'), p.issuedOn],
    [t('period'), p.periodStart && p.periodEnd ? `${p.periodStart}–${p.periodEnd}` : null],
    [t('region'), `${tv('', p.level)}${p.region ? ` · ${p.region.name}` : ''}`],
    [
      t('coverage'),
      coverage ? `${coverage.covered}/${coverage.total} (${Math.round(coverage.ratio * 100)}%)` : null,
    ],
  ]
    .filter(([, v]) => v)
    .map(([k, v]) => `<div><dt>${esc(k)}</dt><dd>${esc(v)}</dd></div>`)
    .join('');
  const exports = p.national
    ? ''
    : `<div class="exports">${esc(t('exports'))}:
      ${esc(t('exportCoverage'))} <a href="/export/coverage.csv?plan=${q}" download>CSV</a> <a href="/export/coverage.xlsx?plan=${q}" download>XLSX</a> ·
      ${esc(t('exportCorrespondence'))} <a href="/export/correspondence.csv?plan=${q}" download>CSV</a> <a href="/export/correspondence.xlsx?plan=${q}" download>XLSX</a> ·
      <a href="/export/plan.graphml?plan=${q}" download>${esc(t('exportGraph'))}</a></div>`;
  const unique = <T>(xs: T[]) => [...new Set(xs)];
  // The plan's own targets, else those its measures set (most plans state them measure by measure).
  const targets = p.targets.length
    ? p.targets
    : p.actions.flatMap((a) => a.measures.flatMap((m) => m.targets));
  const regionNames = unique(p.regions.map((r) => r.region.name));
  const columns = [
    targets.length
      ? `<div><h2 class="sub">${esc(t('targets'))} (${targets.length})</h2><ul class="targets">${targets
          .map((x) => `<li><strong>${esc(x.indicator.name)}</strong> ${esc(fmtTarget(x))}</li>`)
          .join('')}</ul></div>`
      : '',
    regionNames.length
      ? `<div><h2 class="sub">${esc(t('regions'))}</h2><p>${regionNames.map((n) => `<span class="chip">${esc(n)}</span>`).join(' ')}</p></div>`
      : '',
    p.agencies.length
      ? `<div><h2 class="sub">${esc(t('agencies'))} (${p.agencies.length})</h2><ul class="agencies">${p.agencies
          .map(
            (a) =>
              `<li>${esc(a.agency.name)} <span class="muted small">${esc(tv('role_', a.role))}</span></li>`,
          )
          .join('')}</ul></div>`
      : '',
  ].filter(Boolean);
  const side = columns.length
    ? `<details class="facts-more" open><summary>${esc(t('targets'))} ${targets.length} · ${esc(t('regions'))} ${regionNames.length} · ${esc(t('agencies'))} ${p.agencies.length}</summary>
    <div class="facts-grid" tabindex="0" style="grid-template-columns: repeat(${columns.length}, minmax(0, 1fr))">${columns.join('')}</div></details>`
    : '';
  let count = 0;
  const outline = p.actions
    .filter((a) => a.measures.length)
    .map((a) => {
      const items = a.measures
        .map((m) => {
          count++;
          const live = m.implements.filter((l) => l.review?.decision !== 'REJECT');
          const best = live[0];
          const rejected = m.implements.filter((l) => l.review?.decision === 'REJECT').length;
          const link = best
            ? `<div class="best">${scoreBadge(best.score)} ${methodChip(best.method)} ${reviewChip(best.review)} <span class="to">→ ${esc(best.to.title)}</span>${live.length > 1 ? ` <span class="muted small">+${live.length - 1}</span>` : ''}</div>`
            : `<div class="best none">${esc(t('noLink'))}${rejected ? ` <span class="chip review r-reject">${esc(t('reviewState_REJECT'))} ${rejected}</span>` : ''}</div>`;
          const extras = [
            ...m.targets.map(
              (x) => `<span class="chip target">${esc(x.indicator.name)} ${esc(fmtTarget(x))}</span>`,
            ),
            ...unique(m.regions.map((r) => r.region.name))
              .slice(0, 4)
              .map((n) => `<span class="chip region">${esc(n)}</span>`),
            ...unique(m.agencies.map((x) => x.agency.name))
              .slice(0, 3)
              .map((n) => `<span class="chip agency">${esc(n)}</span>`),
          ].join(' ');
          const selected = m.id === state.measure;
          return `<li class="measure${selected ? ' selected' : ''}" data-measure="${esc(m.id)}">
            <a href="${esc(href({ view: 'plan', plan: p.id, measure: m.id }))}" data-nav ${selected ? 'aria-current="true"' : ''}><span class="label">${esc(m.label)}</span> ${esc(m.title)}</a>
            ${link}${extras ? `<div class="extras">${extras}</div>` : ''}</li>`;
        })
        .join('');
      return `<li class="action"><h3><span class="label">${esc(a.label)}</span> ${esc(a.title)}</h3><ol class="measures">${items}</ol></li>`;
    })
    .join('');
  hooks.outlineMeasureCount = count;
  main.innerHTML = `<section class="panel plan-page">
    <div class="panel-head"><h1 id="plan-title">${esc(p.title)}</h1>${picker}</div>
    <dl class="facts">${facts}${cascade}</dl>${exports}${side}${c ? obligations(c) : ''}
    <div class="plan-layout">
      <nav class="outline" tabindex="0" aria-label="${esc(t('outline'))}"><h2>${esc(t('outline'))}</h2><ol class="actions">${outline}</ol></nav>
      <section id="measure-detail" class="detail" tabindex="0" aria-label="${esc(t('measureDetail'))}"><p class="hint">${esc(t('chooseMeasure'))}</p></section>
    </div></section>`;
  document.getElementById('plan-select')!.addEventListener('change', (e) => {
    const id = (e.target as HTMLSelectElement).value;
    void go({ view: 'plan', plan: id });
  });
  if (state.measure)
    await renderMeasure(state.measure, p.national, p.national || (c?.children.length ?? 0) > 0);
}

function obligations(p: NonNullable<CascadeData['plan']>): string {
  if (!p.obligations.length) return '';
  const rows = p.obligations
    .map(
      (
        o,
      ) => `<tr><td class="num">${esc(o.due)}</td><td>${esc(o.what)}<div class="muted small">${esc(o.text)}</div></td>
      <td>${o.statuses
        .map(
          (s) =>
            `<span class="chip st-${esc(s.status.toLowerCase())}">${esc(s.regionName ?? '')} ${esc(tv('st_', s.status))}${s.issuedOn ? ` ${esc(s.issuedOn)}` : ''}</span>`,
        )
        .join(' ')}</td></tr>`,
    )
    .join('');
  return `<details class="facts-more obligations"><summary>${esc(t('obligations'))} (${p.obligations.length})</summary>
    <table class="data"><thead><tr><th scope="col">${esc(t('due'))}</th><th scope="col">${esc(t('text'))}</th><th scope="col">${esc(t('status'))}</th></tr></thead><tbody>${rows}</tbody></table></details>`;
}

function ranges(ev: Evidence[], side: 'from' | 'to'): Range[] {
  return ev
    .filter((e) => e[side] && !e.quotedFrom)
    .map((e) => ({ start: e[side]!.start, end: e[side]!.end, kind: e.kind, text: e.text }));
}

async function renderMeasure(id: string, national: boolean, hasLower: boolean): Promise<void> {
  const [{ measure: m }, catalog] = await Promise.all([
    cached<MeasureData>(MEASURE, { id }),
    cached<NationalCatalog>(NATIONAL_QUERY),
  ]);
  const el = document.getElementById('measure-detail')!;
  if (!m) {
    el.innerHTML = `<p class="error">${esc(id)}</p>`;
    return;
  }
  const best = m.implements.find((l) => l.review?.decision !== 'REJECT') ?? m.implements[0];
  const bestEv = best?.evidence ?? [];
  let candidates = '';
  if (!national && !m.implements.some((l) => l.review?.decision !== 'REJECT')) {
    const { trace } = await cached<{
      trace: { candidates: { task: { id: string; title: string }; score: number }[] };
    }>(`query($id: ID!) { trace(measureId: $id) { candidates { task { id title } score } } }`, { id });
    if (trace.candidates.length)
      candidates = `<h3>${esc(t('candidates'))}</h3><ul class="candidates">${trace.candidates
        .map(
          (c) =>
            `<li><span class="badge muted-badge">${c.score.toFixed(2)}</span> ${esc(c.task.title)} <code class="small">${esc(c.task.id)}</code></li>`,
        )
        .join('')}</ul>`;
  }
  const linkRows = m.implements
    .map((l) => {
      const terms = l.evidence.filter((e) => e.kind !== 'word' && e.kind !== 'structure');
      const words = [...new Set(l.evidence.filter((e) => e.kind === 'word').map((e) => e.text))];
      const other = l.evidence.filter((e) => e.kind === 'structure');
      return `<li class="link-row${l.review?.decision === 'REJECT' ? ' rejected' : ''}" data-to="${esc(l.to.id)}">
        <div class="link-head">${scoreBadge(l.score)} ${methodChip(l.method)} ${reviewChip(l.review)}
          <strong>${esc(l.to.label ?? '')} ${esc(l.to.title)}</strong> <code class="small">${esc(l.to.id)}</code></div>
        <div class="ev-list">${terms.length ? `<span class="muted">${esc(t('matchedTerms'))}:</span> ${terms.map((e) => `<mark class="ev ev-term">${esc(e.text.length > 60 ? `${e.text.slice(0, 60)}…` : e.text)}</mark>`).join(' ')}` : ''}
          ${words.length ? `<br><span class="muted">${esc(t('sharedWords'))}:</span> ${words.map((w) => `<mark class="ev ev-word">${esc(w)}</mark>`).join(' ')}` : ''}
          ${other.map((e) => `<div class="muted small">${esc(e.text)}</div>`).join('')}
          ${l.review?.note ? `<div class="small">${esc(t('note'))}: ${esc(l.review.note)}</div>` : ''}</div>
        ${national ? '' : reviewControls(m.id, l.to.id, l.review?.decision ?? null)}</li>`;
    })
    .join('');
  const addForm = national
    ? ''
    : `<form class="add-link" data-from="${esc(m.id)}"><h3>${esc(t('addLink'))}</h3>
      <label>${esc(t('addLinkTask'))} <select name="to" required>${taskOptions(catalog)}</select></label>
      <label>${esc(t('addLinkNote'))} <input name="note" type="text" required /></label>
      <button type="submit" class="btn small">${esc(t('add'))}</button></form>`;
  el.innerHTML = `<div class="detail-head"><h2>${esc(m.label)} ${esc(m.title)}</h2>
      <div class="muted small">${esc(t('source'))}: ${sourceLine(m.source)} · <code>${esc(m.id)}</code>
      ${national ? '' : ` · <a href="${esc(href({ view: 'trace', trace: m.id }))}" data-nav>${esc(t('openTrace'))}</a>`}
      ${hasLower ? ` · <a href="${esc(href({ view: 'compare', of: m.id }))}" data-nav>${esc(t('compareLower'))}</a>` : ''}</div></div>
    <div class="texts">
      <div class="text-box"><h3>${esc(t('localText'))}</h3><p class="source-text" id="local-text">${highlight(m.text, ranges(bestEv, 'from'))}</p></div>
      ${best?.to.text ? `<div class="text-box upper"><h3>${esc(t('upperText'))} · ${esc(best.to.title)}</h3><p class="source-text" id="upper-text">${highlight(best.to.text, ranges(bestEv, 'to'))}</p></div>` : ''}
    </div>
    <h3>${esc(t('links'))}</h3><ul class="link-rows">${linkRows || `<li class="muted">${esc(t('noLink'))}</li>`}</ul>
    ${candidates}${addForm}`;
}
