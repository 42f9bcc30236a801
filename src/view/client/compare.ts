// Compare: the implementing measures of chosen plans side by side for a national task (or any parent
// measure), or the targets every plan sets for an indicator as a chart (Chart.js, loaded on demand) and
// a table.
import { cached, go, hooks, href, NATIONAL_QUERY, state, taskOptions, type NationalCatalog } from './app.js';
import { t, tv } from './messages.js';
import { PLAN_COLORS } from '../palette.js';
import { PLANS } from './plan.js';
import { esc, formText, highlight, methodChip, reviewChip, scoreBadge } from './ui.js';

interface PlansData {
  plans: {
    nodes: {
      id: string;
      title: string;
      kind: string;
      level: string;
      national?: boolean;
      region: { name: string } | null;
    }[];
  };
}
interface ParentData {
  measure: {
    id: string;
    label: string;
    title: string;
    text: string;
    plan: { id: string; title: string; level: string };
  } | null;
  implementations: {
    nodes: {
      from: {
        id: string;
        title: string;
        label?: string;
        text?: string;
        plan?: { id: string };
        action?: { title: string };
      };
      via: { id: string; title: string }[];
      score: number;
      method: string;
      review: { decision: string } | null;
      evidence: { kind: string; text: string; from: { start: number; end: number } | null }[];
    }[];
  };
}
const PARENT = `query($id: ID!) { measure(id: $id) { id label title text plan { id title level } }
  implementations(of: $id, first: 100) { nodes { from { id title ... on Measure { label text plan { id } action { title } } }
    via { id title } score method review { decision } evidence { kind text from { start end } } } } }`;

interface IndicatorsData {
  indicators: { id: string; name: string; targets: { plan: { id: string } }[] }[];
}
interface TargetsData {
  compareTargets: {
    indicator: { id: string; name: string } | null;
    targets: {
      value: number | null;
      unit: string | null;
      comparator: string | null;
      year: number | null;
      per: string | null;
      kind: string;
      text: string;
      plan: {
        id: string;
        title: string;
        kind: string;
        level: string;
        periodEnd: number | null;
        region: { name: string } | null;
      };
    }[];
  };
}

const localPlans = (p: PlansData) => p.plans.nodes.filter((x) => x.kind === 'PLAN');

export async function renderCompare(main: HTMLElement): Promise<void> {
  const mode = state.indicator ? 'indicator' : 'task';
  const tabs = `<div class="tabs" role="tablist">
    <a role="tab" aria-selected="${mode === 'task'}" href="${esc(href({ view: 'compare', of: state.of }))}" data-nav>${esc(t('compareTask'))}</a>
    <a role="tab" aria-selected="${mode === 'indicator'}" href="${esc(href({ view: 'compare', indicator: state.indicator ?? '常住人口城镇化率' }))}" data-nav>${esc(t('compareIndicator'))}</a></div>`;
  main.innerHTML = `<section class="panel"><div class="panel-head"><h1>${esc(t('compareTitle'))}</h1></div>${tabs}<div id="compare-body"></div></section>`;
  const body = document.getElementById('compare-body')!;
  if (mode === 'task') await renderTaskCompare(body);
  else await renderIndicatorCompare(body);
}

