// Labelled alignment data, read into one shape for fitting and evaluation:
//   - the seeds fixture (tests/fixtures/alignment-gold.yaml: in-sample, used for fitting);
//   - the provincial corpus (tests/fixtures/corpus/labels/provincial.yaml: documents split into tuning
//     and heldout, measure → national tasks, explicit statements, section → national sections);
//   - the provincial plans of the cascade corpus (labels/cascade.yaml), whose `national` labels are
//     measure → national task labels too, with their own split.
// Only `tuning` (and the seeds) may be used to fit or tune; `heldout` is for the final figures.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { readGold } from './evaluate.js';

export type Split = 'seeds' | 'tuning' | 'heldout';

export interface LabelledDocument {
  file: string;
  id: string;
  split: Split;
}

export interface MeasureLabel {
  /** National task ids, primary first; [] = no counterpart. */
  tasks: string[];
  split: Split;
  document: string;
}

export interface ExplicitLabel {
  /** The document the statement is in: an interpretation, or the plan itself (为落实国家…行动，…). */
  interpretation: string;
  line: number;
  text: string;
  /** Local action or measure id. */
  local: string;
  /** National action id. */
  national: string;
  split: Split;
}

export interface Labels {
  documents: LabelledDocument[];
  measures: Map<string, MeasureLabel>;
  sections: Map<string, { national: string[]; split: Split }>;
  explicit: ExplicitLabel[];
}

/** A labelled statement of correspondence: where it stands and what it links. */
const statement = {
  line: z.number().int(),
  text: z.string(),
  local: z.string(),
  national: z.string(),
};

const ProvincialFile = z.object({
  documents: z.array(z.object({ file: z.string(), id: z.string(), split: z.enum(['tuning', 'heldout']) })),
  measures: z
    .array(z.object({ id: z.string(), tasks: z.array(z.string()).default([]) }))
    .nullish()
    .transform((x) => x ?? []),
  explicit: z
    .array(z.object({ interpretation: z.string(), ...statement }))
    .nullish()
    .transform((x) => x ?? []),
  sections: z
    .array(
      z.object({
        id: z.string(),
        national: z
          .array(z.string())
          .nullish()
          .transform((x) => x ?? []),
      }),
    )
    .nullish()
    .transform((x) => x ?? []),
  /** Statements inside a plan (为落实国家…行动，…) naming the national action a section answers. */
  explicit_in_plans: z
    .array(z.object({ document: z.string(), ...statement }))
    .nullish()
    .transform((x) => x ?? []),
});

const CascadeFile = z.object({
  documents: z.array(
    z.object({
      file: z.string(),
      id: z.string(),
      level: z.string().optional(),
      parent: z.string().nullish(),
      split: z.enum(['tuning', 'heldout']),
    }),
  ),
  measures: z
    .array(z.object({ id: z.string(), national: z.array(z.string()).nullish() }).loose())
    .nullish()
    .transform((x) => x ?? []),
});

export interface LabelSources {
  seedsGold?: string | null;
  /** Provincial label files (each with its own documents and splits). */
  provincial?: string[] | null;
  cascade?: string | null;
  /** National plan id the cascade's provincial documents must point to (others are not national labels). */
  national?: string;
}

/** The provincial label files of a folder (provincial.yaml, provincial-2.yaml, …), in set order. */
function provincialLabelFiles(dir: string): string[] {
  const set = (name: string) => Number(/^provincial-(\d+)\.yaml$/.exec(name)?.[1] ?? 1);
  return (existsSync(dir) ? readdirSync(dir) : [])
    .filter((name) => /^provincial(?:-\d+)?\.yaml$/.test(name))
    .sort((a, b) => set(a) - set(b))
    .map((name) => path.join(dir, name));
}

export const defaultLabelSources = (root: string): Required<LabelSources> => ({
  seedsGold: path.join(root, 'tests/fixtures/alignment-gold.yaml'),
  provincial: provincialLabelFiles(path.join(root, 'tests/fixtures/corpus/labels')),
  cascade: path.join(root, 'tests/fixtures/corpus/labels/cascade.yaml'),
  national: '国发-2024-17',
});

