// Document metadata from the preamble, headers, closing lines and title: title, issuer, document
// number, issue date, region, level, period and genre.
import type { DocumentKind, DocumentLevel } from '../model/document.js';
import type { PublishedMetadata } from '../read/index.js';
import { gazetteer, type Region } from '../reference/gazetteer.js';
import type { Paragraph } from './lines.js';
import { chineseDigitsToNumber, chineseToNumber } from './numerals.js';
import { toSimplified } from './script.js';

export const DOC_NUMBER = /([\u4e00-\u9fa5]{1,12})\s*[〔[［【（(]\s*(\d{4})\s*[〕\]］】）)]\s*(\d{1,4})\s*号/;
const DOC_NUMBER_LINE = new RegExp(`^${DOC_NUMBER.source}$`);
const DATE =
  /(\d{4}|[〇零一二三四五六七八九]{4})年(\d{1,2}|[一二三四五六七八九十]{1,3})月(\d{1,2}|[一二三四五六七八九十]{1,3})日/;
const DATE_LINE = new RegExp(`^${DATE.source}$`);
const NOTICE = /^(.*?)关于印发\s*[《〈](.+)[》〉]\s*的通知$/;
/** The same notice without quotation marks around the title (省政府关于印发江苏省…实施方案的通知). */
const BARE_NOTICE =
  /^(.{1,20}?(?:人民政府|政府|办公厅|办公室))关于印发(.+?(?:方案|计划|规划|意见|办法))的通知$/;
const TITLE_GENRE =
  /(实施方案|行动方案|行动计划|工作方案|规划|意见|方案|计划|办法|通知|解读|起草说明|答记者问|政策问答)[）)]?(?:（[^）]*）)?$/;
/** Titles of the genres that explain a plan: 政策解读, 关于《…》的起草说明, 答记者问, 政策问答, 一图读懂, 一文读懂. */
const INTERPRETATION_TITLE = /解读|起草说明|答记者问|政策问答|[图文]读懂|图解/;

export interface Metadata {
  title: string;
  issuer: string | null;
  docNumber: string | null;
  issuedOn: string | null;
  region: Region | null;
  level: DocumentLevel;
  kind: Exclude<DocumentKind, 'catalog'>;
  period: { start: number | null; end: number | null; text: string } | null;
  interprets: string | null;
}

export interface MetadataInput {
  preamble: Paragraph[];
  closing: Paragraph[];
  fileHeaders: string[];
  trailer: string[];
  sectionTitles: string[];
  /** Simplified text of goals sections and of the whole body, for period and region evidence. */
  goalsText: string;
  bodyText: string;
  /** What the published file states outside the body (a web page's metadata table): it wins over guesses. */
  published?: PublishedMetadata;
}

export function readMetadata(input: MetadataInput): Metadata {
  const pre = input.preamble.map((p) => toSimplified(p.content.text));
  const closing = input.closing.map((p) => toSimplified(p.content.text));

  const docNumberLine = pre.find((l) => DOC_NUMBER_LINE.test(l));
  const stated = input.published;
  const docNumber =
    (stated?.docNumber ? normalizeDocNumber(toSimplified(stated.docNumber)) : null) ??
    (docNumberLine ? normalizeDocNumber(docNumberLine) : null);

  const dateLine = [...pre, ...closing].find((l) => DATE_LINE.test(l));
  const printed = input.trailer.map(toSimplified).find((l) => DATE.test(l) && l.endsWith('印发'));
  const issuedOn = stated?.issuedOn ?? parseDate(dateLine ?? printed ?? null);

  const titleInfo = readTitle(pre);
  const questions = input.sectionTitles.filter((t) => /[？?]$|是什么|有哪些|如何|怎样/.test(t)).length;
  const kind: Metadata['kind'] =
    questions * 2 >= input.sectionTitles.length || INTERPRETATION_TITLE.test(titleInfo.title ?? '')
      ? 'interpretation'
      : 'plan';

  const headerIssuer = input.fileHeaders.map(toSimplified).map((h) => h.replace(/文件$/, ''))[0] ?? null;
  const signature = closing.find((l) => !DATE.test(l)) ?? null;
  let issuer =
    (stated?.issuer ? toSimplified(stated.issuer) : null) ??
    titleInfo.issuer ??
    headerIssuer ??
    signature ??
    (docNumber?.startsWith('国') ? '国务院' : null);

  const region = findRegion([issuer, titleInfo.title, docNumber], input.bodyText);
  // 省政府 / 市政府 in a notice's own line name the issuer relative to the region it governs.
  if (issuer && /^(?:省|市|县|区)(?:人民)?政府(办公厅|办公室)?$/.test(issuer) && region)
    issuer = `${region.name}人民政府${/办公厅|办公室/.exec(issuer)?.[0] ?? ''}`;
  const national =
    !region && (issuer === '国务院' || issuer === '国务院办公厅' || /^国(办)?发/.test(docNumber ?? ''));
  const level: DocumentLevel = national
    ? 'national'
    : region?.kind === 'city'
      ? 'municipal'
      : region?.kind === 'county'
        ? 'county'
        : 'provincial';

  let title = titleInfo.title ?? stated?.title ?? null;
  let interprets: string | null = null;
  if (kind === 'interpretation') {
    interprets =
      // (a period after the kind of document is part of the title: 《…实施方案（2024—2028年）》)
      /《([^》]*(?:实施方案|行动方案|方案|计划|规划|意见)(?:[（(][^）)》]{1,16}[）)])?)》/.exec(
        input.bodyText.replace(/《行动计划》/g, ''),
      )?.[1] ?? null;
    title ??= `${region?.name ?? ''}《${interprets ?? '实施方案'}》政策解读`;
  }
  title ??= pre.find((l) => TITLE_GENRE.test(l)) ?? pre[0] ?? input.sectionTitles[0] ?? 'untitled';

  return {
    title,
    issuer,
    docNumber,
    issuedOn,
    region,
    level,
    kind,
    period: readPeriod(`${title}\n${pre.join('\n')}\n${input.goalsText}`, issuedOn),
    interprets,
  };
}

