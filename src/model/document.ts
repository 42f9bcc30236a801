// The document model: the one definition of what a parsed policy document is. Every type used by the
// pipeline is derived from these schemas with z.infer; the parser's output is validated against them.
//
// Offsets (`start`, `end`) are character offsets (UTF-16 code units, as JavaScript strings index them)
// into the decoded text of the source file; `line` is 1-based. `text` keeps the original script (it may
// be Traditional) with conversion debris removed; `textSimplified` is the same text in Simplified script,
// used for matching and search.
import { z } from 'zod';

export const DocumentKind = z.enum(['plan', 'interpretation', 'catalog']);
export const DocumentLevel = z.enum(['national', 'provincial', 'municipal', 'county']);
export const SectionKind = z.enum(['goals', 'action', 'safeguards', 'other']);
export const Confidence = z.enum(['H', 'M', 'L']);

/** The published file's format, as the reader stage (src/read) recognised it from its content. */
export const SourceFormat = z.enum(['text', 'markdown', 'yaml', 'pdf', 'docx', 'doc', 'html']);

/**
 * Where a line of the parsed text stands in the published file, beyond the text offsets: the page and
 * the line on that page for PDF, the paragraph (1-based, body paragraphs in document order) for Word, the
 * element (a CSS-like path) for HTML. `ocr` marks text read from a page image, not from a text layer.
 */
export const SourceLocation = z.object({
  page: z.number().int().min(1).nullable(),
  pageLine: z.number().int().min(1).nullable(),
  paragraph: z.number().int().min(1).nullable(),
  element: z.string().nullable(),
  ocr: z.boolean(),
});

/** Where a piece of text stands in its source file. */
export const Span = z.object({
  line: z.number().int().min(1),
  endLine: z.number().int().min(1),
  start: z.number().int().min(0),
  end: z.number().int().min(0),
});

export const Comparator = z.enum(['gte', 'lte', 'approx', 'eq', 'increase']);

/** A quantitative target or a dated milestone found in a text (filled by src/extract). */
export const Target = z.object({
  /** Canonical indicator name shared across plans (常住人口城镇化率). */
  indicator: z.string().min(1),
  /** Stable id of the indicator node (derived from the canonical name). */
  indicatorId: z.string().min(1),
  kind: z.enum(['quantitative', 'milestone']),
  value: z.number().nullable(),
  unit: z.string().nullable(),
  comparator: Comparator.nullable(),
  /** Deadline year (到2028年底 → 2028), or null when the text gives none. */
  year: z.number().int().nullable(),
  /** Rate targets: `year` for 每年/年均 amounts. */
  per: z.enum(['year']).nullable(),
  /** True for amounts summed over the period (五年累计). */
  cumulative: z.boolean(),
  /** The sentence span the target was read from, in Simplified script. */
  text: z.string(),
  /** Offsets of `text` within the owner's textSimplified. */
  offset: z.number().int().min(0),
});

/**
 * A dated obligation the text sets (各设区市要在2025年6月底前出台实施方案): what is due, by when, and who
 * must do it. When what is due is a lower-level plan, the graph tells whether it was issued on time.
 */
export const Obligation = z.object({
  /** The clause, in Simplified script, and its offset in the owner's textSimplified. */
  text: z.string(),
  offset: z.number().int().min(0),
  /** The due date (last day of the period named: 2025年底 → 2025-12-31, 上半年 → 06-30). */
  due: z.iso.date(),
  /** How the text states it (于2025年6月底前). */
  dueText: z.string(),
  /** Who must act, as written (各设区市, 各市（州）人民政府), or null when the clause names nobody. */
  subject: z.string().nullable(),
  /** What is due (出台实施方案, 制定落户细则, 完成改造). */
  what: z.string(),
  /** True when what is due is a plan of the obligated governments (实施方案, 行动方案 …). */
  planDue: z.boolean(),
  /** Level of the governments obliged (municipal, county), when the subject is a class of them. */
  obligedLevel: DocumentLevel.nullable(),
  /** Region ids (GB/T 2260) of the governments obliged: every member of the class, or those named. */
  obligedRegions: z.array(z.string()),
});

export const RegionRef = z.object({
  /** Region node id: GB/T 2260 code for administrative divisions, `fr:<slug>` for functional regions. */
  id: z.string().min(1),
  name: z.string().min(1),
  kind: z.enum(['province', 'city', 'county', 'functional']),
  /** How the text names it (沪, 杭甬, 全市 …). */
  mention: z.string(),
  /** `names` when the text names it, `covers` when implicit (全市, the plan's own region). */
  relation: z.enum(['names', 'covers']),
});

