// Government bodies named in a text, normalized to canonical full names within the document's
// jurisdiction (市发展改革委 in a Shanghai document → 上海市发展和改革委员会), with their role.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { z } from 'zod';
import type { AgencyRef, AgencyRole } from '../model/document.js';
import { dataDir } from '../paths.js';

const AgencyFile = z.object({
  national: z.record(z.string(), z.string()),
  departments: z.record(z.string(), z.string()),
});

let table:
  | { national: [string, string][]; departments: [string, string][]; pattern: RegExp; ends: RegExp | null }
  | undefined;

/** The endings of a coordinating body (its name is free, its ending is one of these). */
const BODY_ENDINGS = ['领导小组', '联席会议', '工作专班'];

function agencyTable() {
  if (!table) {
    const file = AgencyFile.parse(YAML.parse(readFileSync(path.join(dataDir, 'agencies.yaml'), 'utf8')));
    const byLength = (a: [string, string], b: [string, string]) => b[0].length - a[0].length;
    const national = Object.entries(file.national).sort(byLength);
    const departments = Object.entries(file.departments).sort(byLength);
    const alternatives = [...national.map(([k]) => k), ...departments.map(([k]) => k)].sort(
      (a, b) => b.length - a.length,
    );
    // Coordinating bodies (领导小组, 联席会议) are recognized by their ending, whatever their name.
    const pattern = new RegExp(
      `([省市区县])?(${alternatives.join('|')})|((?:[省市区县]|国家)?[\\u4e00-\\u9fa5]{2,24}?(?:${BODY_ENDINGS.join('|')}))`,
      'g',
    );
    // Every match ends with the last character of a name in the table or of a body's ending (the names
    // are plain Han characters, so the pattern's alternatives are literal): a sentence holding none of
    // those characters holds no body, and the pattern need not run over it.
    const literal = alternatives.every((a) => /^[\u4e00-\u9fa5]+$/.test(a));
    const last = new Set([...alternatives, ...BODY_ENDINGS].map((a) => a[a.length - 1]!));
    const ends = literal ? new RegExp(`[${[...last].join('')}]`) : null;
    table = { national, departments, pattern, ends };
  }
  return table;
}

export interface AgencyContext {
  /** Full name of the document's jurisdiction (上海市, 浙江省), or null for national documents. */
  jurisdiction: string | null;
}

export const agencyId = (name: string) => `agency:${name}`;

/** Canonical full name of a body as a text writes it, or null when it is not a known body. */
export function canonicalAgency(mention: string, ctx: AgencyContext): string | null {
  const t = agencyTable();
  const national = t.national.find(([k]) => k === mention);
  if (national) return national[1];
  if (/领导小组|联席会议|工作专班$/.test(mention)) {
    return ctx.jurisdiction && /^[省市区县]/.test(mention)
      ? `${ctx.jurisdiction}${mention.slice(1)}`
      : mention;
  }
  const m = /^([省市区县])?(.+)$/.exec(mention)!;
  const dept = t.departments.find(([k]) => k === m[2]);
  if (!dept) return null;
  if (!ctx.jurisdiction) return m[1] ? null : dept[1];
  return `${ctx.jurisdiction}${dept[1]}`;
}

/**
 * Bodies named in a text. The role comes from the sentence: drafting verbs (制定, 起草, 编制) make
 * drafters, 领导小组/联席会议 and 统筹/协调 make coordinators, otherwise `responsible`.
 */
export function extractAgencies(
  text: string,
  ctx: AgencyContext,
  defaultRole: AgencyRole = 'responsible',
): AgencyRef[] {
  const out = new Map<string, AgencyRef>();
  const { ends } = agencyTable();
  for (const sentence of text.split(/(?<=[。；;\n])/)) {
    if (ends && !ends.test(sentence)) continue;
    for (const m of sentence.matchAll(agencyTable().pattern)) {
      // A body's name never starts with the verb or preposition that introduces it (在…领导小组领导下).
      const mention = m[0].replace(/^(?:在|由|经|发挥|依托|成立|建立|健全|完善|通过|按照)+/, '');
      // 我市发展改革委 / 市政府各委: a bare department only counts after a jurisdiction or in a list.
      const prev = sentence.slice(Math.max(0, m.index - 1), m.index);
      if (!m[1] && !m[3] && !agencyTable().national.some(([k]) => k === mention) && !/[、我本各]/.test(prev))
        continue;
      const name = canonicalAgency(mention, ctx);
      if (!name) continue;
      // A body that 印发 (issues) something in the sentence is cited, not drafting this text.
      const issues = /^[^，。]{0,4}印发/.test(sentence.slice(m.index + m[0].length));
      const role: AgencyRole = /领导小组|联席会议|工作专班/.test(mention)
        ? 'coordinator'
        : /制定|起草|编制/.test(sentence) && !issues
          ? 'drafter'
          : defaultRole;
      if (issues && role === defaultRole && defaultRole === 'responsible') continue;
      if (!out.has(name)) out.set(name, { id: agencyId(name), name, mention, role });
    }
  }
  return [...out.values()];
}
