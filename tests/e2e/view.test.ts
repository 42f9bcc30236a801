// The workbench in a real browser: Debian's chromium driven by playwright-core (never a downloaded
// browser), against the real API over the seeded test graph. Expected values come from the API or the
// graph, not from this file. Screenshots go to artifacts/screenshots/, the accessibility report (axe-core
// injected into the page) to artifacts/axe.json.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createDriver } from '../../src/graph/driver.js';
import { loadInputs } from '../../src/pipeline/load.js';
import { packageRoot } from '../../src/paths.js';
import { buildViewWithSizes, type BundleFile } from '../../src/view/build.js';
import { MESSAGES } from '../../src/view/client/messages.js';
import { scoreClass } from '../../src/view/client/scale.js';
import { startTestApi, type TestApi } from '../support/api.js';
import { emptyGraph } from '../support/graph.js';

const CHROMIUM = process.env.PLANTRACE_CHROMIUM ?? '/usr/bin/chromium';
const shots = path.join(packageRoot, 'artifacts', 'screenshots');
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const KEY = 'view-test-key-123';
const SH = '沪府发-2024-12';
const TASK = '国发-2024-17/a1/m1';

let t: TestApi;
let browser: Browser;
let zh: BrowserContext;
let page: Page;
let bundle: BundleFile[];
/** Every URL the page asked for (tests empty it before they look). */
const requests: string[] = [];
const axeReport: Record<string, { id: string; impact: string | null; nodes: number }[]> = {};

beforeAll(async () => {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `${CHROMIUM} not found: install Debian's chromium (apt-get install chromium); .ci/run does`,
    );
  mkdirSync(shots, { recursive: true });
  bundle = await buildViewWithSizes();
  const cfg = loadConfig();
  const driver = createDriver(cfg);
  await emptyGraph(driver);
  await loadInputs(driver, cfg.NEO4J_DATABASE, ['seeds']);
  await driver.close();
  t = await startTestApi({ PLANTRACE_API_KEY: KEY });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  zh = await browser.newContext({ viewport: { width: 1400, height: 1000 }, locale: 'zh-CN' });
  page = await zh.newPage();
  page.on('pageerror', (err) => console.error('page error:', err.message));
  page.on('request', (r) => requests.push(r.url()));
}, 240_000);

afterAll(async () => {
  mkdirSync(path.join(packageRoot, 'artifacts'), { recursive: true });
  writeFileSync(path.join(packageRoot, 'artifacts', 'axe.json'), `${JSON.stringify(axeReport, null, 2)}\n`);
  await browser?.close();
  await t?.close();
});

const hook = <T>(p: Page, name: string) => p.evaluate<T>(`window.plantraceView.${name}`);
const view = (params: Record<string, string> = {}) =>
  `${t.base}/view/${Object.keys(params).length ? `?${new URLSearchParams(params).toString()}` : ''}`;

/** Opens a URL and waits until the workbench has rendered it. */
async function open(p: Page, url: string): Promise<void> {
  await p.goto(url);
  await p.waitForFunction(
    'window.plantraceView && window.plantraceView.ready && !window.plantraceView.busy',
    null,
    {
      timeout: 30_000,
    },
  );
  expect(await hook<string | null>(p, 'error')).toBeNull();
}

/** Runs an action that renders again (a click, back/forward) and waits for the new render. */
async function rerender(p: Page, act: () => Promise<unknown>): Promise<void> {
  const before = await hook<number>(p, 'renders');
  await act();
  await p.waitForFunction(`window.plantraceView.renders > ${before} && !window.plantraceView.busy`, null, {
    timeout: 30_000,
  });
}

/** axe-core in the page: no serious or critical violation. */
async function accessible(p: Page, name: string): Promise<void> {
  await p.addScriptTag({ path: AXE });
  const violations = await p.evaluate<{ id: string; impact: string | null; nodes: number }[]>(
    `axe.run(document).then((r) =>
    r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length })))`,
  );
  axeReport[name] = violations;
  expect(
    violations.filter((v) => v.impact === 'serious' || v.impact === 'critical'),
    name,
  ).toEqual([]);
}

interface Matrix {
  alignmentMatrix: {
    plans: { id: string }[];
    rows: {
      task: { id: string };
      action: { id: string };
      cells: { planId: string; links: number; bestScore: number | null }[];
    }[];
  };
}

