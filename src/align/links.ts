// Building alignment links and span-less evidence: one shape for every kind of link the aligner makes.
import type { AlignmentLink, AlignmentMethod, Evidence } from '../model/alignment.js';
import type { DocumentLevel } from '../model/document.js';
import { round } from './national-index.js';

/** Either end of a link: its id and its caption (Simplified title). */
export interface LinkEnd {
  id: string;
  title: string;
}

/** The upper end of a link also names its plan and that plan's level. */
export interface UpperEnd extends LinkEnd {
  plan: string;
  level: DocumentLevel;
}

export const end = (x: { id: string; titleSimplified: string }): LinkEnd => ({
  id: x.id,
  title: x.titleSimplified,
});

export const upperEnd = (
  x: { id: string; titleSimplified: string },
  doc: { id: string; level: DocumentLevel },
): UpperEnd => ({ ...end(x), plan: doc.id, level: doc.level });

export function makeLink(
  from: LinkEnd,
  fromPlan: string,
  to: UpperEnd,
  score: number,
  method: AlignmentMethod,
  evidence: Evidence[],
  rank = 1,
): AlignmentLink {
  return {
    from: from.id,
    fromTitle: from.title,
    fromPlan,
    to: to.id,
    toTitle: to.title,
    toPlan: to.plan,
    toLevel: to.level,
    score: round(score),
    method,
    rank,
    evidence,
  };
}

/** Evidence that is not a span of either text (a count, a note, the structure prior). */
export function remark(kind: Evidence['kind'], text: string, weight: number | null = null): Evidence {
  return { kind, text, weight: weight === null ? null : round(weight), from: null, to: null, source: null };
}
