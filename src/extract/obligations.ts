// Dated obligations: 各设区市要在2025年6月底前出台实施方案 → due 2025-06-30, subject 各设区市, what 出台实施方案,
// a plan due from every city of the province. A clause is an obligation when it has a deadline (a date
// with 前/底/末, a half-year or a quarter) and a delivery verb (出台, 制定, 完成 …) after it; a target year
// with no delivery verb (到2028年城镇化率达到…) is a target, not an obligation.
import type { DocumentLevel, Obligation } from '../model/document.js';
import { gazetteer } from '../reference/gazetteer.js';

const YEAR = String.raw`(\d{4})年`;
const DEADLINE = new RegExp(
  String.raw`(?:到|于|在|至)?\s*${YEAR}\s*(?:` +
    String.raw`(\d{1,2})月(?:(\d{1,2})日|底|末|份)?|` + // 6月底, 6月30日, 6月
    String.raw`(上半年|下半年|年底|年末|底|末)|` +
    String.raw`(?:第)?([一二三四1-4])季度|` +
    String.raw`)\s*(前|以前|之前)?`,
  'g',
);
const VERB = /(出台|制定|印发|编制|发布|报送|完成|建立|建成|落地|实现全覆盖|修订|形成)([^，。；;,：:]{0,24})/;
const PLAN_DUE = /(实施方案|行动方案|工作方案|推进方案|实施计划|行动计划|实施意见|规划)/;
/** A class of lower governments, or named ones, before the deadline: 各设区市, 各市（州）人民政府, 武汉市、宜昌市. */
const CLASS_SUBJECT =
  /各(?:设区市|地级以上市|地级市|市（州）|市\(州\)|市州|市|州|县（市、区）|县\(市、区\)|县市区|县（市）|区县|县区|区|县|地)(?:人民政府|政府|党委和政府)?/;
const QUARTER_END: Record<string, string> = { 一: '03-31', 二: '06-30', 三: '09-30', 四: '12-31' };
const QUARTER_DIGIT: Record<string, string> = { '1': '一', '2': '二', '3': '三', '4': '四' };

export interface ObligationContext {
  /** Region of the plan (GB/T 2260), for the classes of lower governments it obliges. */
  regionId: string | null;
}

export function extractObligations(text: string, ctx: ObligationContext): Obligation[] {
  const out: Obligation[] = [];
  for (const clause of sentences(text)) {
    DEADLINE.lastIndex = 0;
    for (let m = DEADLINE.exec(clause.text); m; m = DEADLINE.exec(clause.text)) {
      if (m[0].trim().length === 0) {
        DEADLINE.lastIndex++;
        continue;
      }
      const due = dueDate(m);
      // Only deadlines: 到2028年 alone is a target year; 2025年上半年, 6月底前 and 年底前 are deadlines.
      if (!due || !isDeadline(m)) continue;
      const after = clause.text.slice(m.index + m[0].length);
      const verb = VERB.exec(after.slice(0, 30));
      // 2000年底前建成的老旧小区 describes the communities (a relative clause), it sets no deadline.
      if (!verb || verb[2]!.startsWith('的')) continue;
      const what = `${verb[1]}${verb[2]!.replace(/^(?:本地|本级|各自)?/, (x) => x)}`.trim();
      const before = clause.text.slice(0, m.index);
      const subject = subjectOf(before);
      const planDue = PLAN_DUE.test(what) && /出台|制定|印发|编制|发布|报送/.test(verb[1]!);
      const obliged = obligedOf(subject, ctx);
      out.push({
        text: clause.text.trim(),
        offset: clause.start,
        due,
        dueText: m[0].trim(),
        subject,
        what: truncateWhat(what),
        planDue,
        obligedLevel: obliged.level,
        obligedRegions: obliged.regions,
      });
    }
  }
  return out;
}

