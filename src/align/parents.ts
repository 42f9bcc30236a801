// Which plan a plan implements (its parent one level up). In order:
//   1. the plan it cites — full or short title in 《》, or document number — when that plan is known
//      (in the batch or the graph) and stands above it;
//   2. else the nearest plan further up the administrative ladder (gazetteer) that implements the same
//      national plan;
//   3. else the national plan it cites, or the default national plan.
// Pure: the pipeline gathers the candidates (PlanRef) from the batch and the graph.
import type { DocumentLevel, PolicyDocument } from '../model/document.js';
import type { Evidence } from '../model/alignment.js';
import { toSimplified } from '../parse/script.js';
import { gazetteer } from '../reference/gazetteer.js';
import { remark } from './links.js';

/** What parent resolution needs of a plan: who it is, where, and what it cites. */
export interface PlanRef {
  id: string;
  title: string;
  docNumber: string | null;
  level: DocumentLevel;
  regionCode: string | null;
  region: string | null;
  issuedOn: string | null;
  cites: Citation[];
}

/** A document name or number quoted in a plan's preamble, with the sentence it stands in. */
export interface Citation {
  /** The quoted name without 《》, or a document number in canonical brackets. */
  name: string;
  kind: 'title' | 'docNumber';
  sentence: string;
  /** Offsets of `name` in the preamble (Simplified). */
  start: number;
  end: number;
}

export interface ParentChoice {
  plan: string;
  parent: PlanRef;
  /** explicit: the plan cites its parent; derived: inferred from the administrative ladder or the default. */
  method: 'explicit' | 'derived';
  evidence: Evidence[];
  /** The national plan at the top of the chain. */
  national: string;
  /** The plan cites a plan that is not known (not loaded): its name, so loading it later re-links. */
  missing: string | null;
}

export const LEVEL_RANK: Record<DocumentLevel, number> = {
  national: 0,
  provincial: 1,
  municipal: 2,
  county: 3,
};

const DOC_NUMBER = /([\u4e00-\u9fa5]{1,12})\s*[〔[［【（(]\s*(\d{4})\s*[〕\]］】）)]\s*(\d{1,4})\s*号/g;

/** The plan's citations: every 《name》 and document number in its preamble. */
export function citationsOf(
  doc: Pick<PolicyDocument, 'preamble' | 'titleSimplified' | 'docNumber'>,
): Citation[] {
  const text = toSimplified(doc.preamble);
  const out: Citation[] = [];
  const sentenceAt = (at: number) => {
    let s = at;
    while (s > 0 && !/[。！？\n]/.test(text[s - 1]!)) s--;
    let e = at;
    while (e < text.length && !/[。！？\n]/.test(text[e]!)) e++;
    return text.slice(s, Math.min(text.length, e + 1)).trim();
  };
  for (const m of text.matchAll(/[《〈]([^》〉]{2,80})[》〉]/g)) {
    const name = m[1]!;
    if (normalizeTitle(name) === normalizeTitle(doc.titleSimplified)) continue; // its own title
    const start = m.index + 1;
    out.push({ name, kind: 'title', sentence: sentenceAt(m.index), start, end: start + name.length });
  }
  for (const m of text.matchAll(DOC_NUMBER)) {
    const name = `${m[1]}〔${m[2]}〕${m[3]}号`;
    if (name === doc.docNumber) continue;
    out.push({
      name,
      kind: 'docNumber',
      sentence: sentenceAt(m.index),
      start: m.index,
      end: m.index + m[0].length,
    });
  }
  return out;
}

export function planRef(doc: PolicyDocument): PlanRef {
  return {
    id: doc.id,
    title: doc.titleSimplified,
    docNumber: doc.docNumber,
    level: doc.level,
    regionCode: doc.regionCode,
    region: doc.region,
    issuedOn: doc.issuedOn,
    cites: citationsOf(doc),
  };
}