export const AgencyRole = z.enum(['issuer', 'drafter', 'coordinator', 'copied-to', 'responsible', 'printer']);
export const AgencyRef = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  mention: z.string(),
  role: AgencyRole,
});

/** A numbered sub-item inside a measure: (1)(2) or 1. 2. under （一）. */
export const Item = z.object({
  ordinal: z.number().int().min(1),
  label: z.string(),
  text: z.string(),
  line: z.number().int().min(1),
});

/** What sections and measures share: numbering, title and text in both scripts, and extractions. */
const Provision = Span.extend({
  /** Where the provision's first line stands in the published file (null for plain text and YAML). */
  location: SourceLocation.nullable(),
  /**
   * The line of the parsed text on which each paragraph of `text` (split at \n) begins, so that evidence
   * quoting a sentence inside the provision names that sentence's line. Stored in the graph with the
   * provision (empty for provisions of graphs loaded before it was).
   */
  paragraphLines: z.array(z.number().int().min(1)),
  id: z.string().min(1),
  ordinal: z.number().int().min(1),
  /** The numbering as printed: 二, （一）, (3), 2., 一是. */
  label: z.string(),
  title: z.string(),
  titleSimplified: z.string(),
  text: z.string(),
  textSimplified: z.string(),
  targets: z.array(Target),
  regions: z.array(RegionRef),
  agencies: z.array(AgencyRef),
  obligations: z.array(Obligation),
  /** Catalog entries only: how well the entry is attested, and its characteristic terms. */
  confidence: Confidence.nullable(),
  keywords: z.array(z.string()),
});

export const Measure = Provision.extend({
  items: z.array(Item),
});

export const Section = Provision.extend({
  kind: SectionKind,
  measures: z.array(Measure),
});

export const Period = z.object({
  start: z.number().int().nullable(),
  end: z.number().int().nullable(),
  text: z.string(),
});

export const PolicyDocument = z.object({
  id: z.string().min(1),
  file: z.string(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** The format of the published file this was read from. */
  format: SourceFormat,
  encoding: z.string(),
  script: z.enum(['simplified', 'traditional']),
  kind: DocumentKind,
  level: DocumentLevel,
  title: z.string().min(1),
  titleSimplified: z.string().min(1),
  region: z.string().nullable(),
  regionCode: z.string().nullable(),
  issuer: z.string().nullable(),
  docNumber: z.string().nullable(),
  issuedOn: z.iso.date().nullable(),
  /** The date the web page says it was published (发布日期), when read from one. */
  publishedOn: z.iso.date().nullable(),
  period: Period.nullable(),
  /** For interpretations: the id or title of the plan it explains, when it can be told. */
  interprets: z.string().nullable(),
  /** Text before the first section (notice, preface). */
  preamble: z.string(),
  /** The line on which each paragraph of the preamble (split at \n) begins, as for provisions. */
  preambleLines: z.array(z.number().int().min(1)),
  /** Lines of the distribution block (抄送…, …印发), kept out of the text but read for agencies. */
  trailer: z.array(z.string()),
  sections: z.array(Section),
  targets: z.array(Target),
  regions: z.array(RegionRef),
  agencies: z.array(AgencyRef),
  obligations: z.array(Obligation),
  /** Files the published page links to (PDF, Word attachments), as the page names them. */
  attachments: z.array(z.object({ title: z.string(), href: z.string() })),
  /** Things the parser noticed and repaired or skipped, with their line. */
  notes: z.array(z.object({ line: z.number().int().min(1), message: z.string() })),
});

export type DocumentKind = z.infer<typeof DocumentKind>;
export type DocumentLevel = z.infer<typeof DocumentLevel>;
export type SectionKind = z.infer<typeof SectionKind>;
export type Span = z.infer<typeof Span>;
export type SourceFormat = z.infer<typeof SourceFormat>;
export type SourceLocation = z.infer<typeof SourceLocation>;
export type Target = z.infer<typeof Target>;
export type Obligation = z.infer<typeof Obligation>;
export type RegionRef = z.infer<typeof RegionRef>;
export type AgencyRef = z.infer<typeof AgencyRef>;
export type AgencyRole = z.infer<typeof AgencyRole>;
export type Item = z.infer<typeof Item>;
export type Measure = z.infer<typeof Measure>;
export type Section = z.infer<typeof Section>;
export type PolicyDocument = z.infer<typeof PolicyDocument>;

/**
 * A document's extractions, reading notes and attachments, empty: for documents rebuilt or slimmed
 * without them (fresh arrays on every call, so no two documents share one).
 */
export const noExtractions = () => ({
  targets: [],
  regions: [],
  agencies: [],
  obligations: [],
  attachments: [],
  notes: [],
});
