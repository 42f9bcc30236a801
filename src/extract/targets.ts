// Quantitative targets and dated milestones in a (Simplified) text.
//
// A quantity is a number with its magnitude word and unit (12万张, 4000万平方米, 0.5个百分点). It is a
// target when it closes its clause (…1000公里。 …300个以上，) or follows a completion verb (完成2900公里…);
// a quantity in the middle of a noun phrase is a qualifier (城区常住人口200万以上的大城市, 12个街道) and is
// skipped, as are numbers inside quotation marks (“15分钟社区生活圈”). The indicator is the clause's phrase
// before the number (or after it, when the phrase before is only a verb), cleaned of scope words and
// comparators and mapped to a canonical name through data/indicators.yaml.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { z } from 'zod';
import type { Target } from '../model/document.js';
import { dataDir } from '../paths.js';

const UNITS = [
  '个百分点',
  '微克/立方米',
  '平方公里',
  '万平方米',
  '平方米',
  '公里',
  '千米',
  '百分点',
  '%',
  '％',
  '人次',
  '万人',
  '张',
  '个',
  '人',
  '亿元',
  '万元',
  '元',
  '家',
  '项',
  '所',
  '套',
  '座',
  '辆',
  '亩',
  '户',
  '条',
  '吨',
  '处',
  '间',
  '台',
  '千瓦',
  '倍',
];
const UNIT_ALIASES: Record<string, string> = { '％': '%', 千米: '公里', 百分点: '个百分点' };
const MAGNITUDE: Record<string, number> = { 万: 1e4, 亿: 1e8, 千: 1e3 };

const QUANTITY = new RegExp(
  `(\\d+(?:\\.\\d+)?)\\s*(万|亿|千)?\\s*(${UNITS.map((u) => u.replace(/[/%]/g, '\\$&')).join('|')})(以上|以下|左右|以内|及以上)?`,
  'g',
);
const YEAR = /(?:到|至|在|于)?(\d{4})年(?:底|末|前)?/g;
const COMPLETION_VERB = /(完成|新建|新增|建设|建成|改造|开工|实施|培育|筹集|筹措)$/;
const CLOSERS = /^(?:$|[，。；、,;：:）)]|达到|的目标)/;

const LEADING = [
  /^(?:并|和|及|以及|其中|同时)/,
  /^(?:到|至)\d{4}年(?:底|末)?/,
  /^力争(?:实现|达到)?/,
  /^(?:五年|三年|每年|年度)?累计/,
  /^(?:五年|三年)/,
  /^每年/,
  /^(?:全市|全省|全国|全区|我市|我省|城市的|城市)/,
  /^(?:全面|基本|初步)/,
  /^(?:建设筹措|筹措|改造完成|开工改造|完成|实现|新增|新建|建成(?!区)|建设|打造|培育|推动|确保)/,
];
const TRAILING =
  /(?:力争|稳步|持续|分别|均|总量|规模|达到|达|突破|超过|超|不少于|不低于|不高于|不超过|低于|控制在|保持在|保持|提高|提升至|提升到|提升|提高到|提高至|增长|增加|新增|接近|约为|约|为|至|到|实现)+$/;

const Indicators = z.array(z.object({ name: z.string(), aliases: z.array(z.string()) }));
let aliasTable: { alias: string; name: string }[] | undefined;

export function canonicalIndicator(phrase: string): string | null {
  aliasTable ??= Indicators.parse(YAML.parse(readFileSync(path.join(dataDir, 'indicators.yaml'), 'utf8')))
    .flatMap((i) => i.aliases.map((alias) => ({ alias, name: i.name })))
    .sort((a, b) => b.alias.length - a.alias.length);
  return aliasTable.find((a) => phrase.includes(a.alias))?.name ?? null;
}

export const indicatorId = (name: string) => `ind:${name}`;

export interface TargetContext {
  /** The plan's horizon, for targets that give no year of their own (五年累计, 每年, none). */
  periodEnd: number | null;
}