/** Titles compared without spaces, dash and bracket variants, the period in brackets and the genre prefix. */
export function normalizeTitle(title: string): string {
  return toSimplified(title)
    .replace(/[\s《》〈〉“”"]/g, '')
    .replace(/[—–－―-]+/g, '-')
    .replace(/[（(]/g, '(')
    .replace(/[）)]/g, ')')
    .replace(/^关于印发/, '')
    .replace(/的通知$/, '');
}

const withoutPeriod = (t: string) => t.replace(/\(\d{4}-\d{4}年?\)|\(\d{4}年?-\d{4}年\)/g, '');

function pairs(s: string): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i + 1 < s.length; i++) out.add(s.slice(i, i + 2));
  return out;
}

function dice(a: string, b: string): number {
  const pa = pairs(a);
  const pb = pairs(b);
  if (pa.size === 0 || pb.size === 0) return 0;
  let shared = 0;
  for (const p of pa) if (pb.has(p)) shared++;
  return (2 * shared) / (pa.size + pb.size);
}

/** 《省实施方案》 in a city plan means its province's: expand the relative prefix with the region's name. */
function expandRelative(name: string, citing: PlanRef): string {
  const g = gazetteer();
  const own = citing.regionCode ? g.get(citing.regionCode) : undefined;
  if (!own) return name;
  const province = g.provinceOf(own.id);
  const city = own.kind === 'county' ? g.get(own.parents[0] ?? '') : own.kind === 'city' ? own : undefined;
  if (/^省/.test(name) && province) return province.name + name.slice(1);
  if (/^(?:全省|我省|本省)/.test(name) && province) return province.name + name.slice(2);
  if (/^市/.test(name) && city) return city.name + name.slice(1);
  if (/^(?:全市|我市|本市)/.test(name) && city) return city.name + name.slice(2);
  return name;
}

/** How well a citation names a candidate plan: 1 for its number or exact title, else title similarity. */
export function citationScore(c: Citation, citing: PlanRef, candidate: PlanRef): number {
  // The number's prefix may run into the sentence before it (贯彻落实鄂政发〔2024〕19号): compare the end.
  if (c.kind === 'docNumber') return candidate.docNumber && c.name.endsWith(candidate.docNumber) ? 1 : 0;
  const quoted = normalizeTitle(expandRelative(c.name, citing));
  const title = normalizeTitle(candidate.title);
  if (quoted === title) return 1;
  // A short title must still name the candidate's region (or be relative to it, expanded above).
  const g = gazetteer();
  const region = candidate.regionCode ? g.get(candidate.regionCode) : undefined;
  const names = region ? [region.name, region.name.replace(/(省|市|自治区|县|区)$/, '')] : [];
  if (candidate.level !== 'national' && !names.some((n) => n.length >= 2 && quoted.includes(n))) return 0;
  return dice(withoutPeriod(quoted), withoutPeriod(title));
}

/** A short title counts when its character pairs overlap the candidate's title this much. */
export const CITATION_THRESHOLD = 0.5;

function bestCited(
  plan: PlanRef,
  candidates: PlanRef[],
): { ref: PlanRef; citation: Citation; score: number } | null {
  let best: { ref: PlanRef; citation: Citation; score: number } | null = null;
  for (const c of plan.cites)
    for (const ref of candidates) {
      if (ref.id === plan.id || LEVEL_RANK[ref.level] >= LEVEL_RANK[plan.level]) continue;
      const score = citationScore(c, plan, ref);
      if (
        score >= CITATION_THRESHOLD &&
        (!best ||
          score > best.score ||
          (score === best.score && LEVEL_RANK[ref.level] > LEVEL_RANK[best.ref.level]))
      )
        best = { ref, citation: c, score };
    }
  return best;
}