async function renderTaskCompare(body: HTMLElement): Promise<void> {
  const [catalog, plans] = await Promise.all([
    cached<NationalCatalog>(NATIONAL_QUERY),
    cached<PlansData>(PLANS),
  ]);
  const first = catalog.nationalPlan?.actions.find((a) => a.measures.length)?.measures[0]?.id;
  const of = state.of ?? first;
  const all = localPlans(plans);
  const chosen = state.plans?.length ? all.filter((p) => state.plans!.includes(p.id)) : all;
  const controls = `<form class="controls" id="compare-form">
    <label>${esc(t('chooseTask'))} <select name="of" id="compare-task">${
      of && !catalog.nationalPlan?.actions.some((a) => a.measures.some((x) => x.id === of))
        ? `<option value="${esc(of)}" selected>${esc(of)}</option>`
        : ''
    }${taskOptions(catalog, of)}</select></label>
    <fieldset><legend>${esc(t('choosePlans'))}</legend>${all
      .map(
        (p) =>
          `<label class="check"><input type="checkbox" name="plans" value="${esc(p.id)}"${chosen.includes(p) ? ' checked' : ''} /> ${esc(p.region?.name ?? p.id)}</label>`,
      )
      .join('')}</fieldset></form>`;
  if (!of) {
    body.innerHTML = controls;
    return;
  }
  const { measure: parent, implementations } = await cached<ParentData>(PARENT, { id: of });
  if (!parent) throw new Error(`no measure ${of}`);
  const cols = chosen
    .map((p) => {
      const links = implementations.nodes.filter(
        (l) => l.from.plan?.id === p.id && l.review?.decision !== 'REJECT',
      );
      return `<section class="compare-col" data-plan="${esc(p.id)}"><h2><a href="${esc(href({ view: 'plan', plan: p.id }))}" data-nav>${esc(p.region?.name ?? '')}</a>
        <span class="muted small">${esc(tv('', p.level))} · ${esc(t('cellLinks', { count: links.length }))}</span></h2>
        <div class="muted small plan-name">${esc(p.title)}</div>
        ${
          links.length
            ? links
                .map(
                  (
                    l,
                  ) => `<article class="card"><header>${scoreBadge(l.score)} ${methodChip(l.method)} ${reviewChip(l.review)}
              <a href="${esc(href({ view: 'plan', plan: p.id, measure: l.from.id }))}" data-nav><strong>${esc(l.from.label ?? '')} ${esc(l.from.title)}</strong></a></header>
              <p class="source-text small">${highlight(
                l.from.text ?? '',
                l.evidence.filter((e) => e.from).map((e) => ({ ...e.from!, kind: e.kind, text: e.text })),
              )}</p>
              <footer class="muted small">${esc(l.from.action?.title ?? '')}${l.via.length ? ` · <span class="via">${esc(t('via'))} ${l.via.map((v) => esc(v.title)).join(' → ')}</span>` : ''}</footer></article>`,
                )
                .join('')
            : `<p class="gap-note">${esc(t('noMeasures'))}</p>`
        }</section>`;
    })
    .join('');
  hooks.compareColumnCount = chosen.length;
  body.innerHTML = `${controls}
    <div class="parent"><h2>${esc(parent.label)} ${esc(parent.title)} <code class="small">${esc(parent.id)}</code> <span class="muted small">${esc(tv('', parent.plan.level))} · ${esc(parent.plan.title)}</span></h2><p class="source-text">${esc(parent.text)}</p></div>
    <div class="compare-grid" style="grid-template-columns: repeat(${Math.max(1, chosen.length)}, minmax(16rem, 1fr))">${cols}</div>`;
  const form = document.getElementById('compare-form') as HTMLFormElement;
  form.addEventListener('change', () => {
    const data = new FormData(form);
    const picked = data.getAll('plans').map(String);
    void go({
      view: 'compare',
      of: formText(data, 'of'),
      plans: picked.length === all.length ? undefined : picked,
    });
  });
}

