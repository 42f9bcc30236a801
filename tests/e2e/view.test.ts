// The built-in view in a real browser: Debian's chromium driven by playwright-core (never a downloaded
// browser), against the real API over the seeded graph. Screenshots go to artifacts/screenshots/.
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createDriver } from '../../src/graph/driver.js';
import { loadInputs } from '../../src/pipeline/load.js';
import { packageRoot } from '../../src/paths.js';
import { buildView } from '../../src/view/build.js';
import { startTestApi, type TestApi } from '../support/api.js';
import { emptyGraph } from '../support/graph.js';

const CHROMIUM = process.env.PLANTRACE_CHROMIUM ?? '/usr/bin/chromium';
const shots = path.join(packageRoot, 'artifacts', 'screenshots');

let t: TestApi;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `${CHROMIUM} not found: install Debian's chromium (apt-get install chromium); .ci/run does`,
    );
  mkdirSync(shots, { recursive: true });
  await buildView();
  const cfg = loadConfig();
  const driver = createDriver(cfg);
  await emptyGraph(driver);
  await loadInputs(driver, cfg.NEO4J_DATABASE, ['seeds']);
  await driver.close();
  t = await startTestApi();
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  page.on('pageerror', (err) => console.error('page error:', err.message));
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const view = <T>(fn: string) => page.evaluate(`window.plantraceView.${fn}`) as Promise<T>;

describe('built-in view', () => {
  it('renders the coverage heat map of national tasks × plans', async () => {
    await page.goto(`${t.base}/view/`);
    await page.waitForFunction('window.plantraceView && window.plantraceView.ready', null, {
      timeout: 30_000,
    });
    expect(await view<string | null>('error')).toBeNull();
    const cells = await page.locator('#heatmap td.cell').count();
    expect(cells).toBe(20 * 2); // 20 national tasks × 2 local plans
    expect(await view<number>('heatmapCellCount')).toBe(cells);
    // A covered cell is coloured (an uncovered one is near-white #fdfefe).
    const covered = page.locator('#heatmap td.cell[data-task="国发-2024-17/a1/m1"]').first();
    expect(await covered.getAttribute('style')).toMatch(/background:\s*#(?!fdfefe)[0-9a-f]{6}/i);
    await page.screenshot({ path: path.join(shots, 'heatmap.png'), fullPage: true });
  });

  it('clicks through from a cell to the links behind it, and from a link to its trace graph', async () => {
    await page
      .locator('#heatmap td.cell[data-task="国发-2024-17/a1/m1"][data-plan="沪府发-2024-12"]')
      .click();
    await page.waitForSelector('#cell-detail button[data-trace]');
    expect(await page.locator('#cell-detail').innerText()).toContain('优化户籍和居住证政策');
    await page.locator('#cell-detail button[data-trace]').first().click();
    await page.waitForFunction('window.plantraceView.traceNodeCount > 0');
    // measure, its action and plan; national task, action and plan.
    expect(await view<number>('traceNodeCount')).toBe(6);
    expect(await page.locator('#trace-graph canvas').count()).toBeGreaterThan(0);
    expect(await page.locator('#trace-steps').innerText()).toContain('进一步深化户籍制度改革');
    await page.waitForTimeout(1500); // let the layout settle for the screenshot
    await page.locator('#trace-panel').screenshot({ path: path.join(shots, 'trace.png') });
  });

  it('shows what a node or link is when hovered', async () => {
    const box = (await page.locator('#trace-canvas').boundingBox())!;
    const tip = page.locator('#trace-tooltip');
    // Sweep the pointer over the graph until it is over a node or a link (the layout decides where).
    let shown = false;
    for (let y = box.y + 10; y < box.y + box.height && !shown; y += 18)
      for (let x = box.x + 10; x < box.x + box.width && !shown; x += 18) {
        await page.mouse.move(x, y);
        shown = await tip.isVisible();
      }
    expect(shown).toBe(true);
    expect(await tip.innerText()).toMatch(/score|国发-2024-17|沪府发-2024-12/);
  });

  it('shows the rejected candidates of a measure with no national counterpart', async () => {
    await page.goto(`${t.base}/view/?trace=${encodeURIComponent('沪府发-2024-12/a3/m1')}`);
    await page.waitForFunction('window.plantraceView.traceNodeCount > 0', null, { timeout: 30_000 });
    expect(await page.locator('#trace-steps').innerText()).toContain('No national counterpart');
    expect(await view<number>('traceRelationshipCount')).toBeGreaterThan(2);
  });

  it('serves the Neo4j Browser style sheet and guide to other origins', async () => {
    const res = await fetch(`${t.base}/browser/plantrace.grass`);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(await res.text()).toMatch(/node\.NationalPlan \{/);
    expect((await fetch(`${t.base}/browser/plantrace-guide.adoc`)).status).toBe(200);
  });

  it('searches the Chinese full text in either script', async () => {
    await page.goto(`${t.base}/view/`);
    await page.fill('#search-text', '隨遷子女');
    await page.click('#search-form button');
    await page.waitForFunction('window.plantraceView.searchHitCount > 0');
    const first = page.locator('#search-results li').first();
    expect(await first.innerHTML()).toMatch(/<mark>(随迁子女|隨遷子女)<\/mark>/);
    await page.screenshot({ path: path.join(shots, 'search.png'), fullPage: true });
  });
});