describe('workbench: first screen and heat map', () => {
  it('opens on the heat map without loading the graph or chart library, from this server only', async () => {
    requests.length = 0;
    await open(page, view());
    expect(requests.every((u) => u.startsWith(t.base) || u.startsWith('data:'))).toBe(true);
    const scripts = requests.filter((u) => u.endsWith('.js'));
    expect(scripts.some((u) => u.endsWith('/view/app.js'))).toBe(true);
    expect(scripts.filter((u) => /trace-graph-|chart-/.test(u))).toEqual([]);
    expect(await hook<boolean>(page, 'graphLibraryLoaded')).toBe(false);
    // The split is real: the graph library's chunk is far larger than the first screen's script.
    const app = bundle.find((b) => b.file === 'app.js')!;
    const graph = bundle.find((b) => b.entry === 'trace-graph')!;
    const chart = bundle.find((b) => b.entry === 'chart')!;
    expect(graph.bytes).toBeGreaterThan(10 * app.bytes);
    expect(chart.bytes).toBeGreaterThan(app.bytes);
    console.log('bundle:', bundle.map((b) => `${b.file} ${(b.bytes / 1024).toFixed(1)} KiB`).join(', '));
  });

  it('draws national tasks × plans grouped by action and by level, coloured on the legend scale', async () => {
    const { data } = await t.gql<Matrix>(
      '{ alignmentMatrix { plans { id } rows { task { id } action { id } cells { planId links bestScore } } } }',
    );
    const m = data!.alignmentMatrix;
    expect(await page.locator('#heatmap td.cell').count()).toBe(m.rows.length * m.plans.length);
    expect(await page.locator('#heatmap tr.group').count()).toBe(
      new Set(m.rows.map((r) => r.action.id)).size,
    );
    expect(await page.locator('#heatmap th.level').first().innerText()).toBe(MESSAGES.zh.PROVINCIAL);
    expect(await page.locator('.legend li').count()).toBe(5);
    // Every cell's class is the scale's class of its best score (a gap without links).
    const seen = new Set<string>();
    for (const r of m.rows)
      for (const c of r.cells) {
        const cell = page.locator(`#heatmap td.cell[data-task="${r.task.id}"][data-plan="${c.planId}"]`);
        const expected = scoreClass(c.links ? c.bestScore : null).id;
        seen.add(expected);
        expect(await cell.getAttribute('class')).toContain(expected);
      }
    // The seeds have sure, likely and missing links: the scale tells them apart.
    expect(seen.has('sure') && seen.has('likely') && seen.has('gap')).toBe(true);
    await page.screenshot({ path: path.join(shots, 'heatmap.png'), fullPage: true });
    await accessible(page, 'heatmap');
  });

  it('opens a cell as a URL; back and forward; a pasted link opens the same view', async () => {
    await rerender(page, () =>
      page.locator(`#heatmap td.cell[data-task="${TASK}"][data-plan="${SH}"] a`).click(),
    );
    const url = new URL(page.url());
    expect(url.searchParams.get('task')).toBe(TASK);
    expect(url.searchParams.get('cellPlan')).toBe(SH);
    const { data } = await t.gql<{ implementations: { nodes: { from: { title: string } }[] } }>(
      `query($t: ID!, $p: [ID!]) { implementations(nationalTaskId: $t, planIds: $p) { nodes { from { title } } } }`,
      { t: TASK, p: [SH] },
    );
    const detail = page.locator('#cell-detail');
    for (const n of data!.implementations.nodes) expect(await detail.innerText()).toContain(n.from.title);
    await page.screenshot({ path: path.join(shots, 'heatmap-cell.png'), fullPage: true });
    const text = await detail.innerText();
    await rerender(page, () => page.goBack());
    expect(await detail.isHidden()).toBe(true);
    await rerender(page, () => page.goForward());
    expect(await detail.innerText()).toBe(text);
    const pasted = await zh.newPage();
    await open(pasted, url.toString());
    expect(await pasted.locator('#cell-detail').innerText()).toBe(text);
    await pasted.close();
  });
});

interface PlanApi {
  plan: {
    actions: {
      measures: { id: string; implements: { score: number; review: { decision: string } | null }[] }[];
    }[];
  };
  measure: {
    text: string;
    source: { file: string; line: number; endLine: number | null };
    implements: {
      to: { text: string };
      review: { decision: string } | null;
      evidence: {
        kind: string;
        from: { start: number; end: number } | null;
        to: { start: number; end: number } | null;
        quotedFrom: unknown;
      }[];
    }[];
  };
}

