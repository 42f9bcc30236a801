// The workbench's hub: the current state (from the URL), navigation (pushState), a cache of read queries
// (cleared after every review), the review actions, and the hooks the browser tests read.
import { ApiError, apiKey, gql } from './api.js';
import { t } from './messages.js';
import { parseState, stateUrl, type State } from './state.js';
import { $, esc } from './ui.js';

export interface Hooks {
  ready: boolean;
  busy: boolean;
  view: string;
  renders: number;
  error: string | null;
  heatmapCellCount: number;
  outlineMeasureCount: number;
  traceNodeCount: number;
  traceRelationshipCount: number;
  searchHitCount: number;
  chartPointCount: number;
  compareColumnCount: number;
  graphLibraryLoaded: boolean;
  chartLibraryLoaded: boolean;
  lastNotice: string | null;
}

declare global {
  interface Window {
    plantraceView: Hooks;
  }
}

export const hooks: Hooks = {
  ready: false,
  busy: true,
  view: '',
  renders: 0,
  error: null,
  heatmapCellCount: 0,
  outlineMeasureCount: 0,
  traceNodeCount: 0,
  traceRelationshipCount: 0,
  searchHitCount: 0,
  chartPointCount: 0,
  compareColumnCount: 0,
  graphLibraryLoaded: false,
  chartLibraryLoaded: false,
  lastNotice: null,
};
window.plantraceView = hooks;

export let state: State = parseState(location.search);
export const setState = (s: State) => (state = s);

let renderer: () => Promise<void> = async () => {};
export const setRenderer = (r: () => Promise<void>) => (renderer = r);

/** Go to a state: a new history entry (or a replaced one), then render. */
export async function go(next: State, replace = false): Promise<void> {
  const url = stateUrl({ ...next, lang: next.lang ?? state.lang });
  if (replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  await renderer();
}

/** The URL of a state, keeping the language (for <a href>). */
export const href = (s: State) => stateUrl({ ...s, lang: s.lang ?? state.lang });

const cache = new Map<string, Promise<unknown>>();
/** A read query, cached by query and variables until the next review. */
export function cached<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const key = JSON.stringify([query, variables]);
  let p = cache.get(key) as Promise<T> | undefined;
  if (!p) {
    p = gql<T>(query, variables);
    cache.set(key, p);
    p.catch(() => cache.delete(key));
  }
  return p;
}

export function report(err: unknown): void {
  const message = err instanceof Error ? err.message : String(err);
  hooks.error = message;
  console.error(err);
  notice(t('error', { message }), true);
}

export function notice(text: string, isError = false): void {
  hooks.lastNotice = text;
  const el = $('notice');
  el.textContent = text;
  el.className = isError ? 'notice error' : 'notice';
  el.hidden = false;
  window.clearTimeout(Number(el.dataset.timer ?? 0));
  el.dataset.timer = String(window.setTimeout(() => (el.hidden = true), isError ? 8000 : 4000));
}

// ---- the API key: asked once per browser session ---------------------------------------------------

export function askKey(): Promise<string | null> {
  const dialog = $<HTMLDialogElement>('key-dialog');
  const input = $<HTMLInputElement>('key-input');
  input.value = apiKey.get() ?? '';
  dialog.showModal();
  input.focus();
  return new Promise((resolve) => {
    dialog.addEventListener(
      'close',
      () => {
        const v = dialog.returnValue === 'save' ? input.value.trim() : '';
        if (v) apiKey.set(v);
        renderKeyButton();
        resolve(v || null);
      },
      { once: true },
    );
  });
}

export function renderKeyButton(): void {
  const b = $('key-button');
  const set = apiKey.get() !== null;
  b.textContent = set ? `● ${t('apiKeySet')}` : `○ ${t('apiKeyNotSet')}`;
  b.classList.toggle('set', set);
}

/** A mutation with the key (asked for when missing or refused), then the cache cleared and a re-render. */
export async function mutate<T>(query: string, variables: Record<string, unknown>): Promise<T | null> {
  for (let attempt = 0; attempt < 2; attempt++) {
    if (!apiKey.get() && !(await askKey())) return null;
    try {
      const data = await gql<T>(query, variables, true);
      cache.clear();
      await renderer();
      return data;
    } catch (err) {
      if (err instanceof ApiError && err.code === 'UNAUTHENTICATED') {
        apiKey.clear();
        renderKeyButton();
        if (attempt === 0) continue;
      }
      report(err);
      return null;
    }
  }
  return null;
}

const REVIEW = `mutation($from: ID!, $to: ID!, $decision: ReviewDecision!, $note: String) {
  reviewAlignment(from: $from, to: $to, decision: $decision, note: $note) { review { decision } } }`;
const ADD = `mutation($from: ID!, $to: ID!, $note: String!) {
  addAlignment(from: $from, to: $to, note: $note) { method score } }`;

export async function review(from: string, to: string, decision: string, note: string | null): Promise<void> {
  const done = await mutate(REVIEW, { from, to, decision, note: note || null });
  if (done)
    notice(
      t('reviewDone', { decision: t(decision === 'CONFIRM' ? 'reviewState_CONFIRM' : 'reviewState_REJECT') }),
    );
}

export async function addLink(from: string, to: string, note: string): Promise<void> {
  const done = await mutate(ADD, { from, to, note });
  if (done) notice(t('linkAdded'));
}

/** Review buttons for one link (used on the plan page and in the trace). */
export function reviewControls(from: string, to: string, decision: string | null): string {
  const d = (x: string) => `data-from="${esc(from)}" data-to="${esc(to)}" data-decision="${x}"`;
  return `<span class="review-controls">
    <input class="review-note" type="text" placeholder="${esc(t('notePlaceholder'))}" aria-label="${esc(t('note'))}" />
    <button type="button" class="btn small ok" data-review ${d('CONFIRM')} ${decision === 'CONFIRM' ? 'aria-pressed="true"' : 'aria-pressed="false"'}>✓ ${esc(t('confirm'))}</button>
    <button type="button" class="btn small no" data-review ${d('REJECT')} ${decision === 'REJECT' ? 'aria-pressed="true"' : 'aria-pressed="false"'}>✗ ${esc(t('reject'))}</button>
  </span>`;
}

export interface NationalCatalog {
  nationalPlan: {
    id: string;
    title: string;
    actions: {
      id: string;
      label: string;
      title: string;
      measures: { id: string; label: string; title: string }[];
    }[];
  } | null;
}
export const NATIONAL_QUERY = `{ nationalPlan { id title actions { id label title measures { id label title } } } }`;

/** <option>s of the national tasks, grouped by national action. */
export function taskOptions(n: NationalCatalog, selected?: string): string {
  return (n.nationalPlan?.actions ?? [])
    .filter((a) => a.measures.length)
    .map(
      (a) =>
        `<optgroup label="${esc(`${a.label} ${a.title}`)}">${a.measures
          .map(
            (m) =>
              `<option value="${esc(m.id)}"${m.id === selected ? ' selected' : ''}>${esc(`${m.label} ${m.title}`)}</option>`,
          )
          .join('')}</optgroup>`,
    )
    .join('');
}
