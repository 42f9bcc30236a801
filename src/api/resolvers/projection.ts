// What a query selected decides what its Cypher reads: long texts (text, textSimplified, items, a
// plan's preamble) only when a field that shows them is selected, a link's evidence only when
// `evidence` is. A small walk of the resolver's selection set (fragments and inline fragments merged);
// the answers become the `$withText` / `$withEvidence` parameters of the cypher/api files.
import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/** The selected fields under a field, by name (aliases merged), each with its own selection. */
export type Selection = Map<string, Selection>;

function collect(set: SelectionSetNode | undefined, info: GraphQLResolveInfo, into: Selection): Selection {
  for (const s of set?.selections ?? []) {
    if (s.kind === Kind.FIELD) {
      const sub: Selection = into.get(s.name.value) ?? new Map<string, Selection>();
      into.set(s.name.value, collect(s.selectionSet, info, sub));
    } else if (s.kind === Kind.INLINE_FRAGMENT) collect(s.selectionSet, info, into);
    else collect(info.fragments[s.name.value]?.selectionSet, info, into);
  }
  return into;
}

/** The selection of the field being resolved. */
export function selectionOf(info: GraphQLResolveInfo): Selection {
  const into: Selection = new Map();
  for (const f of info.fieldNodes) collect(f.selectionSet, info, into);
  return into;
}

/** The selection at a path below (`['path', 'node']`); empty when not selected. */
export function at(sel: Selection, ...path: string[]): Selection {
  let s: Selection | undefined = sel;
  for (const p of path) s = s?.get(p);
  return s ?? new Map<string, Selection>();
}

const TEXT_FIELDS = ['text', 'textSimplified', 'items'];

/**
 * Whether a node's selection needs its long texts: its text fields, or its source's text (a plan's
 * source `end` is its preamble's length, so that needs the text too).
 */
export function needsText(node: Selection): boolean {
  if (TEXT_FIELDS.some((f) => node.has(f))) return true;
  const source = node.get('source');
  return !!source && (source.has('text') || source.has('end'));
}

/**
 * Fields a node's light projection (id, title, kind, level, plan, national; cypher/api/trace) answers:
 * those resolvers read only these properties or ask a loader by the node's id. Any other field selected
 * (titleSimplified, label, source, region, issuer …, and nationalPlan, which may answer with the node
 * itself) needs every property; a field added to the schema counts as such until it is listed here.
 */
const LIGHT_FIELDS = new Set([
  '__typename',
  'id',
  'title',
  'kind',
  'level',
  'national',
  'plan',
  'action',
  'actions',
  'measures',
  'implements',
  'implementedBy',
  'targets',
  'regions',
  'agencies',
  'interprets',
  'interpretedBy',
  'parent',
  'parentLink',
  'children',
  'missingParent',
  'obligations',
]);

/** Whether any of these node selections asks for more than the light projection holds. */
export const needsAllFields = (nodes: Selection[]): boolean =>
  nodes.some((n) => [...n.keys()].some((f) => !LIGHT_FIELDS.has(f)));

/** Whether a link's selection needs its evidence. */
export const needsEvidence = (link: Selection): boolean => link.has('evidence');

/** The projection parameters of a query whose nodes and links are at these selections. */
export function projection(nodes: Selection[], links: Selection[] = []) {
  return { withText: nodes.some(needsText), withEvidence: links.some(needsEvidence) };
}

/** What a plan's selection asks of the levels below it, as the parameters of cypher/api/plan-tree. */
export interface PlanTreeFlags {
  actionText: boolean;
  withMeasures: boolean;
  measureText: boolean;
  withLinks: boolean;
  withEvidence: boolean;
  withTo: boolean;
  toText: boolean;
}

/**
 * The look-ahead of a plan's selection: null when it asks for no actions (the loaders answer), else the
 * levels it goes down (actions → measures → their links → what the links point to) and the projection
 * each level's own resolver will ask its loader for (so the rows primed are the ones it loads).
 */
export function planTree(plan: Selection): PlanTreeFlags | null {
  const actions = plan.get('actions');
  if (!actions) return null;
  const measures = actions.get('measures');
  const links = measures?.get('implements');
  const to = links?.get('to');
  return {
    actionText: needsText(actions),
    withMeasures: !!measures,
    measureText: !!measures && needsText(measures),
    withLinks: !!links,
    withEvidence: !!links && needsEvidence(links),
    withTo: !!to,
    toText: !!to && needsText(to),
  };
}