describe('workbench: plan page', () => {
  const M = `${SH}/a1/m1`;

  it('shows the outline with each measure’s best link and score, and the measure’s evidence highlighted on both sides', async () => {
    await rerender(page, () => page.locator(`#cell-detail a.measure-link`).first().click());
    expect(new URL(page.url()).searchParams.get('measure')).toBe(M);
    const { data } = await t.gql<PlanApi>(
      `query($p: ID!, $m: ID!) { plan(id: $p) { actions { measures { id implements { score review { decision } } } } }
        measure(id: $m) { text source { file line endLine } implements { to { ... on Measure { text } } review { decision }
          evidence { kind from { start end } to { start end } quotedFrom { id } } } } }`,
      { p: SH, m: M },
    );
    const measures = data!.plan.actions.flatMap((a) => a.measures);
    expect(await page.locator('.outline li.measure').count()).toBe(measures.length);
    expect(await hook<number>(page, 'outlineMeasureCount')).toBe(measures.length);
    for (const m of measures) {
      const best = m.implements.find((l) => l.review?.decision !== 'REJECT');
      const row = page.locator(`.outline li.measure[data-measure="${m.id}"] .best`);
      if (best) expect(await row.locator('.badge.score').innerText()).toBe(best.score.toFixed(2));
      else expect(await row.innerText()).toContain(MESSAGES.zh.noLink);
    }
    // The marks are exactly the evidence spans: local text by `from`, the national task by `to`.
    const m = data!.measure;
    const best = m.implements[0]!;
    const spans = (side: 'from' | 'to', text: string) =>
      new Set(
        best.evidence
          .filter((e) => e[side] && !e.quotedFrom)
          .flatMap((e) => [...text.slice(e[side]!.start, e[side]!.end)]),
      );
    const marked = async (sel: string) =>
      new Set([...(await page.locator(`${sel} mark`).allInnerTexts()).join('')]);
    expect(await marked('#local-text')).toEqual(spans('from', m.text));
    expect(await marked('#upper-text')).toEqual(spans('to', best.to.text));
    expect(await page.locator('#local-text').innerText()).toBe(m.text);
    const head = await page.locator('.detail-head').innerText();
    expect(head).toContain(m.source.file);
    expect(head).toContain(String(m.source.line));
    // The plan's exports are linked and answer.
    for (const a of await page.locator('.exports a').all()) {
      const res = await fetch(new URL((await a.getAttribute('href'))!, t.base));
      expect(res.status).toBe(200);
    }
    await page.screenshot({ path: path.join(shots, 'plan.png'), fullPage: false });
    await accessible(page, 'plan');
  });
});

describe('workbench: national plan page', () => {
  it('opens the national plan: its tasks, no review controls, a link to compare the plans below', async () => {
    const { data } = await t.gql<{ nationalPlan: { id: string; actions: { measures: { id: string }[] }[] } }>(
      '{ nationalPlan { id actions { measures { id } } } }',
    );
    const np = data!.nationalPlan;
    const task = np.actions.flatMap((a) => a.measures)[0]!.id;
    await open(page, view({ view: 'plan', plan: np.id, measure: task }));
    expect(await page.locator('.outline li.measure').count()).toBe(
      np.actions.flatMap((a) => a.measures).length,
    );
    expect(await page.locator('#measure-detail button[data-review]').count()).toBe(0);
    await rerender(page, () => page.locator(`.detail-head a[href*="view=compare"]`).click());
    expect(new URL(page.url()).searchParams.get('of')).toBe(task);
    expect(await page.locator('.compare-col').count()).toBeGreaterThan(0);
  });
});

