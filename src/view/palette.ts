// One visual style for every way of looking at the graph: the Bloom perspective, the Neo4j Browser style
// sheet and the built-in view all take their colours, captions and sizes from here (src/view/styles.ts
// writes bloom/plantrace.json and browser/plantrace.grass from it).

export interface LabelStyle {
  label: string;
  color: string;
  border: string;
  caption: string;
  /** Relative size: 1 = ordinary node. */
  size: number;
}

/** Most specific first: a node takes the style of its first label listed here. */
export const LABEL_STYLES: LabelStyle[] = [
  { label: 'NationalPlan', color: '#C0392B', border: '#922B21', caption: 'title', size: 3 },
  { label: 'Interpretation', color: '#8E44AD', border: '#6C3483', caption: 'title', size: 2 },
  { label: 'Plan', color: '#2E86C1', border: '#1B4F72', caption: 'title', size: 2.4 },
  { label: 'Action', color: '#F39C12', border: '#B9770E', caption: 'title', size: 1.6 },
  { label: 'Measure', color: '#48C9B0', border: '#148F77', caption: 'title', size: 1 },
  { label: 'Indicator', color: '#F4D03F', border: '#B7950B', caption: 'name', size: 1.2 },
  { label: 'Region', color: '#85929E', border: '#566573', caption: 'name', size: 1 },
  { label: 'Agency', color: '#D7BDE2', border: '#A569BD', caption: 'name', size: 1 },
  { label: 'Obligation', color: '#F1948A', border: '#B03A2E', caption: 'what', size: 1 },
];

/** National tasks (measures of the national plan) stand out like the national plan. */
export const NATIONAL_TASK = { color: '#E74C3C', border: '#922B21', size: 1.8 };

/** Measures are coloured by their plan: a colour per plan, assigned in this order. */
export const PLAN_COLORS = [
  '#48C9B0',
  '#5DADE2',
  '#58D68D',
  '#AF7AC5',
  '#EB984E',
  '#F7DC6F',
  '#45B39D',
  '#EC7063',
];

export interface RelationshipStyle {
  type: string;
  color: string;
  width: number;
  caption: string | null;
}

export const RELATIONSHIP_STYLES: RelationshipStyle[] = [
  { type: 'IMPLEMENTS', color: '#C0392B', width: 3, caption: 'score' },
  { type: 'HAS_ACTION', color: '#A6ACAF', width: 1, caption: null },
  { type: 'HAS_MEASURE', color: '#A6ACAF', width: 1, caption: null },
  { type: 'TARGETS', color: '#D4AC0D', width: 2, caption: 'value' },
  { type: 'MENTIONS', color: '#BFC9CA', width: 1, caption: null },
  { type: 'COVERS', color: '#85929E', width: 1, caption: null },
  { type: 'INVOLVES', color: '#C39BD3', width: 1, caption: 'role' },
  { type: 'PART_OF', color: '#D5D8DC', width: 1, caption: null },
  { type: 'INTERPRETS', color: '#8E44AD', width: 2, caption: null },
  { type: 'SETS', color: '#F1948A', width: 1, caption: null },
];

/** IMPLEMENTS width grows with the score: 1 px at 0, IMPLEMENTS.width * 2 at 1. */
export function implementsWidth(score: number): number {
  return 1 + Math.max(0, Math.min(1, score)) * (RELATIONSHIP_STYLES[0]!.width * 2 - 1);
}