/** 沪府发〔2024〕12号 in its canonical brackets. */
export function normalizeDocNumber(s: string): string | null {
  const m = DOC_NUMBER.exec(s);
  return m ? `${m[1]}〔${m[2]}〕${m[3]}号` : null;
}

function parseDate(s: string | null): string | null {
  const m = s ? DATE.exec(s) : null;
  if (!m) return null;
  const year = /^\d+$/.test(m[1]!) ? Number(m[1]) : chineseDigitsToNumber(m[1]!);
  const month = /^\d+$/.test(m[2]!) ? Number(m[2]) : chineseToNumber(m[2]!);
  const day = /^\d+$/.test(m[3]!) ? Number(m[3]) : chineseToNumber(m[3]!);
  if (!year || !month || !day || month > 12 || day > 31) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * The plan's own title: the last title-like group of lines before the first section. Consecutive
 * short title lines are one title split by conversion. A notice 关于印发《X》的通知 gives X and its issuer.
 */
function readTitle(pre: string[]): { title: string | null; issuer: string | null } {
  let issuer: string | null = null;
  let noticeTitle: string | null = null;
  const groups: string[][] = [];
  let run: string[] = [];
  for (const line of pre) {
    const notice = NOTICE.exec(line) ?? BARE_NOTICE.exec(line);
    if (notice) {
      issuer = notice[1]!.trim() || null;
      noticeTitle = notice[2]!;
    }
    // An interpretation's title may be longer and carry a colon (《政风行风热线》节目实录：解读《…》).
    const explains = INTERPRETATION_TITLE.test(line);
    const titleLike =
      !notice &&
      line.length <= (explains ? 90 : 60) &&
      !(explains ? /[，。；,;]/ : /[，。；：,;:]/).test(line.replace(/[（(][^）)]*[）)]/g, '')) &&
      !DOC_NUMBER_LINE.test(line) &&
      !DATE.test(line.replace(/[（(].*[）)]/, '')) &&
      !/^[（(].*[）)]$/.test(line);
    if (titleLike) run.push(line);
    else if (run.length) {
      groups.push(run);
      run = [];
    }
  }
  if (run.length) groups.push(run);
  const candidates = groups.map((g) => g.join('')).filter((t) => TITLE_GENRE.test(t) || t.length >= 8);
  const title = candidates[candidates.length - 1] ?? noticeTitle;
  return { title: title ?? null, issuer };
}

/** The region the document belongs to: named at the start of the issuer, title or number; else the one the body names most. */
function findRegion(heads: (string | null)[], body: string): Region | null {
  const g = gazetteer();
  const abbreviations = [...g.abbreviations.entries()];
  for (const head of heads) {
    if (!head) continue;
    for (let len = Math.min(12, head.length); len >= 2; len--) {
      const hit = g.lookup(head.slice(0, len)).find((r) => r.kind !== 'functional');
      if (hit) return hit;
    }
    const abbr = abbreviations.find(([a]) => head.startsWith(`${a}府`) || head.startsWith(`${a}政`));
    if (abbr) return g.get(abbr[1]) ?? null;
  }
  // No region in the heads: count province names in the body (我市…上海…).
  const counts = new Map<string, number>();
  for (const region of g.regions.values()) {
    if (region.kind !== 'province') continue;
    const names = [
      region.name,
      region.name.replace(/(省|市|壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区)$/, ''),
    ];
    const n = names.reduce((sum, name) => sum + (name.length >= 2 ? body.split(name).length - 1 : 0), 0);
    if (n) counts.set(region.id, n);
  }
  const best = [...counts.entries()].sort((a, b) => b[1] - a[1])[0];
  return best && best[1] >= 3 ? (g.get(best[0]) ?? null) : null;
}

function readPeriod(text: string, issuedOn: string | null): Metadata['period'] {
  const range = /(\d{4})\s*[-—–－~至到]\s*(\d{4})\s*年/.exec(text);
  if (range) return { start: Number(range[1]), end: Number(range[2]), text: range[0] };
  // Targets in stages (到2026年…；到2029年…): the plan runs to the last stage within a five-year plan's
  // reach of its issue; a long-range vision (到2035年) is not its horizon.
  const issued = issuedOn ? Number(issuedOn.slice(0, 4)) : null;
  const stages = [...text.matchAll(/到\s*(\d{4})\s*年(?:底|末)?/g)];
  const until =
    issued === null
      ? stages[0]
      : (stages.filter((m) => Number(m[1]) <= issued + 6).sort((a, b) => Number(b[1]) - Number(a[1]))[0] ??
        stages[0]);
  if (until) return { start: issued, end: Number(until[1]), text: until[0] };
  const years = /(?:经过|用)\s*(\d|[一二三四五六七八九十])\s*年(?:左右)?(?:的)?(?:努力|时间)/.exec(text);
  if (years && issuedOn) {
    const n = /\d/.test(years[1]!) ? Number(years[1]) : chineseToNumber(years[1]!)!;
    const start = Number(issuedOn.slice(0, 4));
    return { start, end: start + n, text: years[0] };
  }
  return null;
}