function isDeadline(m: RegExpExecArray): boolean {
  const [, , month, day, half, quarter, before] = m;
  if (before) return true;
  if (half || quarter) return true;
  if (month && (day || /月(?:底|末)/.test(m[0]))) return true;
  return false;
}

function dueDate(m: RegExpExecArray): string | null {
  const [, yearText, monthText, dayText, half, quarterText] = m;
  const year = Number(yearText);
  if (year < 1990 || year > 2100) return null;
  if (monthText) {
    const month = Number(monthText);
    if (month < 1 || month > 12) return null;
    const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
    const day = dayText ? Number(dayText) : last;
    if (day < 1 || day > last) return null;
    return `${year}-${pad(month)}-${pad(day)}`;
  }
  if (half === '上半年') return `${year}-06-30`;
  if (quarterText) return `${year}-${QUARTER_END[QUARTER_DIGIT[quarterText] ?? quarterText]}`;
  return `${year}-12-31`; // 下半年, 年底, 年末, 底, 末, or a bare year with 前
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The governments a clause obliges: the last class or named governments before its deadline. */
function subjectOf(before: string): string | null {
  const cls = [...before.matchAll(new RegExp(CLASS_SUBJECT.source, 'g'))].pop();
  if (cls) return cls[0];
  // 武汉、襄阳、宜昌市人民政府: short names share the last one's suffix.
  const named =
    /((?:[\u4e00-\u9fa5]{2,8}[、，])*[\u4e00-\u9fa5]{2,8}(?:市|州|县|区))(?:人民政府|政府)?(?:要|应|须|需)?$/.exec(
      before.replace(/(?:要|应当|应|须|需|务必|力争|确保|在|于|到)+$/, ''),
    );
  return named ? named[1]!.replace(/[、，]$/, '') : null;
}

function obligedOf(
  subject: string | null,
  ctx: ObligationContext,
): { level: DocumentLevel | null; regions: string[] } {
  if (!subject || !ctx.regionId) return { level: null, regions: [] };
  const g = gazetteer();
  const own = g.get(ctx.regionId);
  if (!own || own.kind === 'functional') return { level: null, regions: [] };
  const counties = /县|区/.test(subject) && !/设区市/.test(subject);
  if (subject.startsWith('各')) {
    const isAll = /^各地/.test(subject);
    if (own.kind === 'province' && !counties) {
      const cities = g.childrenOf(own.id).filter((r) => r.kind === 'city');
      return { level: 'municipal', regions: cities.map((r) => r.id) };
    }
    if (own.kind === 'province' || own.kind === 'city' || isAll) {
      const below =
        own.kind === 'province'
          ? g.descendantsOf(own.id).filter((r) => r.kind === 'county')
          : g.childrenOf(own.id).filter((r) => r.kind === 'county');
      return { level: 'county', regions: below.map((r) => r.id) };
    }
    return { level: null, regions: [] };
  }
  // Named governments: each must lie below the plan's own region.
  const below = new Set(g.descendantsOf(own.id).map((r) => r.id));
  const regions: string[] = [];
  let level: DocumentLevel | null = null;
  for (const name of subject.split(/[、，]/)) {
    const hit = g.lookup(name.trim()).find((r) => below.has(r.id));
    if (!hit) continue;
    regions.push(hit.id);
    level = hit.kind === 'city' ? 'municipal' : 'county';
  }
  return { level, regions };
}

function truncateWhat(what: string): string {
  const cut =
    /^(.*?(?:实施方案|行动方案|工作方案|推进方案|实施计划|行动计划|实施意见|细则|办法|规划|方案|改造|建设|清单|机制|制度))/.exec(
      what,
    );
  return (cut?.[1] ?? what).trim();
}

/** Clauses ending at 。；; or a line break, with their offsets. */
function sentences(text: string): { text: string; start: number }[] {
  const out: { text: string; start: number }[] = [];
  const re = /[^。；;\n]+[。；;]?/g;
  for (let m = re.exec(text); m; m = re.exec(text)) out.push({ text: m[0], start: m.index });
  return out;
}
