// The built-in view, an analyst's workbench over the GraphQL API (and /export): coverage heat map, plan
// pages with evidence and review in place, trace graphs, comparisons, search; Chinese and English. Every
// state is a URL. The graph library (NVL) and the chart library (Chart.js) load on demand, in chunks of
// their own, so the first screen does not wait for them. Bundled by esbuild (src/view/build.ts), no CDN.
import {
  addLink,
  askKey,
  go,
  hooks,
  href,
  renderKeyButton,
  report,
  review,
  setRenderer,
  setState,
  state,
} from './app.js';
import { apiKey } from './api.js';
import { browserLang, LANGS, setLang, t, type Lang } from './messages.js';
import { renderCompare } from './compare.js';
import { renderHeatmap } from './heatmap.js';
import { renderPlan } from './plan.js';
import { renderSearch } from './search.js';
import { parseState, type State } from './state.js';
import { leaveTrace, renderTrace } from './trace.js';
import { $, esc, formText } from './ui.js';

const NAV: { view: State['view']; key: Parameters<typeof t>[0] }[] = [
  { view: 'heatmap', key: 'navHeatmap' },
  { view: 'plan', key: 'navPlans' },
  { view: 'compare', key: 'navCompare' },
];

function renderShell(): void {
  document.documentElement.lang =
    state.lang === 'en' || (!state.lang && browserLang(navigator.languages) === 'en') ? 'en' : 'zh-Hans';
  document.title = t('appTitle');
  $('brand-sub').textContent = t('brandSub');
  $('nav').innerHTML = NAV.map((n) => {
    const current = state.view === n.view || (n.view === 'plan' && state.view === 'trace');
    return `<a href="${esc(href({ view: n.view }))}" data-nav ${current ? 'aria-current="page"' : ''}>${esc(t(n.key))}</a>`;
  }).join('');
  const input = $<HTMLInputElement>('search-text');
  input.placeholder = t('searchPlaceholder');
  input.setAttribute('aria-label', t('searchLabel'));
  if (document.activeElement !== input) input.value = state.q ?? '';
  $('search-button').textContent = t('searchButton');
  $('lang-switch').innerHTML = LANGS.map(
    (l) =>
      `<a href="${esc(href({ ...state, lang: l }))}" data-nav data-lang="${l}" lang="${l === 'zh' ? 'zh-Hans' : 'en'}" ${currentLang() === l ? 'aria-current="true"' : ''}>${l === 'zh' ? '中文' : 'EN'}</a>`,
  ).join('');
  $('lang-switch').setAttribute('aria-label', t('language'));
  $('key-title').textContent = t('apiKeyTitle');
  $('key-label').textContent = t('apiKeyPrompt');
  $('key-save').textContent = t('save');
  $('key-cancel').textContent = t('cancel');
  renderKeyButton();
}

const currentLang = (): Lang => state.lang ?? browserLang(navigator.languages);

async function render(): Promise<void> {
  setState(parseState(location.search));
  setLang(currentLang());
  hooks.busy = true;
  hooks.error = null;
  renderShell();
  const main = $('main');
  if (state.view !== 'trace') leaveTrace();
  main.setAttribute('aria-busy', 'true');
  try {
    switch (state.view) {
      case 'plan':
        await renderPlan(main);
        break;
      case 'trace':
        if (state.trace) await renderTrace(main, state.trace);
        break;
      case 'compare':
        await renderCompare(main);
        break;
      case 'search':
        await renderSearch(main);
        break;
      default:
        await renderHeatmap(main);
    }
  } catch (err) {
    report(err);
  } finally {
    main.removeAttribute('aria-busy');
    hooks.view = state.view;
    hooks.renders++;
    hooks.busy = false;
    hooks.ready = true;
  }
}

setRenderer(render);
window.addEventListener('popstate', () => void render());

document.addEventListener('click', (evt) => {
  const el = evt.target as HTMLElement;
  const a = el.closest<HTMLAnchorElement>('a[data-nav]');
  if (a && !evt.ctrlKey && !evt.metaKey && !evt.shiftKey && evt.button === 0) {
    evt.preventDefault();
    void go(parseState(new URL(a.href).search));
    return;
  }
  const r = el.closest<HTMLButtonElement>('button[data-review]');
  if (r) {
    const note = r.parentElement?.querySelector<HTMLInputElement>('.review-note')?.value.trim() ?? '';
    void review(r.dataset.from!, r.dataset.to!, r.dataset.decision!, note);
  }
  if (el.closest('#key-button')) {
    if (apiKey.get() && !confirm(t('forget'))) return;
    apiKey.clear();
    void askKey();
  }
});

document.addEventListener('submit', (evt) => {
  const form = evt.target as HTMLFormElement;
  if (form.id === 'search-form') {
    evt.preventDefault();
    const q = $<HTMLInputElement>('search-text').value.trim();
    if (q) void go({ view: 'search', q });
  } else if (form.classList.contains('add-link')) {
    evt.preventDefault();
    const data = new FormData(form);
    void addLink(form.dataset.from!, formText(data, 'to'), formText(data, 'note').trim());
  } else if (form.id === 'compare-form' || form.id === 'indicator-form') evt.preventDefault();
});

void render();
