// Full-text search (Traditional or Simplified), with the API's marked snippets; hits open the plan page.
import { cached, hooks, href, state } from './app.js';
import { t, tv } from './messages.js';
import { esc } from './ui.js';

interface SearchData {
  search: {
    totalCount: number;
    nodes: {
      kind: string;
      snippet: string;
      node: {
        id: string;
        title?: string;
        name?: string;
        label?: string;
        plan?: { id: string; title: string };
      };
    }[];
  };
}

export async function renderSearch(main: HTMLElement): Promise<void> {
  const q = state.q ?? '';
  if (!q) {
    main.innerHTML = `<section class="panel"><h1>${esc(t('searchTitle'))}</h1></section>`;
    return;
  }
  const { search } = await cached<SearchData>(
    `query($text: String!) { search(text: $text, first: 30) { totalCount nodes { kind snippet
      node { ... on Measure { id label title plan { id title } } ... on Action { id label title plan { id title } } ... on Plan { id title } ... on Indicator { id name } } } } }`,
    { text: q },
  );
  const link = (h: SearchData['search']['nodes'][number]) => {
    const n = h.node;
    if (h.kind === 'MEASURE') return href({ view: 'plan', plan: n.plan!.id, measure: n.id });
    if (h.kind === 'ACTION') return href({ view: 'plan', plan: n.plan!.id });
    if (h.kind === 'PLAN') return href({ view: 'plan', plan: n.id });
    return href({ view: 'compare', indicator: n.name });
  };
  // Snippets come escaped from the API, with only <mark> added.
  main.innerHTML = `<section id="search-panel" class="panel"><div class="panel-head"><h1>${esc(t('searchTitle'))}: ${esc(q)}</h1>
    <span class="muted">${esc(t('searchCount', { count: search.totalCount }))}</span></div>
    <ol id="search-results">${search.nodes
      .map(
        (h) => `<li data-kind="${esc(h.kind)}"><span class="chip kind">${esc(tv('kind_', h.kind))}</span>
        <a href="${esc(link(h))}" data-nav ${h.kind === 'MEASURE' ? `data-trace="${esc(h.node.id)}"` : ''}>${esc(h.node.label ?? '')} ${esc(h.node.title ?? h.node.name ?? h.node.id)}</a>
        <span class="muted small">${esc(h.node.plan?.title ?? '')} · <code>${esc(h.node.id)}</code></span>
        <div class="snippet">${h.snippet}</div></li>`,
      )
      .join('')}</ol></section>`;
  hooks.searchHitCount = search.nodes.length;
}