describe('workbench: trace', () => {
  it('loads the graph library on demand and draws the trace; hovering shows a node or link', async () => {
    const M = `${SH}/a1/m5`;
    requests.length = 0;
    await open(page, view({ view: 'trace', trace: M }));
    expect(requests.some((u) => /\/chunks\/trace-graph-[\w]+\.js$/.test(u))).toBe(true);
    const { data } = await t.gql<{
      trace: {
        measure: { id: string; action: { id: string }; plan: { id: string } };
        path: { node: { id: string } }[];
        planChain: { node: { id: string } }[];
        otherLinks: { to: { id: string } }[];
      };
    }>(
      `query($m: ID!) { trace(measureId: $m) { measure { id action { id } plan { id } } path { node { id } }
        planChain { node { id } } otherLinks { to { id } } } }`,
      { m: M },
    );
    const tr = data!.trace;
    // The measure, its action and plan, every step of the path and of the plan chain, further tasks.
    const ids = new Set([
      tr.measure.id,
      tr.measure.action.id,
      tr.measure.plan.id,
      ...tr.path.map((s) => s.node.id),
      ...tr.planChain.map((s) => s.node.id),
      ...tr.otherLinks.map((o) => o.to.id),
    ]);
    expect(await hook<number>(page, 'traceNodeCount')).toBe(ids.size);
    expect(await page.locator('#trace-graph canvas').count()).toBeGreaterThan(0);
    expect(await page.locator('#trace-steps > li').count()).toBe(tr.path.length + tr.otherLinks.length);
    await page.waitForTimeout(1500); // let the layout settle
    const box = (await page.locator('#trace-canvas').boundingBox())!;
    const tip = page.locator('#trace-tooltip');
    let shown = false;
    for (let y = box.y + 10; y < box.y + box.height && !shown; y += 18)
      for (let x = box.x + 10; x < box.x + box.width && !shown; x += 18) {
        await page.mouse.move(x, y);
        shown = await tip.isVisible();
      }
    expect(shown).toBe(true);
    expect(await tip.innerText()).toMatch(/得分|国发-2024-17|沪府发-2024-12/);
    await page.mouse.move(box.x + box.width + 50, box.y);
    await page.locator('#trace-panel').screenshot({ path: path.join(shots, 'trace.png') });
    await accessible(page, 'trace');
  });

  it('shows the rejected candidates of a measure with no national counterpart', async () => {
    await open(page, view({ view: 'trace', trace: `${SH}/a3/m1` }));
    expect(await page.locator('#trace-steps').innerText()).toContain(MESSAGES.zh.traceNoCounterpart);
    expect(await hook<number>(page, 'traceRelationshipCount')).toBeGreaterThan(2);
  });
});

describe('workbench: review in place', () => {
  interface Links {
    plan: {
      actions: {
        measures: {
          id: string;
          implements: { to: { id: string }; method: string; review: { decision: string } | null }[];
        }[];
      }[];
    };
  }
  const planLinks = async () => {
    const { data } = await t.gql<Links>(
      `query($p: ID!) { plan(id: $p) { actions { measures { id implements(includeRejected: true) { to { id } method review { decision } } } } } }`,
      { p: SH },
    );
    return data!.plan.actions.flatMap((a) => a.measures);
  };
  const decision = async (from: string, to: string) =>
    (await planLinks()).find((m) => m.id === from)?.implements.find((l) => l.to.id === to);
  /** A click that needs the key: the dialog is answered when it asks. */
  async function withKey(act: () => Promise<unknown>): Promise<void> {
    await rerender(page, async () => {
      await act();
      const dialog = page.locator('#key-dialog');
      if (await dialog.isVisible()) {
        await page.fill('#key-input', KEY);
        await page.click('#key-save');
      }
    });
  }
  // A link of the plan no analyst has reviewed yet (the graph decides which).
  let M = '';
  let TO = '';

  it('rejects a link from the plan page: the key asked once per session, the change at once and after a reload', async () => {
    const measures = await planLinks();
    const m = measures.find((x) => x.implements.some((l) => !l.review))!;
    M = m.id;
    TO = m.implements.find((l) => !l.review)!.to.id;
    await open(page, view({ view: 'plan', plan: SH, measure: M }));
    const row = () => page.locator(`li.link-row[data-to="${TO}"]`);
    expect(await row().getAttribute('class')).not.toContain('rejected');
    await row().locator('.review-note').fill('审核测试：否决');
    await row().locator('button[data-decision="REJECT"]').click();
    await page.locator('#key-dialog').waitFor({ state: 'visible' });
    await page.fill('#key-input', KEY);
    await rerender(page, () => page.click('#key-save'));
    expect(await row().getAttribute('class')).toContain('rejected');
    expect(await hook<string>(page, 'lastNotice')).toContain(MESSAGES.zh.reviewState_REJECT);
    expect((await decision(M, TO))!.review?.decision).toBe('REJECT');
    expect(await page.evaluate("sessionStorage.getItem('plantrace.apiKey')")).toBe(KEY);
    await page.screenshot({ path: path.join(shots, 'review.png'), fullPage: false });
    await open(page, page.url());
    expect(await row().getAttribute('class')).toContain('rejected');
    // Confirm it again: no second prompt for the key in this session.
    await rerender(page, () => row().locator('button[data-decision="CONFIRM"]').click());
    expect(await page.locator('#key-dialog').isVisible()).toBe(false);
    expect(await row().getAttribute('class')).not.toContain('rejected');
    expect((await decision(M, TO))!.review?.decision).toBe('CONFIRM');
  });

  it('adds a link the aligner missed; it shows at once and after a reload', async () => {
    const measures = await planLinks();
    const from = measures.find((x) => x.implements.length === 0)!;
    expect(from).toBeDefined();
    const { data } = await t.gql<{ nationalPlan: { actions: { measures: { id: string }[] }[] } }>(
      '{ nationalPlan { actions { measures { id } } } }',
    );
    const to = data!.nationalPlan.actions.flatMap((a) => a.measures)[0]!.id;
    await open(page, view({ view: 'plan', plan: SH, measure: from.id }));
    await page.selectOption('form.add-link select[name="to"]', to);
    await page.fill('form.add-link input[name="note"]', '审核测试：补充链接');
    await withKey(() => page.click('form.add-link button[type="submit"]'));
    const chip = () => page.locator(`li.link-row[data-to="${to}"] .chip.method`);
    expect(await chip().innerText()).toBe(MESSAGES.zh.ANALYST);
    expect((await decision(from.id, to))!.method).toBe('ANALYST');
    await open(page, page.url());
    expect(await chip().innerText()).toBe(MESSAGES.zh.ANALYST);
    expect(await page.locator(`.outline li.measure[data-measure="${from.id}"] .best`).innerText()).toContain(
      MESSAGES.zh.ANALYST,
    );
  });

  it('reviews from the trace as well', async () => {
    await open(page, view({ view: 'trace', trace: M }));
    const button = page.locator(`#trace-steps button[data-to="${TO}"][data-decision="REJECT"]`);
    expect(await button.count()).toBe(1);
    await withKey(() => button.click());
    expect((await decision(M, TO))!.review?.decision).toBe('REJECT');
    // A rejected link leaves the trace at once.
    expect(await page.locator(`#trace-steps button[data-to="${TO}"]`).count()).toBe(0);
  });
});

