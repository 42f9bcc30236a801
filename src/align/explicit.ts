// Links stated outright. Interpretations (政策解读) say which national action a local action answers:
//   国家《行动计划》提出……实施新一轮农业转移人口市民化行动。对照国家要求，我市《实施方案》提出实施……行动
// and plans cite the national document they implement (为贯彻落实《…五年行动计划》/ 国发〔2024〕17号).
// Both become `explicit` links with the quoted sentence as evidence.
import type { AlignmentLink, Evidence } from '../model/alignment.js';
import type { PolicyDocument, Section } from '../model/document.js';
import { toSimplified } from '../parse/script.js';
import { end, makeLink, upperEnd } from './links.js';
import type { NationalIndex } from './national-index.js';

const NATIONAL_STATEMENT = /国家《[^》]*》[^。]*?提出[^。]*。?/g;
const LOCAL_STATEMENT =
  /(?:对照|对标|按照|落实)国家要求[，,]\s*我(?:市|省|区|州|盟)《[^》]*》提出([^。，,：:；;]*)/;
/** An explicit link names the national action by title, or by enough of its terms to tell it apart. */
const INFERRED_SCORE = 0.9;

/** Sentences of a text with their offsets. */
function sentences(text: string): { text: string; start: number }[] {
  const out: { text: string; start: number }[] = [];
  const re = /[^。！？\n]+[。！？]?/g;
  for (let m = re.exec(text); m; m = re.exec(text)) out.push({ text: m[0], start: m.index });
  return out;
}

function stripAction(title: string): string {
  return title.replace(/^(?:实施|开展|推进)/, '').replace(/行动$/, '');
}

/** The section of `plan` an interpretation section talks about, by the action name it quotes. */
function planSectionFor(named: string, plan: PolicyDocument | null): Section | null {
  if (!plan || !named) return null;
  const core = stripAction(named);
  return (
    plan.sections.find(
      (s) => s.kind === 'action' && core.length >= 4 && stripAction(s.titleSimplified).includes(core),
    ) ?? null
  );
}

/**
 * Explicit section links from an interpretation. `plan` is the plan it interprets when known: links then
 * start at the plan's own action; otherwise at the interpretation's section.
 */
export function explicitSectionLinks(
  interpretation: PolicyDocument,
  plan: PolicyDocument | null,
  index: NationalIndex,
): AlignmentLink[] {
  const links: AlignmentLink[] = [];
  const nationalActions = index.sections.filter((s) => s.kind === 'action');
  for (const section of interpretation.sections) {
    const text = section.textSimplified;
    const national = [...text.matchAll(NATIONAL_STATEMENT)];
    const local = LOCAL_STATEMENT.exec(text);
    if (national.length === 0 || !local) continue;
    const statement = national[0]!;
    const quoteStart = statement.index;
    const quoteEnd = local.index + local[0].length;

    // Which national action: named by title, else the one whose terms the statement uses most.
    let target: Section | null = null;
    let score = 1;
    let to: Evidence['to'] = null;
    const namedAt = nationalActions
      .map((a) => ({ a, at: statement[0].indexOf(stripAction(a.titleSimplified)) }))
      .find((x) => x.at >= 0);
    if (namedAt) {
      target = namedAt.a;
      const at = namedAt.a.textSimplified.indexOf(stripAction(namedAt.a.titleSimplified));
      to = at >= 0 ? { start: at, end: at + stripAction(namedAt.a.titleSimplified).length } : null;
    } else {
      const ranked = rankActions(statement[0], nationalActions, index);
      const [best, second] = ranked;
      if (!best || best.mass === 0 || (second && second.mass >= best.mass * 0.75)) continue;
      target = best.action;
      score = INFERRED_SCORE;
    }

    const named = local[1]!.trim();
    const planSection =
      planSectionFor(named, plan) ??
      planSectionFor(section.titleSimplified.replace(/^.*在|方面.*$/g, ''), plan);
    const from = planSection ?? section;
    const fromDoc = planSection ? plan! : interpretation;
    const quote = section.text.slice(quoteStart, quoteEnd);
    links.push(
      makeLink(end(from), fromDoc.id, upperEnd(target, index.document), score, 'explicit', [
        {
          kind: 'statement',
          text: quote,
          weight: null,
          from: { start: quoteStart, end: quoteEnd },
          to,
          source: { id: section.id, file: interpretation.file, line: section.line },
        },
      ]),
    );
  }
  return links;
}

function rankActions(statement: string, actions: Section[], index: NationalIndex) {
  const features = index.features(statement);
  return actions
    .map((action) => {
      const tasks = index.tasks.filter((t) => t.section.id === action.id);
      const own = index.features(`${action.titleSimplified}。${action.textSimplified}`);
      let mass = 0;
      for (const c of features.concepts.keys())
        if (own.concepts.has(c) || tasks.some((t) => t.concepts.has(c))) mass += 1;
      return { action, mass };
    })
    .sort((a, b) => b.mass - a.mass);
}

/** A plan that cites the national document (its number or its title) implements it: an explicit plan link. */
export function citationLink(plan: PolicyDocument, national: PolicyDocument): AlignmentLink | null {
  const preamble = toSimplified(plan.preamble);
  // The number, or the title as a quoted document name (a bare title also occurs inside the local plan's
  // own title, 《上海市深入实施…五年行动计划的实施方案》, which cites nothing).
  const needles = [
    national.docNumber,
    `《${national.titleSimplified}》`,
    `〈${national.titleSimplified}〉`,
  ].filter((x): x is string => !!x);
  for (const s of sentences(preamble)) {
    const hit = needles.find((n) => s.text.includes(n));
    if (!hit) continue;
    const at = s.text.indexOf(hit);
    return makeLink(end(plan), plan.id, upperEnd(national, national), 1, 'explicit', [
      {
        kind: 'citation',
        text: s.text.trim(),
        weight: null,
        from: { start: s.start + at, end: s.start + at + hit.length },
        to: null,
        source: { id: plan.id, file: plan.file, line: 1 },
      },
    ]);
  }
  return null;
}