function citationEvidence(plan: PlanRef, c: Citation): Evidence {
  return {
    kind: 'citation',
    text: c.sentence,
    weight: null,
    from: { start: c.start, end: c.end },
    to: null,
    source: { id: plan.id, file: '', line: 1 },
  };
}

/**
 * Parents of every local plan, resolved top-down (a city's national plan is its province's). `locals` are
 * the plans (not interpretations) of the batch and the graph; `nationals` the national plans known;
 * `defaultNational` the one a plan that cites none implements.
 */
export function resolveParents(
  locals: PlanRef[],
  nationals: PlanRef[],
  defaultNational: string,
): Map<string, ParentChoice> {
  const g = gazetteer();
  const byId = new Map([...locals, ...nationals].map((r) => [r.id, r]));
  const out = new Map<string, ParentChoice>();
  const nationalOf = (id: string) =>
    out.get(id)?.national ?? (nationals.some((n) => n.id === id) ? id : defaultNational);
  const sorted = [...locals].sort(
    (a, b) => LEVEL_RANK[a.level] - LEVEL_RANK[b.level] || a.id.localeCompare(b.id),
  );
  for (const plan of sorted) {
    const citedNational = bestCited(plan, nationals);
    const cited = bestCited(
      plan,
      locals.filter((l) => LEVEL_RANK[l.level] < LEVEL_RANK[plan.level]),
    );
    if (cited) {
      out.set(plan.id, {
        plan: plan.id,
        parent: cited.ref,
        method: 'explicit',
        evidence: [citationEvidence(plan, cited.citation)],
        national: nationalOf(cited.ref.id),
        missing: null,
      });
      continue;
    }
    const national = citedNational?.ref.id ?? defaultNational;
    // Cites a plan above it that is not known: say so (loading it later re-links this plan).
    const missing =
      plan.cites.find(
        (c) =>
          c.kind === 'title' &&
          !nationals.some((n) => citationScore(c, plan, n) >= CITATION_THRESHOLD) &&
          /实施方案|行动方案|方案|规划|计划|意见/.test(c.name) &&
          c.sentence.match(/贯彻|落实|根据|按照|依据/),
      )?.name ?? null;
    // The nearest plan up the administrative ladder that implements the same national plan.
    let up = plan.regionCode ? g.get(plan.regionCode) : undefined;
    let ladder: PlanRef | null = null;
    while (up && up.parents[0] && !ladder) {
      up = g.get(up.parents[0]);
      if (!up) break;
      const here = up.id;
      ladder =
        sorted
          .filter((l) => l.regionCode === here && LEVEL_RANK[l.level] < LEVEL_RANK[plan.level])
          .filter((l) => out.get(l.id)?.national === national)
          .sort(
            (a, b) => (b.issuedOn ?? '').localeCompare(a.issuedOn ?? '') || a.id.localeCompare(b.id),
          )[0] ?? null;
    }
    if (ladder) {
      out.set(plan.id, {
        plan: plan.id,
        parent: ladder,
        method: 'derived',
        evidence: [
          remark(
            'note',
            `${ladder.region ?? ladder.id} is the nearest level up with a plan implementing ${national}; the plan cites no plan above it${missing ? ` that is loaded (it cites 《${missing}》)` : ''}`,
          ),
        ],
        national,
        missing,
      });
      continue;
    }
    const top = byId.get(national) ?? {
      id: national,
      title: national,
      docNumber: null,
      level: 'national' as const,
      regionCode: null,
      region: null,
      issuedOn: null,
      cites: [],
    };
    out.set(plan.id, {
      plan: plan.id,
      parent: top,
      method: citedNational ? 'explicit' : 'derived',
      evidence: citedNational
        ? [citationEvidence(plan, citedNational.citation)]
        : [
            remark(
              'note',
              missing
                ? `cites 《${missing}》, which is not loaded: linked to the national plan until it is`
                : 'cites no plan: linked to the national plan',
            ),
          ],
      national,
      missing,
    });
  }
  return out;
}