describe('workbench: compare', () => {
  it('puts the implementing measures of chosen plans side by side; the choice is in the URL', async () => {
    await open(page, view({ view: 'compare', of: TASK }));
    const { data } = await t.gql<{
      plans: { nodes: { id: string; kind: string }[] };
      implementations: { nodes: { from: { plan: { id: string } } }[] };
    }>(
      `query($t: ID!) { plans(kind: PLAN, first: 100) { nodes { id kind } }
        implementations(nationalTaskId: $t, first: 100) { nodes { from { ... on Measure { plan { id } } } } } }`,
      { t: TASK },
    );
    const plans = data!.plans.nodes.filter((p) => p.id !== '国发-2024-17');
    expect(await page.locator('.compare-col').count()).toBe(plans.length);
    for (const p of plans)
      expect(await page.locator(`.compare-col[data-plan="${p.id}"] article.card`).count()).toBe(
        data!.implementations.nodes.filter((n) => n.from.plan.id === p.id).length,
      );
    await page.screenshot({ path: path.join(shots, 'compare-task.png'), fullPage: true });
    await accessible(page, 'compare-task');
    await rerender(page, () => page.locator(`input[name="plans"][value="${plans[0]!.id}"]`).uncheck());
    expect(new URL(page.url()).searchParams.get('plans')).toBe(
      plans
        .slice(1)
        .map((p) => p.id)
        .join(','),
    );
    expect(await page.locator('.compare-col').count()).toBe(plans.length - 1);
    await rerender(page, () => page.goBack());
    expect(await page.locator('.compare-col').count()).toBe(plans.length);
  });

  it('charts the targets of all plans for an indicator, with a table of value, year and comparator', async () => {
    requests.length = 0;
    await open(page, view({ view: 'compare', indicator: '常住人口城镇化率' }));
    expect(requests.some((u) => /\/chunks\/chart-[\w]+\.js$/.test(u))).toBe(true);
    const { data } = await t.gql<{
      compareTargets: {
        targets: {
          value: number | null;
          unit: string | null;
          year: number | null;
          plan: { periodEnd: number | null };
        }[];
      };
    }>(
      `{ compareTargets(indicator: "常住人口城镇化率") { targets { value unit year plan { periodEnd } } } }`,
    );
    const targets = data!.compareTargets.targets;
    expect(targets.length).toBeGreaterThan(1);
    const drawn = targets.filter((x) => x.value !== null && (x.year ?? x.plan.periodEnd));
    expect(await hook<number>(page, 'chartPointCount')).toBe(drawn.length);
    expect(await page.locator('.chart-box canvas').count()).toBe(
      new Set(drawn.map((x) => x.unit ?? '')).size,
    );
    expect(await page.locator('#target-table tbody tr').count()).toBe(targets.length);
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(shots, 'compare-indicator.png'), fullPage: true });
    await accessible(page, 'compare-indicator');
  });
});

