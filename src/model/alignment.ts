// The alignment model: IMPLEMENTS links from local provisions to the national plan, with the evidence
// that justifies each. Defined once here; the CLI prints it, the graph stores it, the API serves it.
//
// Offsets in evidence are character offsets into the `text` of the linked provision (which has the same
// length in both scripts), so a reader can highlight the exact words behind a link on either side.
import { z } from 'zod';
import { DocumentLevel } from './document.js';

export const AlignmentMethod = z.enum([
  /** Computed from the two texts: shared policy terms, words and character pairs. */
  'lexical',
  /** A section or plan link computed from its measures' links. */
  'derived',
  /** Stated outright: an interpretation (对照国家要求…) or a plan citing the national document. */
  'explicit',
  /** From the hand-curated links file (data/curated-links.yaml); off with --no-curated. */
  'curated',
  /** Added by an analyst through the API. */
  'analyst',
]);

export const TextRange = z.object({ start: z.number().int().min(0), end: z.number().int().min(0) });

export const Evidence = z.object({
  kind: z.enum(['term', 'word', 'title', 'structure', 'statement', 'citation', 'measures', 'note']),
  /** The matching term, phrase or quoted sentence (Simplified script for terms). */
  text: z.string(),
  /** The share of the score this piece contributes, when it is additive. */
  weight: z.number().min(0).nullable(),
  /** Where it is in the local text, and where its counterpart is in the national text (null: not a span). */
  from: TextRange.nullable(),
  to: TextRange.nullable(),
  /** For statements: the provision (or document) the quote comes from, and its line in the source file. */
  source: z.object({ id: z.string(), file: z.string(), line: z.number().int().min(1) }).nullable(),
});

export const AlignmentLink = z.object({
  from: z.string(),
  fromTitle: z.string(),
  fromPlan: z.string(),
  to: z.string(),
  toTitle: z.string(),
  /** The plan `to` belongs to, and its level: the parent plan one level up, or the national plan. */
  toPlan: z.string(),
  toLevel: DocumentLevel,
  score: z.number().min(0).max(1),
  method: AlignmentMethod,
  /** 1 = the best national counterpart of `from`. */
  rank: z.number().int().min(1),
  evidence: z.array(Evidence),
});

export const Candidate = z.object({
  to: z.string(),
  toTitle: z.string(),
  score: z.number().min(0).max(1),
  evidence: z.array(Evidence),
});

export const Unaligned = z.object({
  id: z.string(),
  title: z.string(),
  plan: z.string(),
  /** The best national tasks that did not clear the threshold, so a reader can judge the gap. */
  candidates: z.array(Candidate),
});

export const AlignmentResult = z.object({
  national: z.string(),
  links: z.array(AlignmentLink),
  sectionLinks: z.array(AlignmentLink),
  planLinks: z.array(AlignmentLink),
  unaligned: z.array(Unaligned),
});

/** Where a plan stands in the cascade: the plan it implements one level up, and the national plan above all. */
export const PlanPlacement = z.object({
  plan: z.string(),
  title: z.string(),
  level: DocumentLevel,
  parent: z.string(),
  parentLevel: DocumentLevel,
  national: z.string(),
  /** explicit: the plan cites its parent; derived: from the administrative ladder, or the default. */
  method: z.enum(['explicit', 'derived']),
  evidence: z.array(Evidence),
  /** A plan above it that the plan cites but that is not loaded (loading it re-links this plan). */
  missing: z.string().nullable(),
});

/**
 * Alignment of plans at every level: measure, section and plan links each to the level above (toPlan,
 * toLevel), national links of measures with no counterpart one level up, and each plan's placement.
 */
export const CascadeResult = z.object({
  nationals: z.array(z.string()),
  plans: z.array(PlanPlacement),
  links: z.array(AlignmentLink),
  sectionLinks: z.array(AlignmentLink),
  planLinks: z.array(AlignmentLink),
  unaligned: z.array(Unaligned),
});

export type AlignmentMethod = z.infer<typeof AlignmentMethod>;
export type Evidence = z.infer<typeof Evidence>;
export type AlignmentLink = z.infer<typeof AlignmentLink>;
export type Candidate = z.infer<typeof Candidate>;
export type Unaligned = z.infer<typeof Unaligned>;
export type AlignmentResult = z.infer<typeof AlignmentResult>;
export type PlanPlacement = z.infer<typeof PlanPlacement>;
export type CascadeResult = z.infer<typeof CascadeResult>;
