// Every state of the workbench is a URL: the view, the plan and measure, the trace, the heat-map cell,
// the comparison, the search and the language are query parameters, so back/forward work and a link
// pasted into a report opens the same view.
import type { Lang } from './messages.js';

export type ViewName = 'heatmap' | 'plan' | 'trace' | 'compare' | 'search';

export interface State {
  view: ViewName;
  lang?: Lang;
  /** plan page: the plan and the selected measure */
  plan?: string;
  measure?: string;
  /** trace view: the local measure */
  trace?: string;
  /** heat map: the plan above (a national plan, or a parent plan whose children are the columns) */
  up?: string;
  /** heat map: the selected cell (national task × plan) */
  task?: string;
  cellPlan?: string;
  /** compare: a national task (or parent measure) and chosen plans, or an indicator */
  of?: string;
  plans?: string[];
  indicator?: string;
  /** search text */
  q?: string;
}

const VIEWS: ViewName[] = ['heatmap', 'plan', 'trace', 'compare', 'search'];

export function parseState(search: string): State {
  const p = new URLSearchParams(search);
  const get = (k: string) => p.get(k) || undefined;
  const view = (get('view') as ViewName | undefined) ?? (get('trace') ? 'trace' : 'heatmap');
  const lang = get('lang');
  return {
    view: VIEWS.includes(view) ? view : 'heatmap',
    lang: lang === 'zh' || lang === 'en' ? lang : undefined,
    plan: get('plan'),
    measure: get('measure'),
    trace: get('trace'),
    up: get('up'),
    task: get('task'),
    cellPlan: get('cellPlan'),
    of: get('of'),
    plans: get('plans')?.split(',').filter(Boolean),
    indicator: get('indicator'),
    q: get('q'),
  };
}

export function stateUrl(s: State): string {
  const p = new URLSearchParams();
  if (s.view !== 'heatmap') p.set('view', s.view);
  const keys: (keyof State)[] = [
    'up',
    'plan',
    'measure',
    'trace',
    'task',
    'cellPlan',
    'of',
    'indicator',
    'q',
  ];
  for (const k of keys) {
    const v = s[k];
    if (typeof v === 'string' && v) p.set(k, v);
  }
  if (s.plans?.length) p.set('plans', s.plans.join(','));
  if (s.lang) p.set('lang', s.lang);
  const qs = p.toString();
  return `${location.pathname}${qs ? `?${qs}` : ''}`;
}