describe('workbench: search', () => {
  it('searches in either script; the search is a URL and back returns to the previous view', async () => {
    await open(page, view());
    await page.fill('#search-text', '隨遷子女');
    await rerender(page, () => page.click('#search-button'));
    expect(new URL(page.url()).searchParams.get('q')).toBe('隨遷子女');
    expect(await hook<number>(page, 'searchHitCount')).toBeGreaterThan(0);
    expect(await page.locator('#search-results li').first().innerHTML()).toMatch(
      /<mark>(随迁子女|隨遷子女)<\/mark>/,
    );
    await page.screenshot({ path: path.join(shots, 'search.png'), fullPage: true });
    await accessible(page, 'search');
    await rerender(page, () => page.goBack());
    expect(await hook<string>(page, 'view')).toBe('heatmap');
  });
});

describe('workbench: languages', () => {
  const navTexts = (p: Page) => p.locator('#nav a').allInnerTexts();

  it('speaks Chinese to a Chinese browser and English to an English one, from the one message table', async () => {
    expect(await navTexts(page)).toEqual([
      MESSAGES.zh.navHeatmap,
      MESSAGES.zh.navPlans,
      MESSAGES.zh.navCompare,
    ]);
    expect(await page.getAttribute('html', 'lang')).toBe('zh-Hans');
    const en = await browser.newContext({ viewport: { width: 1400, height: 1000 }, locale: 'en-US' });
    const p = await en.newPage();
    await open(p, view());
    expect(await navTexts(p)).toEqual([MESSAGES.en.navHeatmap, MESSAGES.en.navPlans, MESSAGES.en.navCompare]);
    expect(await p.locator('#heatmap-title').innerText()).toBe(MESSAGES.en.heatmapTitle);
    expect(await p.getAttribute('html', 'lang')).toBe('en');
    await en.close();
  });

  it('switches language as part of the URL; back returns to the previous language', async () => {
    await open(page, view({ view: 'plan', plan: SH }));
    await rerender(page, () => page.click('#lang-switch a[data-lang="en"]'));
    expect(new URL(page.url()).searchParams.get('lang')).toBe('en');
    expect(new URL(page.url()).searchParams.get('plan')).toBe(SH);
    expect(await navTexts(page)).toEqual([
      MESSAGES.en.navHeatmap,
      MESSAGES.en.navPlans,
      MESSAGES.en.navCompare,
    ]);
    expect(await page.locator('.outline h2').innerText()).toBe(MESSAGES.en.outline);
    // The language stays while moving around.
    await rerender(page, () => page.locator('#nav a').first().click());
    expect(new URL(page.url()).searchParams.get('lang')).toBe('en');
    await page.screenshot({ path: path.join(shots, 'heatmap-en.png'), fullPage: true });
    await rerender(page, () => page.goBack());
    await rerender(page, () => page.goBack());
    expect(await navTexts(page)).toEqual([
      MESSAGES.zh.navHeatmap,
      MESSAGES.zh.navPlans,
      MESSAGES.zh.navCompare,
    ]);
  });

  it('has an English label for every Chinese one', () => {
    expect(Object.keys(MESSAGES.en).sort()).toEqual(Object.keys(MESSAGES.zh).sort());
    for (const [k, v] of Object.entries(MESSAGES.en)) expect(v, k).not.toBe('');
  });
});

describe('Neo4j Browser files', () => {
  it('serves the Neo4j Browser style sheet and guide to other origins', async () => {
    const res = await fetch(`${t.base}/browser/plantrace.grass`);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(await res.text()).toMatch(/node\.NationalPlan \{/);
    expect((await fetch(`${t.base}/browser/plantrace-guide.adoc`)).status).toBe(200);
  });
});