async function renderIndicatorCompare(body: HTMLElement): Promise<void> {
  const [{ indicators }, data] = await Promise.all([
    cached<IndicatorsData>(`{ indicators { id name targets { plan { id } } } }`),
    cached<TargetsData>(
      `query($n: String!) { compareTargets(indicator: $n) { indicator { id name } targets { value unit comparator year per kind text
        plan { id title kind level periodEnd region { name } } } } }`,
      { n: state.indicator },
    ),
  ]);
  const ranked = [...indicators].sort(
    (a, b) =>
      new Set(b.targets.map((x) => x.plan.id)).size - new Set(a.targets.map((x) => x.plan.id)).size ||
      a.name.localeCompare(b.name, 'zh'),
  );
  const name = data.compareTargets.indicator?.name ?? state.indicator!;
  const controls = `<form class="controls" id="indicator-form"><label>${esc(t('chooseIndicator'))} <select name="indicator" id="indicator-select">${ranked
    .map(
      (i) =>
        `<option value="${esc(i.name)}"${i.name === name ? ' selected' : ''}>${esc(i.name)} (${new Set(i.targets.map((x) => x.plan.id)).size})</option>`,
    )
    .join('')}</select></label></form>`;
  const targets = data.compareTargets.targets.filter((x) => x.value !== null);
  const planIds = [...new Set(targets.map((x) => x.plan.id))];
  const units = [...new Set(targets.map((x) => x.unit ?? ''))];
  const cmp = (c: string | null) => (c ? tv('cmp_', c) : '');
  const table = `<table class="data" id="target-table"><thead><tr><th scope="col">${esc(t('plan'))}</th><th scope="col">${esc(t('comparator'))}</th><th scope="col">${esc(t('value'))}</th><th scope="col">${esc(t('unit'))}</th><th scope="col">${esc(t('year'))}</th><th scope="col">${esc(t('text'))}</th></tr></thead><tbody>${data.compareTargets.targets
    .map(
      (x) =>
        `<tr><td>${esc(x.plan.region?.name ?? tv('', x.plan.level))}${x.plan.kind === 'INTERPRETATION' ? ` <span class="muted small">${esc(tv('planKind_', x.plan.kind))}</span>` : ''}</td><td>${esc(cmp(x.comparator))}</td><td class="num">${esc(x.value ?? '')}</td><td>${esc(x.unit ?? '')}${x.per === 'year' ? ' /a' : ''}</td><td class="num">${esc(x.year ?? t('noYear'))}</td><td class="small">${esc(x.text)}</td></tr>`,
    )
    .join('')}</tbody></table>`;
  body.innerHTML = `${controls}${
    targets.length
      ? `<div class="charts">${units.map((_u, i) => `<div class="chart-box"><canvas id="chart-${i}" role="img" aria-label="${esc(t('chartTitle', { indicator: name }))}"></canvas></div>`).join('')}</div>`
      : `<p class="gap-note">${esc(t('noTargets'))}</p>`
  }${table}`;
  document.getElementById('indicator-select')!.addEventListener('change', (e) => {
    void go({ view: 'compare', indicator: (e.target as HTMLSelectElement).value });
  });
  if (!targets.length) {
    hooks.chartPointCount = 0;
    return;
  }
  const chart = await import('./chart.js');
  hooks.chartLibraryLoaded = true;
  chart.destroyCharts();
  let points = 0;
  units.forEach((unit, i) => {
    const series = planIds
      .map((id, k) => {
        const mine = targets.filter((x) => x.plan.id === id && (x.unit ?? '') === unit);
        const p = mine[0]?.plan ?? targets.find((x) => x.plan.id === id)!.plan;
        return {
          name: `${p.region?.name ?? tv('', p.level)}${p.kind === 'INTERPRETATION' ? ` (${tv('planKind_', p.kind)})` : ''}`,
          color: p.level === 'NATIONAL' ? '#C0392B' : PLAN_COLORS[k % PLAN_COLORS.length]!,
          points: mine
            .map((x) => ({
              // A target without a year is drawn at its plan's horizon (the end of its period), and says so.
              x: x.year ?? x.plan.periodEnd ?? 0,
              y: x.value!,
              comparator: x.comparator,
              label: `${cmp(x.comparator)} ${x.value}${x.unit ?? ''}${x.year ? ` (${x.year})` : ` ${t('noYear')}`}`,
            }))
            .filter((pt) => pt.x > 0),
        };
      })
      .filter((s) => s.points.length);
    points += chart.drawTargets(document.getElementById(`chart-${i}`) as HTMLCanvasElement, series, {
      title: `${t('chartTitle', { indicator: name })}${unit ? ` (${unit})` : ''}`,
      x: t('year'),
      years: [
        Math.min(...targets.map((x) => x.year ?? x.plan.periodEnd ?? 9999)),
        Math.max(...targets.map((x) => x.year ?? x.plan.periodEnd ?? 0)),
      ],
      y: `${t('value')}${unit ? ` (${unit})` : ''}`,
    });
  });
  hooks.chartPointCount = points;
}