/** Offsets of characters inside “…” quotes, which never hold targets. */
function quotedRanges(text: string): [number, number][] {
  return [...text.matchAll(/[“"「『][^”"」』]{0,30}[”"」』]/g)].map((m) => [m.index, m.index + m[0].length]);
}

export function extractTargets(text: string, ctx: TargetContext): Target[] {
  const targets: Target[] = [];
  const quoted = quotedRanges(text);
  for (const sentence of sentences(text)) {
    const s = sentence.text;
    let lastIndicator: string | null = null;
    const found: Target[] = [];
    const years = [...s.matchAll(YEAR)].filter((m) => /到|至|在|于|底|末|前/.test(m[0]));
    const quantities = [...s.matchAll(QUANTITY)];
    const listed = parallelIndicators(s, quantities);

    quantities.forEach((q, qi) => {
      const at = q.index;
      const abs = sentence.offset + at;
      if (quoted.some(([a, b]) => abs >= a && abs < b)) return;
      if (/\d$/.test(s.slice(0, at)) || /^(?:年|号|月|日)/.test(s.slice(at + q[0].length))) return;
      const after = s.slice(at + q[0].length);
      const clauseStart = afterLastBreak(s, at, CLAUSE_BREAKS);
      const before = s.slice(clauseStart, at);
      if (!CLOSERS.test(after) && !COMPLETION_VERB.test(before)) return;

      const [, num, mag, unitRaw, suffix] = q;
      const unit = UNIT_ALIASES[unitRaw!] ?? unitRaw!;
      const value = round(Number(num) * (mag ? MAGNITUDE[mag]! : 1));
      const clause = s.slice(clauseStart, at + q[0].length);

      const afterClause = after.split(/[，。；、,;]/)[0] ?? '';
      let phrase = cleanPhrase(before);
      if (!phrase && COMPLETION_VERB.test(before)) phrase = cleanPhrase(afterClause);
      // The raw clause first (新增轨道交通里程 is not 轨道交通运营里程), then the cleaned phrase; a clause
      // that goes on (…64%达到海绵城市建设要求) names its quantity after the number too.
      const lookup = /^达到/.test(after) ? `${before}${afterClause}` : before;
      const indicatorName =
        listed?.[qi] ?? canonicalIndicator(lookup) ?? canonicalIndicator(phrase) ?? (phrase || lastIndicator);
      if (!indicatorName) return;
      lastIndicator = indicatorName;

      const yearMatch = years.filter((y) => y.index < at).pop() ?? years.find((y) => y.index > at);
      // 每年/累计 count within the comma-delimited segment (a 、 list shares them).
      const segment = s.slice(afterLastBreak(s, at, SEGMENT_BREAKS), at);
      const perYear = /每年|年均(?:提高|增长|新增|增加|提升)/.test(segment);
      const cumulative = /累计/.test(segment);
      const withinYears = /在?\d+年内/.test(s);
      const year = yearMatch ? Number(yearMatch[1]) : withinYears ? null : ctx.periodEnd;

      found.push({
        indicator: indicatorName,
        indicatorId: indicatorId(indicatorName),
        kind: 'quantitative',
        value,
        unit,
        comparator:
          listed && qi > 0
            ? (found[found.length - 1]?.comparator ?? null)
            : comparatorOf(before, suffix ?? null),
        year,
        per: perYear ? 'year' : null,
        cumulative,
        text: clause,
        offset: sentence.offset + clauseStart,
      });
    });

    // Dated milestones without a number: 到2025年底，全面完成…改造.
    for (const m of s.matchAll(
      /到(\d{4})年(?:底|末)?[，,]?((?:全面|基本|初步)?(?:完成|启动|实现|建成)[^，。；;]+)/g,
    )) {
      const clauseEnd = m.index + m[0].length;
      if (found.some((t) => t.offset - sentence.offset >= m.index && t.offset - sentence.offset < clauseEnd))
        continue;
      const name = m[2]!.replace(/^(?:全面|基本|初步)?(?:完成|启动|实现|建成)/, '').replace(/工作$/, '');
      found.push({
        indicator: name,
        indicatorId: indicatorId(name),
        kind: 'milestone',
        value: null,
        unit: null,
        comparator: null,
        year: Number(m[1]),
        per: null,
        cumulative: false,
        text: m[0],
        offset: sentence.offset + m.index,
      });
    }
    targets.push(...found.sort((a, b) => a.offset - b.offset));
  }
  return targets;
}

/** Clauses end at any of these; 每年/累计 scope over a comma segment, which a 、 list does not end. */
const CLAUSE_BREAKS = ['，', '；', ',', ';', '：', '、', '。'];
const SEGMENT_BREAKS = ['，', '；', ',', ';', '。'];

/** Index just after the last break before `at` (0 when there is none). */
function afterLastBreak(s: string, at: number, breaks: string[]): number {
  return Math.max(...breaks.map((p) => s.lastIndexOf(p, at - 1))) + 1;
}

function sentences(text: string): { text: string; offset: number }[] {
  const out: { text: string; offset: number }[] = [];
  let start = 0;
  for (const m of text.matchAll(/[。；;\n]/g)) {
    out.push({ text: text.slice(start, m.index + 1), offset: start });
    start = m.index + 1;
  }
  if (start < text.length) out.push({ text: text.slice(start), offset: start });
  return out;
}

/** A、B…100万人、200万人: two indicators listed before two values, paired in order. */
function parallelIndicators(s: string, quantities: RegExpMatchArray[]): (string | null)[] | null {
  if (quantities.length < 2) return null;
  const first = quantities[0]!.index!;
  const joined = quantities.every(
    (q, i) => i === 0 || s.slice(quantities[i - 1]!.index! + quantities[i - 1]![0].length, q.index) === '、',
  );
  if (!joined) return null;
  const head = s.slice(0, first);
  const clause = head.slice(Math.max(head.lastIndexOf('，'), head.lastIndexOf('。')) + 1);
  const parts = clause.replace(/(?:五年|三年)?累计(?:新增|增加)?$|(?:新增|增加)$/, '').split('、');
  if (parts.length !== quantities.length) return null;
  return parts.map((p) => {
    const phrase = cleanPhrase(p);
    return canonicalIndicator(phrase) ?? (phrase || null);
  });
}

function cleanPhrase(raw: string): string {
  let p = raw.trim();
  for (let changed = true; changed;) {
    changed = false;
    for (const re of LEADING) {
      const next = p.replace(re, '');
      if (next !== p) {
        p = next;
        changed = true;
      }
    }
  }
  p = p.replace(TRAILING, '').replace(/(?:年均|每年)$/, '');
  return p.length >= 2 ? p : '';
}

function comparatorOf(before: string, suffix: string | null): Target['comparator'] {
  if (suffix === '以上' || suffix === '及以上') return 'gte';
  if (suffix === '以下' || suffix === '以内') return 'lte';
  if (suffix === '左右') return 'approx';
  const tail = before.slice(-6);
  if (/(接近|约|大约)$/.test(tail)) return 'approx';
  if (/(不少于|不低于|突破|超过|超|至少)$/.test(tail)) return 'gte';
  if (/(不高于|不超过|控制在|低于)$/.test(tail)) return 'lte';
  if (/(提高|提升|新增|增加|增长)$/.test(tail) || /^(?:五年|三年)?累计新增|新增/.test(before))
    return 'increase';
  return 'eq';
}

const round = (n: number) => Math.round(n * 1e6) / 1e6;