const SEED_FILES: Record<string, string> = {
  '沪府发-2024-12': 'seeds/000_c51c4008d2d0f852.txt',
  'doc-003-ec6a7881f5664fda': 'seeds/003_ec6a7881f5664fda.txt',
};
const SEED_INTERPRETATION = 'seeds/001_cfc62b0174b6011a.txt';

export function readLabels(root: string, sources: LabelSources = defaultLabelSources(root)): Labels {
  const labels: Labels = { documents: [], measures: new Map(), sections: new Map(), explicit: [] };
  const national = sources.national ?? '国发-2024-17';

  if (sources.seedsGold && existsSync(sources.seedsGold)) {
    const gold = readGold(sources.seedsGold);
    const full = (id: string) => `${gold.national}/${id}`;
    for (const [id, file] of Object.entries(SEED_FILES))
      labels.documents.push({ file: path.join(root, file), id, split: 'seeds' });
    labels.documents.push({
      file: path.join(root, SEED_INTERPRETATION),
      id: 'seeds-interpretation',
      split: 'seeds',
    });
    for (const [id, g] of Object.entries(gold.measures))
      labels.measures.set(id, {
        tasks: [g.primary, ...g.also].filter((x): x is string => !!x).map(full),
        split: 'seeds',
        document: id.split('/')[0]!,
      });
    for (const [id, g] of Object.entries(gold.sections))
      labels.sections.set(id, { national: g ? [full(g)] : [], split: 'seeds' });
  }

  const corpusRoot = (file: string) => path.resolve(path.dirname(file), '..');
  for (const file of (sources.provincial ?? []).filter((f) => existsSync(f))) {
    const p = ProvincialFile.parse(parse(readFileSync(file, 'utf8')));
    const base = corpusRoot(file);
    const splitOf = new Map(p.documents.map((d) => [d.id, d.split]));
    for (const d of p.documents)
      labels.documents.push({ file: path.join(base, d.file), id: d.id, split: d.split });
    for (const m of p.measures) {
      const doc = m.id.split('/')[0]!;
      const split = splitOf.get(doc);
      if (split) labels.measures.set(m.id, { tasks: m.tasks, split, document: doc });
    }
    for (const s of p.sections) {
      const split = splitOf.get(s.id.split('/')[0]!);
      if (split) labels.sections.set(s.id, { national: s.national, split });
    }
    for (const e of p.explicit) {
      const split = splitOf.get(e.interpretation) ?? splitOf.get(e.local.split('/')[0]!);
      if (split) labels.explicit.push({ ...e, split });
    }
    for (const { document, ...e } of p.explicit_in_plans) {
      const split = splitOf.get(document);
      if (split) labels.explicit.push({ ...e, interpretation: document, split });
    }
  }

  if (sources.cascade && existsSync(sources.cascade)) {
    const c = CascadeFile.parse(parse(readFileSync(sources.cascade, 'utf8')));
    const base = corpusRoot(sources.cascade);
    // Only documents whose parent is the national plan give measure → national task labels here.
    const provincial = c.documents.filter((d) => d.parent === national);
    const splitOf = new Map(provincial.map((d) => [d.id, d.split]));
    for (const d of provincial)
      labels.documents.push({ file: path.join(base, d.file), id: d.id, split: d.split });
    for (const m of c.measures) {
      const doc = m.id.split('/')[0]!;
      const split = splitOf.get(doc);
      if (split && m.national) labels.measures.set(m.id, { tasks: m.national, split, document: doc });
    }
  }
  return labels;
}

/** The labels of some splits only. */
export function labelsOf(labels: Labels, splits: Split[]): Labels {
  const keep = new Set(splits);
  return {
    documents: labels.documents.filter((d) => keep.has(d.split)),
    measures: new Map([...labels.measures].filter(([, m]) => keep.has(m.split))),
    sections: new Map([...labels.sections].filter(([, s]) => keep.has(s.split))),
    explicit: labels.explicit.filter((e) => keep.has(e.split)),
  };
}
