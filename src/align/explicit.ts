// Links stated outright. Interpretations (政策解读) say which upper action or task a local action or
// measure answers, in many phrasings:
//   国家《行动计划》提出……实施新一轮农业转移人口市民化行动。对照国家要求，我市《实施方案》提出实施……行动
//   ……结合我省实际，我省《实施方案》提出……  / 我省《实施方案》相应提出…… / 对应提出…… / 承接国家……
//   与国家《行动计划》……相衔接 / correspondence tables (国家任务 | 我省举措)
// plans say it inside their own text (为落实国家……行动，……), and cite the upper document they implement
// (为贯彻落实《…五年行动计划》/ 国发〔2024〕17号). All of these become `explicit` links with the quoted
// sentence as evidence. Everything is read in Simplified script (textSimplified), quoted in the original.
//
// The upper side is named by title (fuzzy: the share of the title's character pairs the statement
// contains), or, for a section statement that names none, inferred from its terms. The local side is the
// plan's action or measure whose title the statement (or the interpretation's heading) restates, again
// by character pairs, so a paraphrased or shortened title still resolves.
import type { AlignmentLink, Evidence } from '../model/alignment.js';
import type { Measure, PolicyDocument, Section } from '../model/document.js';
import { asciiDigits, labelNumber } from '../parse/numerals.js';
import { toSimplified } from '../parse/script.js';
import { concepts } from './features.js';
import { end, makeLink, upperEnd } from './links.js';
import type { NationalIndex } from './national-index.js';

/** Score of an explicit link whose upper end is inferred from the statement's terms, not named. */
const INFERRED_SCORE = 0.9;
/** Share of an upper title's character pairs a statement must contain to name it. */
const NAMED = 0.7;
/** The same for a cell of a correspondence table. */
const TABLE_NAMED = 0.6;
/** Similarity a local title must reach to be the one a statement (or heading) restates. */
const RESOLVED = 0.5;
/** A phrase restating a measure's title this closely names that measure, not its section. */
const CLOSELY = 0.8;
/** Share of a phrase's character pairs a provision's text must hold to be the one it quotes. */
const QUOTED = 0.75;

/** The upper document named in a statement: 国家, 国务院, the national plan's short names. */
const UPPER =
  /国家|国务院|中央|上位(?=任务|要求|依据|规划|部署|文件|条目|行动)|《行动计划》|《五年行动计划》|《(?:[^》]{0,30})(?:五年行动计划|行动计划)》|上级|省委省政府|省政府《|省《/;
/** The local document or authority speaking. */
const LOCAL =
  /我(?:省|市|区|州|盟|县|自治区)|我们(?!认为|觉得|看到|注意到|理解)|本(?:省|市|区|县|方案)|全(?:省|市|区)|《(?:[^》]{0,40})?(?:实施方案|行动方案|实施意见|工作方案|方案)》|[相对]应(?:地)?(?:提出|明确|部署|安排|设置)/;
/** Words that say "this answers that". */
const CORRESPOND =
  /对照|对标|参照|比照|纳入国家|对表|对应|相应|结合|承接|落实|衔接|按照|围绕|聚焦|针对|贯彻|呼应|细化|接轨|立足国家|统筹了?国家|对接国家|即国家|就是国家|瞄准|回应|响应|一致|落地|作为对国家|借鉴|具体化|为(?:蓝本|准绳|依据|遵循|参考模板|模板)/;
/**
 * The local side as the subject of the sentence, before what it answers: X是我省落实国家…的具体抓手,
 * X，回应的是国家…的部署, X，瞄准的是国家…任务, X一项与国家…相衔接, X，这与国家…是一致的.
 */
const LOCAL_IS =
  /^(?:其中[，,]|同时[，,])?(.{2,40}?)[，,]?(?:是(?:我|本)(?:省|市|区|州|县|自治区)(?:落实|贯彻|承接|对接|响应)|(?:回应|瞄准|对应|对接|承接|落实|针对)的是国家|就是国家|(?:一项|一条|这一举措)?[，,]?这?(?:与|和|同)国家)/;
/** The national side named outright (a sentence naming both sides, with no word of correspondence). */
const NATIONAL =
  /国家(?!级|中心城市|标准|统计|发展改革|发改|高新|重点实验|重要|赋予|战略)|国务院|上位(?=任务|要求|依据|规划|部署|文件|条目|行动)|《(?:[^》]{0,30})?行动计划》/;
/**
 * Ways of saying that a local provision has NO upper counterpart, one alternative each. A denial now keeps
 * the texts' links off the measure, so each is narrowed to the shapes it denies in (找不到 its 对应, not
 * 看病找不到医生; 并无这项内容, not 并无二致).
 */
const NO_COUNTERPART_WORDS = [
  // 没有专门部署, 没有可以援引的, 没有这一项, 没有这方面的内容
  String.raw`没有(?:专门|直接|对应|相应|明确|单独|单列|专列|可以援引|可援引|这一?(?:项|方面|块|类))`,
  // 国家…五项任务里没有地质灾害这一项 (not 没有比补短板这一项更要紧的)
  String.raw`没有(?!比)[^，,。；;]{1,8}?这一?(?:项|块|方面)`,
  String.raw`(?:不|并不)属于|无(?:直接)?对应|并非(?:国家|对应|来自|出自|落实)|不涉及`,
  String.raw`(?:未|没)(?:作|专门|单独)?(?:部署|提及|涉及|列入)|对此未作安排`,
  String.raw`自行增加|自设|自主部署|自选(?:题|动作|项目?)|自加题|加试题`,
  String.raw`不是一回事|不是一码事|是两条线|两码事|两回事|各是各的|不搭界|不沾边|沾不上边|不挨边|无关`,
  // 和国家…的三项任务挨不上, 管不到这里 (not …对不上的问题)
  String.raw`(?:[挨挂对搭沾靠]不上|管不到|管不着)(?![^，,。；;]{0,6}?(?:的问题|的情况|等问题|的难题))`,
  // 国家都市圈培育行动的三项任务里没有它
  String.raw`(?:里|中)(?:并|也)?没有(?:它|此项|该项|这一项)`,
  // 这条是贵州自己加的 (at the clause's end or before what was added; not 目标值是我省自己定的, 自己加的码)
  String.raw`自己(?:加|增|设|写)的(?=[，,。；;”"」]|$|内容|动作|任务|题|一条)`,
  // 省里…自行部署的内容 (not 由各地结合实际自行设定标准)
  String.raw`(?<!(?:各地|地方|由)[^，,。；;]{0,8})自行(?:部署|安排|设置|提出|设定)`,
  // 是因为…而增写的 (not 增写了以居住证为载体的内容)
  String.raw`增写的(?=[，,。；;]|$)`,
  String.raw`不在[^，,。；;]{0,30}?(?:任务|行动|部署|要求|清单)[^，,。；;]{0,6}?(?:里|中|之内|以内|范围|之列|覆盖)`,
  String.raw`(?:没有|未)(?:提出|作出|做出)(?:任务|要求|安排|部署)`,
  String.raw`不宜与|(?:不宜|不能|不应|不要|别)(?:把它|将其|把这一?[条项])?(?:当作|看作|算作|归入|归为|视为|说成)`,
  // 不对应国家的哪一项任务 (not 对不对应); 四项任务并不包括文化遗产保护
  String.raw`(?<!对)不(?:相)?对应(?![^，,。；;]{0,6}?(?:的问题|的情况))|(?:并)?不(?:包括|包含)`,
  // 国家《行动计划》对此并无专门要求, 并无这项内容 (not 并无二致)
  String.raw`并无(?:相?对应|相应|此项|这项|这一项|相关|直接|专门|这方面|此类|该项)`,
  // 找不出它的影子, 找不到与之相对应的条款 (not 看病找不到医生, 找不出比…更直接的落实)
  String.raw`找不(?:到|出|着)(?:它|与之|相?对应|出处|依据|[^，,。；;]{0,6}?影子|[^，,。；;]{0,8}?(?:条款|任务|内容))`,
  // 并不来自国家《行动计划》 (not 无不源于国家…)
  String.raw`(?<!无|莫)(?:不|并不|并非|不是)(?:直接)?(?:来自|源自|源于|出自)`,
  String.raw`国家.{0,12}(?:没有|未(?:作|专门|单独)?(?:部署|提及|涉及|列入|明确))`,
  // The national tasks as a set, then a negation close after: 五项任务里，挑不出能和它搭上的; 那六项任务里压根儿
  // 没这一出; 三项任务，一项也轮不到它; 19项重点任务里数不到它 (not 没有哪一项漏掉, 一样没落下, 不断, 不折不扣).
  // (In its clause, or opening the next: not …制度任务，着力解决看病找不到医生的问题.)
  String.raw`(?:[两二三四五六七八九十\d]+项(?:重点)?任务(?:里|中|当中|里头|里面|之中|之内)?|任务清单|任务(?:里|中|当中|里头|里面|之中|之内))(?:[^，,。；;]{0,14}?|[^，,。；;]{0,6}[，,][^，,。；;]{0,4}?)(?:没(?![^，,。；;]{0,6}?(?:漏|落下|落空|变))|无(?!论)|不(?!仅|只|断|折|少|小|再|论|管|得|低于|超过|漏|落|搞|变)|未|难以|轮不到|挑不出|数不到|排不上)`,
  String.raw`不在其中`,
  // 超出了国家潜力地区行动的范围; 与国家任务无直接关联; 国家…行动并未涵盖 (not 没有覆盖常住人口, a problem)
  // (the upper side's range, not 超出中央补助范围的部分; not 并非没有联系)
  String.raw`超出(?:了)?(?:国家|国务院|上位)[^，,。；;]{0,20}?(?:范围|范畴)(?!的)|(?<!并非|不是|并不是)(?:无|没有)(?:直接|明显)?(?:关联|联系)|(?:并未|未能?|没有)(?:涵盖|囊括)`,
  // 这一项在那里没有着落, 旅游年卡没有归宿; 风貌保护并不单独成项; 旅游始终缺席, 规定内容之外另加的一项
  // (着落 as a clause of its own, not 没有着落的居民得到安置; 缺席 not 一项都不缺席; 另加 beside the upper side's
  // contents, not 在中央资金之外另加省级补助)
  String.raw`(?:没有|没|无|找不到)(?:着落|归宿)(?=[，,。；;]|$)|不(?:单独|单列)成项|(?<![不未没])缺席|(?:任务|行动|规定内容|规定动作|要求)[^，,。；;]{0,4}之外另加|另加的一项`,
  // 没有检索到相应任务, 没有为它们找到对等条目 (not 找到了对应的任务)
  String.raw`没有[^，,。；;]{0,6}?(?:检索|查|找|寻|发现)到[^，,。；;]{0,6}?(?:相应|对应|对等|相关|同类)[^，,。；;]{0,4}(?:任务|条目|内容|部署)`,
  // 四项任务以外; 国家…市民化行动没写这件事; 并未就港口建设作出部署; 四项任务不管种地的事; 按自身情况添的
  String.raw`任务(?:之外|以外)|国家[^，,。；;]{0,14}?没(?:写|提|讲|列|涉及)|未就[^，,。；;]{1,12}?(?:作出|做出|提出)(?:部署|安排|要求)`,
  String.raw`任务(?:里|中)?(?:并|都|也)?不管|(?:自身|自己)[^，,。；;]{0,4}?添的`,
];
const NO_COUNTERPART = new RegExp(NO_COUNTERPART_WORDS.join('|'));
/** The national plan's tasks or actions spoken of (国家市民化任务, 国家…行动). */
const PLAN_UNITS = /国家[^，,。；;]{0,12}?(?:任务|行动)/;
/** The upper plan named as a whole (国家行动计划, 国家《行动计划》, 国家层面的任务). */
const WHOLE_PLAN = /《[^》]*行动计划》|行动计划|国家(?:层面|的?(?:任务|部署|文件|要求))/;
/** A local own-choice denied (不应视为我省的自选动作, 是规定动作而不是自选动作): the opposite of a denial. */
const NOT_OWN =
  /(?:而不是|不是|并非|不应视为|不能视为|不宜视为|不属于|不算)[^，,。；;]{0,10}?(?:自选|自设|自加|加试|自己)/g;
/** A clause opening a second claim about another provision (另有景德镇一条为我省自设). */
const ANOTHER = /[，,；;](?:另有|另外|此外|其余|另加|(?:我们|我省|本省)?(?:又|还)(?:加|增)了)/;

/** The sentence's own claim: without a second claim about another provision that follows it. */
function ownClaim(text: string): string {
  const at = text.search(ANOTHER);
  return at >= 0 ? text.slice(0, at) : text;
}

/** The region's own standing (我省不属于潜力地区, 我省虽未列入国家确定的…): not a provision's counterpart. */
const STATUS =
  /(?:我|本)(?:省|市|区|县|州|自治区)(?:虽|虽然|并)?(?:不属于|不在|未被?列入|没有被?列入|并非|(?:无|没有)(?!专门|直接|对应|相应|明确|单独|可以?援引|这一?项))/;

/** Clauses saying what the local plan adds of its own (增加了加强与京津冀…协同联动的内容, 另设): no link. */
const ADDITION = /增加了|增设|新增了|另设|另加|(?:又|还)加了|补充了|自设|自行增加|增写/;

/** A text without the clauses (between ，；) a pattern finds. */
function withoutClauses(text: string, pattern: RegExp): string {
  return text
    .split(/(?<=[，,；;])/)
    .filter((clause) => !pattern.test(clause))
    .join('');
}

/** A text without its clauses about what the local plan adds of its own. */
const withoutAdditions = (text: string) => withoutClauses(text, ADDITION);

/**
 * Whether a sentence denies a counterpart. A denial answered by 但 (国家确定的潜力地区不含辽西北，但…以国家
 * 潜力地区…行动的四项任务为蓝本) concedes a point and then states the link: only what follows counts. A
 * local own-choice denied (而不是自选动作) is no denial.
 */
function denies(text: string): boolean {
  const claim = withoutClauses(ownClaim(text), STATUS).replace(NOT_OWN, '');
  // …不是出自我省的创新，而是直接来自国家…: 而是 answers like 但 when what follows names the national side.
  const but = [...claim.matchAll(/[，,；;](?:但|但是|不过|而是(?=[^，,。；;]*?国家))/g)].pop();
  return NO_COUNTERPART.test(but ? claim.slice(but.index) : claim);
}
/** A quiz item's answer slot at the end of a sentence: full-width parentheses round spaces, (  ). */
const ANSWER_SLOT = /[（(][\s\u3000]*[）)][。.]?\s*$/;
/** A true-or-false item's answer: 【答案】√ / × (对, 错, 正确, 错误). */
const VERDICT =
  /^\s*(?:[（(][\s\u3000]*[）)]\s*)?(?:【(?:参考)?答案】|(?:参考)?答案[：:])\s*([√✓✔×✗✘xX]|(?:对|错|正确|错误)(?=\s|$|[。，,；;（(【]))/;
/** What the local side does with it. */
const STATES = /提出|明确|部署|安排|设置|谋划|推出|实施|制定|作出|开展|细化为|分解为|设立|建立|出台/;

interface Unit {
  /** The provision the text belongs to (section or measure of the interpretation or plan). */
  id: string;
  title: string;
  text: string;
  textOriginal: string;
  line: number;
  /** The line on which each paragraph of the text begins (empty: unknown). */
  paragraphLines: number[];
  kind: 'section' | 'measure';
  /** For a plan's own provision: the provision itself is the local end. */
  own: LinkEnd | null;
  section: Section;
}

interface LinkEnd {
  id: string;
  titleSimplified: string;
}

/** A local provision: its text too, for phrases quoting it rather than its title. */
interface LocalEnd extends LinkEnd {
  textSimplified: string;
}

interface UpperEntry {
  id: string;
  titleSimplified: string;
  kind: 'section' | 'measure';
  /** The action (section) it belongs to, for tasks; itself for sections. */
  section: Section;
  pairs: Set<string>;
  /** The catalog's terms that belong to this task alone (部际联席会议, 四网融合): naming one names it. */
  terms: string[];
}

/** Character pairs of a title that tell it apart (not generic words such as 推进, 完善). */
export function titlePairs(title: string, generic: Set<string> = new Set()): Set<string> {
  const core = coreTitle(title);
  const pairs = new Set<string>();
  for (let i = 0; i + 1 < core.length; i++) {
    const p = core.slice(i, i + 2);
    if (/^\p{Script=Han}{2}$/u.test(p) && !generic.has(p)) pairs.add(p);
  }
  return pairs;
}

/** A title without the verbs and frame every title has (实施…行动, 进一步, 加快). */
export function coreTitle(title: string): string {
  const core = title
    .replace(/[“”"《》〈〉]/g, '')
    .replace(/^(?:实施|开展|推进|推动|深入实施|全面实施|组织实施)/, '')
    .replace(/^(?:进一步|持续|加快|着力|全面|大力|积极|稳步|有序)/, '')
    .replace(/行动$/, '');
  return core.length >= 3 ? core : title.replace(/[“”"《》〈〉]/g, '');
}

/** Share of `pairs` found in `text`. */
function coverage(pairs: Set<string>, text: string): number {
  if (pairs.size === 0) return 0;
  let hit = 0;
  for (const p of pairs) if (text.includes(p)) hit++;
  return hit / pairs.size;
}

/** Character-pair Dice of two titles. */
export function titleSimilarity(a: string, b: string, generic?: Set<string>): number {
  const x = titlePairs(a, generic);
  const y = titlePairs(b, generic);
  if (x.size === 0 || y.size === 0) return 0;
  let common = 0;
  for (const p of x) if (y.has(p)) common++;
  return (2 * common) / (x.size + y.size);
}

/** How well a local provision's title is restated by a phrase: Dice, or the share of it the phrase holds. */
function restates(title: string, phrase: string, generic: Set<string>): number {
  const pairs = titlePairs(title, generic);
  if (pairs.size < 2) return 0;
  const own = titlePairs(phrase, generic);
  // A shortened title (the phrase is a part of the title) also restates it.
  const inside = own.size >= 3 ? coverage(own, coreTitle(title)) * 0.9 : 0;
  return Math.max(titleSimilarity(title, phrase, generic), coverage(pairs, phrase) * 0.95, inside);
}

/** The best of `entries` a phrase restates, if clearly so. */
function resolve<T extends LinkEnd>(phrase: string, entries: T[], generic: Set<string>): T | null {
  return resolveScored(phrase, entries, generic)?.entry ?? null;
}

function resolveScored<T extends LinkEnd>(
  phrase: string,
  entries: T[],
  generic: Set<string>,
): { entry: T; score: number } | null {
  if (!phrase) return null;
  const ranked = entries
    .map((e) => ({ e, s: restates(e.titleSimplified, phrase, generic) }))
    .sort((a, b) => b.s - a.s);
  const [best, second] = ranked;
  if (!best || best.s < RESOLVED) return null;
  if (second && second.s > best.s - 0.1) return null;
  return { entry: best.e, score: best.s };
}

/** The one provision whose title or text holds a name (“五好”园区, “一网统管”), if only one does. */
function heldByOne<T extends LocalEnd>(name: string, entries: T[]): T | null {
  const holders = entries.filter((e) => `${e.titleSimplified}${e.textSimplified}`.includes(name));
  return holders.length === 1 ? holders[0]! : null;
}

/**
 * The provision whose TEXT holds a phrase (an interpretation quoting a measure's content, 完善“人地钱”
 * 挂钩配套政策, rather than its title 强化政策支持): most of the phrase's pairs, clearly more than any other.
 */
function quoting<T extends LocalEnd>(phrase: string, entries: T[], generic: Set<string>): T | null {
  // A quoted name (“五好”园区, “技能湘军”) that one provision alone holds is that provision.
  for (const [, name] of phrase.matchAll(/[“"]([^”"]{2,12})[”"]/g)) {
    const holder = heldByOne(name!, entries);
    if (holder) return holder;
  }
  const unquoted = (s: string) => s.replace(/[“”"]/g, '');
  const pairs = titlePairs(unquoted(phrase), generic);
  if (pairs.size < 3) return null;
  const ranked = entries
    .map((e) => ({ e, s: coverage(pairs, unquoted(e.textSimplified)) }))
    .sort((a, b) => b.s - a.s);
  const [best, second] = ranked;
  if (!best || best.s < QUOTED) return null;
  if (second && second.s > best.s - 0.2) return null;
  return best.e;
}

/** Upper entries a text names by title, best first. */
function namedUpper(
  text: string,
  entries: UpperEntry[],
  min = NAMED,
): { entry: UpperEntry; cover: number; at: number }[] {
  const out: { entry: UpperEntry; cover: number; at: number }[] = [];
  for (const entry of entries) {
    if (entry.pairs.size < 2) continue;
    const cover = coverage(entry.pairs, text);
    if (cover < min) continue;
    const first = [...entry.pairs].find((p) => text.includes(p))!;
    out.push({ entry, cover, at: text.indexOf(first) });
  }
  // A longer title named as fully is the more specific statement.
  return out.sort((a, b) => b.cover - a.cover || b.entry.pairs.size - a.entry.pairs.size);
}

/** The part of a text's clause before a position (from the last ，。；： before it). */
function clauseBefore(text: string, at: number): string {
  return text
    .slice(0, at)
    .split(/[，,。；;：:]/)
    .pop()!;
}

/** Each entry's catalog terms that no other entry of the plan lists: four characters or more for a task, three for an action. */
function ownTerms(index: NationalIndex): Map<string, string[]> {
  const holders = new Map<string, Set<string>>();
  const hold = (term: string, id: string) => holders.set(term, (holders.get(term) ?? new Set()).add(id));
  for (const section of index.document.sections) {
    for (const term of section.keywords) hold(term, section.id);
    for (const m of section.measures) for (const term of m.keywords) hold(term, m.id);
  }
  const titles = [
    ...index.document.sections.map((x) => ({ id: x.id, title: x.titleSimplified })),
    ...index.tasks.map((t) => ({ id: t.id, title: t.title })),
  ];
  const out = new Map<string, string[]>();
  for (const [term, ids] of holders) {
    const [id] = [...ids];
    // An action's own terms may be shorter (鲁西南, 都市圈: the places and words only it lists).
    const isTask = index.tasks.some((t) => t.id === id);
    if (ids.size !== 1 || term.length < (isTask ? 4 : 3)) continue;
    // A term another entry's title holds is not this one's alone (公共服务: 推进公共服务共建共享).
    if (titles.some((t) => t.id !== id && t.title.includes(toSimplified(term)))) continue;
    out.set(id!, [...(out.get(id!) ?? []), toSimplified(term)]);
  }
  return out;
}

/**
 * Tasks named by a term of their own in a clause that names the national side (国家层面由部际联席会议
 * 统筹协调 → 加强统筹协调). Counted as named at the title threshold: a task also named by its title is
 * not named twice (the caller keeps the title's), and two tasks named equally name neither.
 */
function termNamed(text: string, entries: UpperEntry[]): { entry: UpperEntry; cover: number; at: number }[] {
  const out: { entry: UpperEntry; cover: number; at: number }[] = [];
  for (const entry of entries) {
    for (const term of entry.terms) {
      const at = text.indexOf(term);
      if (at < 0) continue;
      // Named on the national side as NATIONAL reads it (国家中心城市, 国家战略 name no national plan).
      const clause = clauseBefore(text, at) + term;
      if (!NATIONAL.test(clause) && !/中央/.test(clause)) continue;
      out.push({ entry, cover: NAMED, at });
      break;
    }
  }
  return out;
}

/**
 * Actions named by a short form of their title followed by 行动 (市民化行动, 潜力地区行动, 都市圈培育行动,
 * 城市更新行动): the longest run of the title's core just before 行动, held by one action only.
 */
function shortNamed(
  text: string,
  entries: UpperEntry[],
  generic: Set<string>,
): { entry: UpperEntry; cover: number; at: number }[] {
  const sections = entries.filter((e) => e.kind === 'section');
  const out: { entry: UpperEntry; cover: number; at: number }[] = [];
  for (let at = text.indexOf('行动'); at >= 0; at = text.indexOf('行动', at + 2)) {
    // Not a document's name (《…城市更新行动方案》, 行动计划).
    const before = text.slice(0, at);
    if (/^(?:计划|方案)/.test(text.slice(at + 2)) || before.lastIndexOf('《') > before.lastIndexOf('》'))
      continue;
    const window = text.slice(Math.max(0, at - 12), at);
    for (let len = window.length; len >= 3; len--) {
      const name = window.slice(-len);
      if (!/^\p{Script=Han}+$/u.test(name) || titlePairs(name, generic).size < 2) continue;
      const holders = sections.filter((e) => coreTitle(e.titleSimplified).includes(name));
      if (holders.length === 0) continue;
      if (holders.length === 1 && !out.some((o) => o.entry === holders[0]))
        out.push({ entry: holders[0]!, cover: 1, at: at - len });
      break;
    }
  }
  return out;
}

/**
 * Actions named by their place among the national plan's actions (国家第四项行动, 国家第一项重大行动,
 * 列在国家四项重大行动第三位的…): the action printed in that place.
 */
function ordinalNamed(
  text: string,
  entries: UpperEntry[],
): { entry: UpperEntry; cover: number; at: number }[] {
  const actions = entries.filter((e) => e.kind === 'section' && e.section.kind === 'action');
  const out: { entry: UpperEntry; cover: number; at: number }[] = [];
  const re =
    /国家(?:的)?第([一二三四五六七八九])项(?:重大)?行动|国家[一二三四五六七八九]项(?:重大)?行动(?:中)?(?:的)?第([一二三四五六七八九])(?:位|项)/g;
  for (const m of text.matchAll(re)) {
    const entry = actions[ordinalOf(m[1] ?? m[2]!) - 1];
    if (entry && !out.some((o) => o.entry === entry)) out.push({ entry, cover: 1, at: m.index });
  }
  return out;
}

/** Sentences of a text with their offsets. */
/** A sentence (or a claim of its own inside one) and where the whole sentence it is part of starts. */
interface Sentence {
  text: string;
  start: number;
  origin: number;
  /** In a question joined with its answer (问：…？答：…), where the answer starts in `text`. */
  answerAt?: number;
}

function sentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  const re = /[^。！？!?\n]+[。！？!?]?/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    // 前5条做的是国家…的规定动作，第6条…是我们的自选动作: a clause opening on another numbered provision,
    // after one already named, is a claim of its own (a sentence of its own here).
    // Not when the sentence joins them in one claim (第1条…，第2条…，两条一前一后…, 分别对应, 都是落实…).
    // And only after a clause that makes a claim of its own (names the upper side, or denies): in 第（六）条管
    // 养老…，第（二）条后半段管医保，两处拼起来，国家… the first clause's claim is the sentence's.
    let from = 0;
    for (const c of SEVERAL.test(m[0]) || JOINED.test(m[0]) ? [] : m[0].matchAll(NUMBERED_CLAUSE)) {
      const piece = m[0].slice(from, c.index);
      if (!PROVISION_NAMED.test(piece) || !(UPPER.test(piece) || denies(piece))) continue;
      out.push({ text: m[0].slice(from, c.index + 1), start: m.index + from, origin: m.index });
      from = c.index + 1;
    }
    out.push({ text: m[0].slice(from), start: m.index + from, origin: m.index });
  }
  // 问：…对应国家哪项任务？答：对应…。 — a question and the answer right after it are one statement.
  for (let i = out.length - 2; i >= 0; i--) {
    const [q, a] = [out[i]!, out[i + 1]!];
    // (Not an either-or question answered by 前者/后者: the answer names nothing the reader can place.)
    if (/[？?]\s*$/.test(q.text) && q.start + q.text.length === a.start && /^\s*答(?:案)?[：:]/.test(a.text))
      if (!(/还是/.test(q.text) && !/[“"]/.test(a.text) && /前者|后者|前一|后一/.test(a.text)))
        out.splice(i, 2, {
          text: q.text + a.text,
          start: q.start,
          origin: q.origin,
          answerAt: q.text.length,
        });
  }
  return out;
}
/** A numbered provision, with the part it is in when printed (第三章第1条, 第（四）条, 第三部分（2）). */
const NUMBERED =
  /(第[一二三四五六七八九十]{1,3}(?:部分|章|篇)的?)?第[（(]?[一二三四五六七八九十\d]{1,3}[）)]?(?:条|项)|任务\s*[（(]?\d{1,2}[）)]?|第[一二三四五六七八九十]{1,3}(?:部分|章|篇)[（(][一二三四五六七八九十\d]{1,3}[）)]/g;
/** Words joining the provisions of a sentence in one claim (分别, 都是, 均, 两者). */
const JOINED = /分别|都(?!市|会)|均|两者|二者|同样|一并/;
/** A clause opening on a numbered provision (，第6条…, ；而第7条…). */
const NUMBERED_CLAUSE = /[，,；;](?=(?:而)?第[（(]?[一二三四五六七八九十\d]{1,3}[）)]?条)/g;
/** A sentence announcing parts (两个关键词, 两方面, 分两条) and one answering back to them (前一个, 后者, 这一点). */
const ANNOUNCES = /[两二三四五六几]个(?:关键词|方面|重点|要点|层次)|[两二三]方面|分(?:成)?[两二三]条/;
const ANSWERS_BACK = /前一个|后一个|前者|后者|这[一扇个项层点些]|此项|它/;
/** A sentence without its opening label and speaker (【应询】自治区公安厅厅长王建军：…). */
const unlabelled = (text: string) =>
  text.replace(/^\s*(?:【[^】]{1,8}】)?(?:[^，,。；;：:“”]{1,30}[：:])?/, '');
/** A sentence opening on a numbered provision (第三章第1条…, 《方案》第（四）条…). */
const PROVISION_START =
  /^\s*(?:《[^》]*》)?(?:第[一二三四五六七八九十\d（(]{1,4}[）)]?(?:部分|章|篇|条)|任务\s*[（(]?\d{1,2}[）)]?)/;
/** A local provision named by number (前5条, 第3条, 第二部分). */
const PROVISION_NAMED =
  /前[两二三四五六七八九十\d]{1,3}条|第[（(]?[一二三四五六七八九十\d]{1,3}[）)]?(?:条|部分|章)|任务\s*[（(]?\d{1,2}[）)]?/;

export interface ExplicitLinks {
  /** Local action → upper action. */
  sections: AlignmentLink[];
  /** Local measure → upper task. */
  measures: AlignmentLink[];
  /** Local measure → upper action (the statement names the action, not one of its tasks). */
  measureSections: AlignmentLink[];
  /** Statements that a local measure has no counterpart (in the action or task named, or at all). */
  denials: Denial[];
}

/** 第（十七）条…和国家都市圈培育行动的任务清单不沾边: the measure, what it is said not to answer, the statement. */
export interface Denial {
  from: string;
  /** The upper action or task the statement names (null: the upper plan as a whole). */
  to: string | null;
  evidence: Evidence;
}

/**
 * Explicit links from interpretations (paired with their plans) and from statements inside plans.
 * `planOf` gives the plan an interpretation explains (null: unknown, links then start at the
 * interpretation's own provisions).
 */
export function explicitLinks(
  plans: PolicyDocument[],
  interpretations: { doc: PolicyDocument; plan: PolicyDocument | null }[],
  index: NationalIndex,
): ExplicitLinks {
  const generic = index.vocabulary.generic;
  const upperSections = index.sections.filter((s) => s.kind === 'action' || s.kind === 'safeguards');
  const terms = ownTerms(index);
  const entries: UpperEntry[] = [
    ...upperSections.map((s) => ({
      id: s.id,
      titleSimplified: s.titleSimplified,
      kind: 'section' as const,
      section: s,
      pairs: titlePairs(s.titleSimplified, generic),
      terms: terms.get(s.id) ?? [],
    })),
    ...index.tasks.map((t) => ({
      id: t.id,
      titleSimplified: t.title,
      kind: 'measure' as const,
      section: t.section,
      pairs: titlePairs(t.title, generic),
      terms: terms.get(t.id) ?? [],
    })),
  ];
  const out: ExplicitLinks = { sections: [], measures: [], measureSections: [], denials: [] };
  const deny = (from: LinkEnd, st: Statement, unit: Unit, doc: PolicyDocument) => {
    const to = st.task?.id ?? st.action?.id ?? st.inferred?.id ?? null;
    // Naming nothing of the upper plan, a denial covers it all only when it names the plan as a whole
    // (国家行动计划里没有单列), not something else of the state's (国家关于乡村振兴的部署).
    if (!to && !WHOLE_PLAN.test(st.sentence)) return;
    out.denials.push({ from: from.id, to, evidence: statementEvidence(st, unit, doc) });
  };
  const seen = new Map<string, AlignmentLink>();
  // A link stated more than once (a table row and a sentence, the plan and its interpretation) is one
  // link with every statement as its evidence.
  const push = (list: AlignmentLink[], link: AlignmentLink) => {
    const key = `${link.from}→${link.to}`;
    const first = seen.get(key);
    if (!first) {
      seen.set(key, link);
      list.push(link);
      return;
    }
    // Named by one statement, inferred by another: the link is as sure as its surest statement.
    first.score = Math.max(first.score, link.score);
    for (const e of link.evidence)
      if (!first.evidence.some((x) => x.text === e.text && x.source?.line === e.source?.line))
        first.evidence.push(e);
  };

  for (const { doc, plan } of interpretations) {
    const local = plan ? planEntries(plan) : null;
    for (const unit of units(doc, false)) {
      for (const st of statements(unit, entries, index, false)) {
        // The local end(s): what the statement says it proposes, else the interpretation's own heading.
        let froms: { entry: LinkEnd; level: 'section' | 'measure' }[] = [];
        let fromPlan = doc.id;
        // The national action the statement names: which part a bare 第（一）条 is in.
        const upper = st.task?.section ?? st.action ?? null;
        // A sentence naming the local side precisely (第四部分第13条, a quoted title or programme) is read
        // from that name first: the next sentence or the heading is only a guess.
        let precise =
          local && plan && st.direct
            ? preciseLocals(st.direct, plan, local, entries, generic, { restated: false, upper })
            : [];
        let quoted: Statement = st;
        if (local && plan && st.direct && st.previous && (!precise.length || JOINED_BACK.test(st.sentence))) {
          const withPrevious = preciseLocals(st.previous.text + st.direct, plan, local, entries, generic, {
            restated: false,
            upper,
          });
          if (withPrevious.length) {
            precise = withPrevious;
            quoted = { ...st, start: st.previous.start, directStart: st.previous.start };
          }
        }
        const planGoals = plan?.sections.filter((x) => x.kind === 'goals') ?? [];
        if (plan && st.action?.kind === 'goals') {
          // A goals statement: the plan's goals section, however the sentence names it; of two (总体思路,
          // 发展目标), the one its line names by title, else the one holding a figure it quotes (83%).
          const line = unit.text.slice(unit.text.lastIndexOf('\n', st.start) + 1, st.end);
          const figures = (line.match(/(?<![\d.])\d+(?:\.\d+)?[%％]/g) ?? []).map((f) =>
            f.replace('％', '%'),
          );
          const goals =
            planGoals.length === 1
              ? planGoals
              : [
                  planGoals.filter((g) => line.includes(g.titleSimplified)),
                  planGoals.filter((g) =>
                    figures.some((f) => g.textSimplified.replace(/％/g, '%').includes(f)),
                  ),
                ].find((c) => c.length === 1);
          if (!goals || goals.length !== 1) continue;
          froms = [{ entry: goals[0]!, level: 'section' }];
          fromPlan = plan.id;
        } else if (local && plan && precise.length) {
          froms = precise;
          fromPlan = plan.id;
          quoted = { ...quoted, start: quoted.directStart };
        } else if (local && plan && st.cooccur) {
          froms = preciseLocals(st.localText, plan, local, entries, generic, { upper });
          // 随迁子女同样享受十五年公费教育。这一条对的是国家…: the sentence before says what the provision is.
          const before = st.previous ?? (st.directStart < st.start ? { start: st.directStart } : null);
          if (!froms.length && before) {
            const text = unit.text.slice(before.start, st.start) + st.localText;
            froms = preciseLocals(text, plan, local, entries, generic, { upper });
            if (froms.length) quoted = { ...st, start: before.start, directStart: before.start };
          }
          // 这一章整体接续的是国家…: the part the interpretation's heading is about (案例正文之一：新南京人市民化).
          if (
            !froms.length &&
            unit.kind === 'section' &&
            /(?:^|[，,；;])\s*这一?(?:章|部分|篇)/.test(localHalf(st.localText))
          ) {
            const part = resolve(headingPhrase(unit.title), local.sections, generic);
            if (part) froms = [{ entry: part, level: 'section' }];
          }
          if (!froms.length) continue;
          fromPlan = plan.id;
        } else if (local && plan) {
          let from: LinkEnd | null = null;
          let level: 'section' | 'measure' = unit.kind;
          const ordinal = byOrdinal(st.localText, plan, generic, upper);
          const ordinalMeasure = local.measures.find((m) => m.id === ordinal?.id) ?? null;
          const sec =
            (ordinalMeasure ? null : ordinal) ??
            resolve(st.localPhrase, local.sections, generic) ??
            (unit.kind === 'section' ? resolve(headingPhrase(unit.title), local.sections, generic) : null);
          const restated = resolveScored(withoutAdditions(st.localPhrase), local.measures, generic);
          const mea =
            ordinalMeasure ??
            restated?.entry ??
            (unit.kind === 'measure'
              ? (resolve(unit.title, local.measures, generic) ?? resolve(unit.text, local.measures, generic))
              : null) ??
            (sec && !st.subject ? null : quoting(st.localPhrase, local.measures, generic));
          // A point (一是…), a statement's subject, a numbered item or a quoted title: the measure itself.
          // 在都市圈方面，…: the part of the plan about it; “提升城市安全韧性水平”…单列为一个部分: that part.
          const aspect = /^[^。，,；;]{0,8}?在([^。，,；;]{2,14}?)方面/.exec(st.sentence);
          const quote = /[“"]([^”"]{2,40})[”"]/.exec(st.localPhrase);
          // …提出分类放开放宽落户条件、推动公共服务资源按常住人口配置等7项举措: the part of the measures named.
          const many =
            /等\s*[\d一二三四五六七八九十]+\s*(?:项|条)|[\d一二三四五六七八九十]+\s*(?:项|条)(?:举措|措施)/.test(
              st.localPhrase,
            );
          // A phrase closely restating one measure names that measure, whatever part the sentence is about.
          const close = restated !== null && restated.score >= CLOSELY;
          const part =
            ordinalMeasure || st.subject || (close && !many)
              ? null
              : ((aspect ? aspectPart(aspect[1]!, local.sections, generic) : null) ??
                (quote && /部分/.test(st.sentence) ? quotedPart(quote[1]!, local.sections, generic) : null) ??
                (many ? partOfAll(st.localPhrase, local, generic) : null));
          const pointed =
            unit.kind === 'measure' ||
            st.subject ||
            ordinalMeasure !== null ||
            /[“"]/.test(st.localPhrase) ||
            close;
          if (part) [from, level] = [part, 'section'];
          else if (pointed && mea) [from, level] = [mea, 'measure'];
          else if (sec) [from, level] = [sec, 'section'];
          else if (mea) [from, level] = [mea, 'measure'];
          else if (unit.kind === 'measure') {
            const parent = resolve(headingPhrase(unit.section.titleSimplified), local.sections, generic);
            if (parent && st.action) [from, level] = [parent, 'section'];
          }
          // Nothing named: the measure whose content the local half restates, if one clearly.
          if (!from)
            [from, level] = [restatedByContent(localHalf(st.localText), local.measures, generic), 'measure'];
          // …or the one whose title's words it names (换燃气、供水旧喉管，就是国家…).
          if (!from) {
            const [held, other] = titleWords(
              localHalf(subjectOf(st.localText)),
              local.measures,
              entries,
              generic,
              false,
            );
            if (held && !other) [from, level] = [held, 'measure'];
          }
          if (!from) continue; // the plan is known but the statement's local side is not in it
          froms = [{ entry: from, level }];
          fromPlan = plan.id;
        } else froms = [{ entry: { id: unit.id, titleSimplified: unit.title }, level: unit.kind }];
        // 第21条…和第22条…，分别接手国家…中的园区和人才两项任务: the n-th provision named answers the n-th task.
        // (Both sides in the order the sentence names them; when a provision's place is not found, every pair.)
        // (Where the provisions are named is looked up only for a sentence that pairs them.)
        const pairs =
          !st.denied &&
          /分别/.test(st.sentence) &&
          froms.length > 1 &&
          froms.length === st.listed.length &&
          froms.every((f) => f.level === 'measure');
        const statementText = pairs ? unit.text.slice(quoted.start, st.end) : '';
        const places = pairs ? froms.map((f) => namedAt(statementText, f.entry, plan)) : [];
        const respectively = pairs && places.every((at) => at >= 0) && new Set(places).size === places.length;
        if (respectively) {
          const order = froms.map((f, k) => ({ f, at: places[k]! })).sort((a, b) => a.at - b.at);
          froms = order.map((o) => o.f);
        }
        for (const [n, { entry, level }] of froms.entries()) {
          if (st.denied) {
            if (level === 'measure' && fromPlan !== doc.id) deny(entry, quoted, unit, doc);
            continue;
          }
          const made = targets(st, level);
          for (const one of respectively ? [made[n]!] : made)
            push(out[one.list], link(entry, fromPlan, { ...quoted, ...one }, unit, doc, index));
        }
      }
    }
    for (const row of tableRows(doc, plan?.id ?? doc.id, entries, local, generic, index))
      push(row.level === 'section' ? out.sections : out.measures, row.link);
  }

  for (const plan of plans) {
    for (const unit of units(plan, true)) {
      for (const st of statements(unit, entries, index, true)) {
        if (st.denied) {
          if (unit.kind === 'measure') deny(unit.own!, st, unit, plan);
          continue;
        }
        for (const made of targets(st, unit.kind))
          push(out[made.list], link(unit.own!, plan.id, { ...st, ...made }, unit, plan, index));
      }
    }
    for (const row of tableRows(plan, plan.id, entries, planEntries(plan), generic, index))
      push(row.level === 'section' ? out.sections : out.measures, row.link);
  }
  return out;
}

/**
 * What a statement links, given the level of its local end: a measure to the task it names (else to the
 * action it names: a measure → action statement); a section to the action it names, or to the action of
 * the task(s) it names, or (interpretations) to the action its terms point to.
 */
function targets(st: Statement, level: 'section' | 'measure'): Target[] {
  if (level === 'measure' && st.listed.length)
    return st.listed.map((t) => ({ list: 'measures', target: t, score: 1, to: null }));
  const one = target(st, level);
  return one ? [one] : [];
}

interface Target {
  list: 'sections' | 'measures' | 'measureSections';
  target: UpperEntry | Section;
  score: number;
  to: Evidence['to'];
}

function target(st: Statement, level: 'section' | 'measure'): Target | null {
  const toOf = (a: Section) => {
    const core = coreTitle(a.titleSimplified);
    const at = a.textSimplified.indexOf(core);
    return at >= 0 ? { start: at, end: at + core.length } : null;
  };
  if (level === 'measure') {
    if (st.task) return { list: 'measures', target: st.task, score: 1, to: null };
    if (st.action) return { list: 'measureSections', target: st.action, score: 1, to: toOf(st.action) };
    if (st.inferred) return { list: 'measureSections', target: st.inferred, score: INFERRED_SCORE, to: null };
    return null;
  }
  if (st.action) return { list: 'sections', target: st.action, score: 1, to: toOf(st.action) };
  if (st.task) return { list: 'sections', target: st.task.section, score: INFERRED_SCORE, to: null };
  if (st.inferred) return { list: 'sections', target: st.inferred, score: INFERRED_SCORE, to: null };
  return null;
}

function planEntries(plan: PolicyDocument): { sections: LocalEnd[]; measures: LocalEnd[] } {
  const sections = plan.sections.filter(
    (s) => s.kind === 'action' || s.kind === 'safeguards' || (s.kind === 'other' && s.measures.length > 0),
  );
  return { sections, measures: sections.flatMap((s) => s.measures) };
}

/**
 * 《实施方案》第三部分 / 第三章, 第二部分第（四）条, 第26条: the plan's section printed with that number, or
 * the measure numbered so inside it (else in that place), or the one measure of the plan numbered so. With
 * measures numbered afresh in each part, a bare 第（一）条 is the one in the part `upper` (the national action
 * the statement names) is closest to by title, else the one the words after it describe, else the one the
 * statement describes.
 */
function byOrdinal(
  text: string,
  plan: PolicyDocument,
  generic: Set<string> = new Set(),
  upper: Section | null = null,
): LinkEnd | null {
  const NUM = '[一二三四五六七八九十\\d]{1,3}';
  // (第二部分（3）: the part's measure numbered (3), as a question bank writes it.)
  const m = new RegExp(
    `第([一二三四五六七八九十]{1,3})(?:部分|章|篇)(?:的?第[（(]?(${NUM})[）)]?(?:项|条|点)|[（(](${NUM})[）)])?`,
  ).exec(text);
  // 第二至第五部分, 第二、第三部分: a range or a list names no one provision.
  if (m && /第?[一二三四五六七八九十\d]{1,3}(?:部分|章|篇)?\s*[至到—～~、-]\s*$/.test(text.slice(0, m.index)))
    return null;
  if (!m) {
    // 第26条 with no part: the measures are numbered across the plan (第（3）项, 任务（3）, 任务10 as a task
    // list calls them).
    const item = new RegExp(
      `第[（(]?(${NUM})[）)]?(?:条|项(?!重点|任务|行动))|任务\\s*[（(]?(\\d{1,2})[）)]?`,
    ).exec(text);
    if (!item) return null;
    const n = ordinalOf((item[1] ?? item[2])!);
    const found = plan.sections.flatMap((s) => s.measures).filter((x) => numberOf(x.label) === n);
    if (found.length <= 1) return found[0] ?? null;
    if (upper) {
      const closeness = found
        .map((x) => {
          const part = plan.sections.find((s) => s.measures.includes(x))!;
          return { x, s: titleSimilarity(part.titleSimplified, upper.titleSimplified, generic) };
        })
        .sort((a, b) => b.s - a.s);
      if (closeness[0]!.s > 0 && closeness[0]!.s > closeness[1]!.s) return closeness[0]!.x;
    }
    // 第4条写县城，第5条写兵团城镇: the one the words right after the number describe (or, when none
    // follow, the words before it in its clause: 县城补短板是第（四）条).
    // (…up to the next number: 第（三）项培训和第（四）项零工驿站)
    const after = text
      .slice(item.index + item[0].length)
      .split(/[，,。；;：:]|[和与及、]?第[（(]?[一二三四五六七八九十\d]/)[0]!;
    const words =
      after ||
      text
        .slice(0, item.index)
        .split(/[，,。；;：:]/)
        .pop()!;
    // (Words that are all generic still tell the provisions apart: 第（三）项培训.)
    const specific = titlePairs(words, generic);
    const own = specific.size ? specific : titlePairs(words);
    // (By the titles first: 培训 is in 开展来厦务工人员技能培训's title, and in the text of 实训基地 too.)
    for (const of of [
      (x: Measure) => x.titleSimplified,
      (x: Measure) => `${x.titleSimplified}${x.textSimplified}`,
    ]) {
      if (!own.size) break;
      const described = found.map((x) => ({ x, s: coverage(own, of(x)) })).sort((a, b) => b.s - a.s);
      if (described[0]!.s > 0 && described[0]!.s >= 2 * described[1]!.s) return described[0]!.x;
    }
    // Numbered afresh in each part: the one of them the statement describes, clearly.
    const ranked = found
      .map((x) => ({ x, s: coverage(titlePairs(text, generic), `${x.titleSimplified}${x.textSimplified}`) }))
      .sort((a, b) => b.s - a.s);
    return ranked[0]!.s >= 0.15 && ranked[0]!.s >= 1.5 * ranked[1]!.s ? ranked[0]!.x : null;
  }
  const found = plan.sections.filter(
    (s) => s.label.replace(/[、.．]/g, '') === m[1] || s.label === `第${m[1]}章`,
  );
  const section = found.length === 1 && found[0]!.measures.length > 0 ? found[0]! : null;
  const item = m[2] ?? m[3];
  if (!section || !item) return section;
  // 第二部分第1条到第6条: a run of its measures is the part.
  if (/^\s*(?:到|至|—|～|~|-)\s*第/.test(text.slice(m.index + m[0].length))) return section;
  const n = ordinalOf(item);
  return section.measures.find((x) => numberOf(x.label) === n) ?? section.measures[n - 1] ?? section;
}

/** A body a statement names by name (省推进新型城镇化工作领导小组), the way a plan's measure names it. */
const BODY = /[\p{Script=Han}]{2,24}?(?:领导小组|联席会议|工作专班|指挥部)/gu;
/** The upper plan's target figure spoken of (国家行动计划的目标是全国接近70%, 国家目标). */
const NATIONAL_TARGET = /国家[^，,。；;]{0,8}?目标(?:是|为)[^，,。；;]{0,10}?\d+(?:\.\d+)?%|国家目标/;
/** Words naming a plan's goals (总目标, 总体要求) …, and the upper plan's goal indicators (城镇化率): a statement about them links the goals sections. */
const GOALS_WORDS = ['总目标', '总体目标', '主要目标', '目标任务', '总体要求'];
const goalsPatterns = new WeakMap<NationalIndex, RegExp>();
/** The upper plan's goals named: its goals words or the indicators its goals section sets targets for (and their last four characters: 常住人口城镇化率 → 城镇化率). */
function goalsPattern(index: NationalIndex): RegExp {
  let re = goalsPatterns.get(index);
  if (!re) {
    const indicators = index.document.sections
      .filter((x) => x.kind === 'goals')
      .flatMap((x) => x.targets.map((t) => toSimplified(t.indicator)))
      .filter((i) => i.length >= 4);
    const words = [...GOALS_WORDS, ...indicators, ...indicators.map((i) => i.slice(-4))];
    // …离国家行动计划提出的接近70%还有不小差距: the figures the goals set, spoken of as percentages.
    const figures = index.document.sections
      .filter((x) => x.kind === 'goals')
      .flatMap((x) =>
        x.targets.filter((t) => t.unit === '%' && t.value !== null).map((t) => `(?<![\\d.])${t.value}%`),
      );
    re = new RegExp(
      [...[...new Set(words)].map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')), ...new Set(figures)].join(
        '|',
      ),
    );
    goalsPatterns.set(index, re);
  }
  return re;
}
/** 在都市圈方面: the part whose title holds the words, alone; else the one they restate. */
function aspectPart(words: string, sections: LocalEnd[], generic: Set<string>): LinkEnd | null {
  const holders = sections.filter((x) => x.titleSimplified.includes(words));
  return holders.length === 1 ? holders[0]! : resolve(words, sections, generic);
}

/** The one part holding every measure a list of phrases restates (分类放开放宽落户条件、推动公共服务资源…等7项举措). */
function partOfAll(
  list: string,
  local: { sections: LocalEnd[]; measures: LocalEnd[] },
  generic: Set<string>,
): LinkEnd | null {
  const parts = new Set<LinkEnd>();
  for (const phrase of list
    .replace(/等\s*[\d一二三四五六七八九十]+\s*(?:项|条).*$/, '')
    .split(/[、，,；;]|和|以及/)) {
    const measure = resolve(phrase, local.measures, generic);
    const part = measure && local.sections.find((x) => measure.id.startsWith(`${x.id}/`));
    if (part) parts.add(part);
  }
  return parts.size === 1 ? [...parts][0]! : null;
}

/** A statement counting tasks out (两项任务, 三项要求). */
const COUNTED = /[两二三四五六]项(?:任务|要求|内容|部署|工作)|两个方面|两方面/;

/**
 * The tasks of an action a text names by words of their titles that no other task of the action holds
 * (通勤 → 提升城际通勤效率, 分工 → 促进产业分工协作): two or more, else none.
 */
function listedTasks(
  text: string,
  action: Section,
  entries: UpperEntry[],
  generic: Set<string>,
): UpperEntry[] {
  const tasks = entries.filter((e) => e.kind === 'measure' && e.section.id === action.id);
  // The action's own title names none of its tasks (城市更新和安全韧性提升行动中…: not 安全 → 生命线安全工程).
  text = text.split(coreTitle(action.titleSimplified)).join('　');
  // Each task with where the text names it (its longest words no other task holds), in the text's order:
  // 分别接手…园区和人才两项任务 pairs them with the provisions in the order both are named.
  const found = tasks.flatMap((task) => {
    const title = task.titleSimplified;
    for (let len = title.length; len >= 2; len--)
      for (let at = 0; at + len <= title.length; at++) {
        const words = title.slice(at, at + len);
        // Words, not a join across two (建设和城中村 and 工程和城市 share 和城).
        if (/^[和与及的]|[和与及的]$/.test(words)) continue;
        if (!text.includes(words) || titlePairs(words, generic).size === 0) continue;
        if (tasks.every((t) => t === task || !t.titleSimplified.includes(words)))
          return [{ task, at: text.indexOf(words) }];
      }
    return [];
  });
  return found.length > 1 ? found.sort((a, b) => a.at - b.at).map((f) => f.task) : [];
}

/** A quoted title followed by 部分 (“加快农业转移人口市民化”部分). */
const PART_AFTER = /^\s*(?:这一|这个|一)?(?:部分|篇|章)/;

/** A quoted part title, in a sentence about a part: the part whose title it closely restates. */
function quotedPart(quoted: string, sections: LocalEnd[], generic: Set<string>): LinkEnd | null {
  const part = resolveScored(quoted, sections, generic);
  return part && part.score >= CLOSELY ? part.entry : null;
}

/** A number after the national side that it is handed to (由第五章第6条, 写进第（三）条, 放在第四部分). */
const HANDED_TO =
  /(?:由|交由|归入|写进|写入|放在|落在|落到|见于?)(?:《[^》]*方案》)?(第[（(]?[一二三四五六七八九十\d]{1,3}[）)]?(?:部分|章|篇|条|项)(?:的?第[（(]?[一二三四五六七八九十\d]{1,3}[）)]?(?:条|项))?)/;

/** A sentence referring back to a provision named before it (这一部分, 这部分, 该条, 它们). */
const BACK_REFERENCE =
  /(?:^|[，,；;])\s*它(?:和|与|同|跟|连同)|它们|这一部分|这部分|该部分|这一条|这条|该条|本条|(?:其余|其他|其它)[一两二三四五六七八九十\d]{0,3}条|前[两二三四五六七八九十\d]{1,3}条|这[两二三四五六七八九十\d]{1,3}条|(?:^|[，,；;])\s*这(?:套|项|种|些|一)[^，,。；;]{0,8}?(?:安排|举措|措施|做法|规定|设计|条款|机制|办法|制度)/;

/** A provision named by the end of its title: X一条, X这一条, X共用一条, X这一部分, X这一章 (not 条件, 条例). */
const FRAGMENT =
  /(?:共用|同处|合为|合成|单列|自成|独成|列为|写成)?(?:(?:这一|这|一)(条|部分|项)(?![件例款目任])|(?:这一|这)(章)(?!程))/g;
/**
 * Numbered provisions in clauses of their own, the first making no claim of its own (第（六）条管养老…，第（二）
 * 条管医保，国家…): the sentence's claim is theirs together (sentences() keeps such a sentence whole).
 */
function sharedClaim(text: string): boolean {
  const numbered = text.split(/[，,；;]/).filter((clause) => PROVISION_NAMED.test(clause));
  return numbered.length > 1 && !UPPER.test(numbered[0]!) && !denies(numbered[0]!);
}

/** Two numbered provisions joined by 和 in one clause (第（三）项培训和第（四）项零工驿站). */
const JOINED_NUMBERS =
  /第[（(]?[一二三四五六七八九十\d]{1,3}[）)]?(?:条|项)[^，,。；;第]{0,12}?(?:和|与|及|、)第[（(]?[一二三四五六七八九十\d]{1,3}[）)]?(?:条|项)/;

/** Words saying a statement names several local provisions at once (两条, 分成, 合起来, 连同). */
const SEVERAL =
  /两条|两项|两块|三条|分成|合在|合起来|加起来|拼起来|拼齐|连同|并作|同一条|两款|两处|一起|一道/;
/** A sentence joining the provision named before it to one it names (它和第2条的就业窗口一起，…). */
const JOINED_BACK =
  /(?:^|[，,；;])\s*(?:它|这一?条|该条)(?:和|与|同|跟|连同)[^，,。；;]{0,20}?(?:一起|一道|一同)/;

/**
 * The local side of a sentence naming both sides (no word of correspondence), every provision it names
 * precisely: a number (第四部分第13条, 第3条), a quoted title or programme name (not a quoted upper
 * title), a body named as one measure names it (领导小组), or (`restated`, or when the sentence says it
 * names several) a clause closely restating a provision's title — nothing looser.
 */
function preciseLocals(
  text: string,
  plan: PolicyDocument,
  local: { sections: LocalEnd[]; measures: LocalEnd[] },
  entries: UpperEntry[],
  generic: Set<string>,
  { restated = true, upper = null }: { restated?: boolean; upper?: Section | null } = {},
): { entry: LinkEnd; level: 'section' | 'measure' }[] {
  const out: { entry: LinkEnd; level: 'section' | 'measure' }[] = [];
  const add = (entry: LinkEnd | null, level: 'section' | 'measure') => {
    if (entry && !out.some((o) => o.entry.id === entry.id)) out.push({ entry, level });
  };
  // 除第7条外，其余六条…: what is excepted is not named.
  text = withoutAdditions(ownClaim(text)).replace(/除(?:了)?[^，,。；;]{1,20}?(?:以外|之外|外)/g, '');
  // The sentence is about a part (单列为一个部分, 这一部分): a quoted part title names it.
  const partWords = /一个部分|这一部分|本部分|该部分/.test(text);
  const localPart = localHalf(text);
  const ordinal = byOrdinal(localPart, plan, generic, upper);
  const isMeasure = (e: LinkEnd) => local.measures.some((x) => x.id === e.id);
  const within = (e: LinkEnd) => !ordinal || (!isMeasure(ordinal) && e.id.startsWith(`${ordinal.id}/`));
  for (const q of localPart.matchAll(/[“"]([^”"]{2,40})[”"]/g)) {
    const quoted = q[1]!;
    // “加快农业转移人口市民化”部分: a part's title, however closely it copies a national one.
    const aboutPart = partWords || PART_AFTER.test(localPart.slice(q.index + q[0].length));
    const part = aboutPart ? quotedPart(quoted, local.sections, generic) : null;
    if (part) {
      add(part, 'section');
      continue;
    }
    // A quoted upper title (国家“促进产业分工协作”这副担子) names the upper side, not the local one.
    if (namedUpper(quoted, entries).length) continue;
    const title = resolveScored(quoted, local.measures, generic);
    if (title && title.score >= CLOSELY && within(title.entry)) add(title.entry, 'measure');
    // A programme's name (“一网统管”) held by one measure; inside 第四部分，它以“双城记”为牵引… the part is meant
    // (beside a numbered measure, “技能大连”培训行动与第6条中…, both measures are).
    else if (!ordinal || isMeasure(ordinal)) add(heldByOne(quoted, local.measures), 'measure');
  }
  // 稳业参保一条, 大连都市圈这一条, 昌九一体化和昌抚一体化共用一条, 辽西北和县域城镇化这一部分: the end of a
  // provision's title, just before 一条 or 这一部分, that one provision's title holds.
  for (const cue of localPart.matchAll(FRAGMENT)) {
    const level = cue[1] === '条' || cue[1] === '项' ? 'measure' : 'section';
    const pool = level === 'section' ? local.sections : local.measures;
    const run = /\p{Script=Han}{0,16}$/u.exec(localPart.slice(0, cue.index))![0];
    // (X一项 takes four characters of a title or more: 生命线一项 is as often the national task's name.)
    for (let len = run.length; len >= (cue[1] === '项' ? 4 : 3); len--) {
      const holders = pool.filter((e) => e.titleSimplified.includes(run.slice(-len)));
      if (!holders.length) continue;
      if (holders.length === 1 && (level === 'section' || within(holders[0]!))) add(holders[0]!, level);
      break;
    }
  }
  // 技能提升和零工市场两条举措: as many provisions as counted, each by the end of its title, joined by 和.
  for (const cue of localPart.matchAll(/([两二三四])(?:条|项)(?:举措|措施)/g)) {
    const run = /[\p{Script=Han}、]{0,40}$/u.exec(localPart.slice(0, cue.index))![0];
    const pieces = run.split(/和|与|及|、/);
    const held = pieces.map((piece) => {
      for (let len = piece.length; len >= 3; len--) {
        const holders = local.measures.filter((e) => e.titleSimplified.includes(piece.slice(-len)));
        if (holders.length) return holders.length === 1 ? holders[0]! : null;
      }
      return null;
    });
    if (held.length === ordinalOf(cue[1]!.replace('两', '二')) && held.every((h) => h !== null && within(h)))
      for (const h of held) add(h, 'measure');
  }
  // 专项行动四是国家…: a part named by the label its printed title opens with (专项行动四：厦漳泉…).
  if (!ordinal)
    for (const section of local.sections) {
      const label = /^([^：:，,]{3,8})[：:]/.exec(section.titleSimplified)?.[1];
      if (label && localPart.includes(label)) add(section, 'section');
    }
  if (ordinal && (!out.length || (isMeasure(ordinal) && out.every((o) => o.level === 'measure'))))
    add(ordinal, isMeasure(ordinal) ? 'measure' : 'section');
  // 第3条…，第4条…，合起来才是国家…: every provision numbered, when the sentence says it names several (a
  // bare number read in the part named before it: 第三章第1条…，第2条…).
  if (ordinal && (SEVERAL.test(text) || sharedClaim(text) || JOINED_NUMBERS.test(localPart))) {
    let part = '';
    let last: Section | null = null;
    for (const n of localPart.matchAll(NUMBERED)) {
      if (n[1]) part = n[1];
      // A bare number after a provision of a part numbered afresh: the measure so numbered in that part.
      const label = ordinalOf(n[0].replace(/^.*(?:第|任务\s*)[（(]?|[）)]?[条项]?$/g, ''));
      const sameSection: LinkEnd | undefined = n[1]
        ? undefined
        : last?.measures.find((x) => numberOf(x.label) === label);
      const found: LinkEnd | null =
        sameSection ?? byOrdinal(`${n[1] ? '' : part}${localPart.slice(n.index)}`, plan, generic, upper);
      if (!found || !isMeasure(found)) continue;
      add(found, 'measure');
      // (Typed: \`last\` feeds \`found\` in the next round, which TypeScript cannot infer through.)
      const id: string = found.id;
      last = plan.sections.find((s): boolean => s.measures.some((x) => x.id === id)) ?? null;
    }
  }
  for (const run of text.matchAll(BODY)) {
    if (/国家|国务院|部际/.test(clauseBefore(text, run.index) + run[0])) continue;
    // The run of characters before 领导小组 starts wherever the clause does (第八部分明确由省推进…领导小组):
    // its shortest ending (six characters or more) that one measure holds is the body's name.
    for (let len = Math.min(6, run[0].length); len <= run[0].length; len++) {
      const held = local.measures.filter((e) => e.textSimplified.includes(run[0].slice(-len)));
      if (held.length === 1) add(held[0]!, 'measure');
      if (held.length <= 1) break;
    }
  }
  const several = SEVERAL.test(text);
  // 保障性租赁住房由市住建局牵头，它在国家那边…: words of one measure's title, and of no other's.
  if (restated && !out.length)
    for (const held of titleWords(localHalf(subjectOf(text)), local.measures, entries, generic, several))
      add(held, 'measure');
  if (!restated && !several) return out;
  // Clauses; when the sentence names several provisions, their titles may be joined by 和 too.
  for (const clause of text.split(several ? /[，,；;：:、]|和|与|连同|以及/ : /[，,；;：:、]|连同|以及/)) {
    // A clause naming an upper provision (local titles often copy national ones) is the upper side.
    if (clause.length < 4 || namedUpper(clause, entries).length) continue;
    const close = resolveScored(clause, local.measures, generic);
    if (close && close.score >= CLOSELY) add(close.entry, 'measure');
  }
  if (!out.length && restated) {
    const section = resolveScored(text, local.sections, generic);
    if (section && section.score >= CLOSELY) add(section.entry, 'section');
  }
  // 高职院校到区县设分校、每个区县办好1所中职学校，这是为国家…准备的一条: a clause restating what one
  // measure's text says, clearly more than any other measure's.
  if (!out.length && restated) {
    // Each clause without a label or speaker (【解说】, 刘建疆：).
    for (const clause of localPart
      .replace(/^(?:【[^】]{1,8}】|[^，,。；;：:]{1,12}[：:])/, '')
      .split(/[，,；;：:。]/)) {
      const pairs = titlePairs(clause, generic);
      if (pairs.size < 8) continue;
      const ranked = local.measures
        .map((m) => ({ m, s: coverage(pairs, m.textSimplified) }))
        .sort((a, b) => b.s - a.s);
      const [best, second] = ranked;
      if (best && best.s >= CONTENT && best.s >= 2 * (second?.s ?? 0)) add(best.m, 'measure');
    }
  }
  if (!out.length && restated) add(restatedByContent(localPart, local.measures, generic), 'measure');
  return out;
}

/**
 * What a statement says before it first names the national side: its subject (城中村改造一项主要回应国家…，
 * 其中腾出房源转作保障性租赁住房，又与国家… is about 城中村改造, not the housing it mentions after).
 */
function subjectOf(text: string): string {
  const at = text.search(NATIONAL);
  return at > 0 ? text.slice(0, at) : text;
}

/**
 * The measures a text names by words of their titles (three characters or more, two pairs that are not
 * generic) that no other measure's title and no upper title holds: the longest such words of each clause
 * (保障性租赁住房 → 筹建保障性租赁住房, 易涝点 → 整治城市易涝点). One measure, or (`several`: the sentence
 * says it names several) one per clause; none when clauses disagree.
 */
function titleWords(
  text: string,
  measures: LocalEnd[],
  entries: UpperEntry[],
  generic: Set<string>,
  several: boolean,
): LocalEnd[] {
  const held: LocalEnd[] = [];
  const only = (words: string) => {
    const by = measures.filter((m) => m.titleSimplified.includes(words));
    return by.length === 1 && !entries.some((e) => e.titleSimplified.includes(words)) ? by[0]! : null;
  };
  // (A clause's first 40 characters: a name is near a clause's start, and a run-on paragraph stays cheap.)
  for (const clause of text.split(/[，,。；;：:、“”"（）()《》\s]|和|与|同|及/).map((c) => c.slice(0, 40))) {
    let best: { words: string; by: LocalEnd } | null = null;
    for (let at = 0; at + 3 <= clause.length; at++)
      for (let len = Math.min(12, clause.length - at); len >= 3 && len > (best?.words.length ?? 0); len--) {
        const words = clause.slice(at, at + len);
        if (titlePairs(words, generic).size < 2) continue;
        const by = only(words);
        if (by) best = { words, by };
      }
    if (best && !held.includes(best.by)) held.push(best.by);
  }
  if (held.length) return held.length === 1 || several ? held : [];
  // 换燃气、供水旧喉管 → 更新燃气和供水老旧管网: two words of one title, each in no other.
  const pairs = [...titlePairs(text, generic)].map(only);
  const by = new Set(pairs.filter((m) => m !== null));
  return by.size === 1 && pairs.filter((m) => m !== null).length >= 2 ? [...by] : [];
}

/**
 * Numbers, quotes and content are read in the local part of each clause: what precedes 国家 in it (对照国家
 * 《行动计划》第三部分，我省第四部分… names the local 第四部分, not the national 第三部分).
 */
function localHalf(text: string): string {
  return text
    .split(/(?<=[，,。；;：:])/)
    .map((clause) => {
      const at = clause.search(NATIONAL);
      if (at < 0) return clause;
      // …国家推进绿色智慧城市建设的要求由第五章第6条兜着: a number the national side is handed to is local.
      const handed = HANDED_TO.exec(clause.slice(at));
      return clause.slice(0, at) + (handed ? `\u3000${handed[1]}` : '');
    })
    .join('　');
}

/**
 * The measure whose text the local half of a statement restates in its own words (“人人持证”、零工驿站、欠薪
 * “绿色通道”三样，都是为了国家说的…): the character pairs of all its clauses, a quarter or more of them in
 * one measure's title and text and three times as many as in any other. On the labelled interpretations
 * of the tuning split this picks the labelled measure 280 times and another once.
 */
function restatedByContent(text: string, measures: LocalEnd[], generic: Set<string>): LocalEnd | null {
  const pairs = new Set<string>();
  for (const clause of unlabelled(text).split(/[，,；;：:。、“”"（）()《》\s]/))
    for (const p of titlePairs(clause, generic)) pairs.add(p);
  if (pairs.size < CONTENT_PAIRS) return null;
  const ranked = measures
    .map((m) => ({ m, s: coverage(pairs, `${m.titleSimplified}${m.textSimplified}`) }))
    .sort((a, b) => b.s - a.s);
  const [best, second] = ranked;
  return best && best.s >= CONTENT_SHARE && best.s >= 3 * (second?.s ?? 0) ? best.m : null;
}
const CONTENT_PAIRS = 8;
const CONTENT_SHARE = 0.25;
/** Share of a clause's character pairs one measure's text must hold for the clause to restate it. */
const CONTENT = 0.5;

const DIGITS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
/** 2, 十二, 二十 → a number. */
function ordinalOf(s: string): number {
  if (/^\d+$/.test(s)) return Number(s);
  const [tens, units] = s.includes('十') ? s.split('十') : ['', s];
  return (s.includes('十') ? (DIGITS[tens!] ?? 1) * 10 : 0) + (DIGITS[units!] ?? 0);
}

/** The number a provision's printed label carries ((一), 1., 3、 → 1, 1, 3). */
const numberOf = (label: string) => labelNumber(label.replace(/[（()）.．、\s]/g, '')) ?? 0;

/** The part of an interpretation heading that names the plan's action (在实施X行动方面有哪些举措 → X). */
function headingPhrase(title: string): string {
  const m = /在(.+?)方面/.exec(title);
  return (m ? m[1]! : title).replace(/《[^》]*》/g, '');
}

const HAN_DIGITS = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
/** 1–99 in Han numerals (12 → 十二, 20 → 二十). */
function hanNumber(n: number): string {
  if (n < 10) return HAN_DIGITS[n]!;
  return `${n >= 20 ? HAN_DIGITS[Math.floor(n / 10)]! : ''}十${HAN_DIGITS[n % 10]!}`;
}

/**
 * Where a statement names a measure of the plan: by its number (第（2）条, 第二项, （2）) or by its title (or the
 * first four characters of it and more); -1 when neither is found.
 */
function namedAt(text: string, entry: LinkEnd, plan: PolicyDocument | null): number {
  const measure = plan?.sections.flatMap((x) => x.measures).find((m) => m.id === entry.id);
  if (!measure) return -1;
  const n = numberOf(measure.label);
  const places: number[] = [];
  if (n > 0)
    for (const form of [String(n), hanNumber(n)]) {
      const m = new RegExp(`第[（(]?${form}[）)]?(?:条|项)|[（(]${form}[）)]`).exec(text);
      if (m) places.push(m.index);
    }
  const title = measure.titleSimplified;
  for (let len = title.length; len >= 4 && !places.length; len--)
    for (let at = 0; at + len <= title.length; at++) {
      const i = text.indexOf(title.slice(at, at + len));
      if (i >= 0) places.push(i);
    }
  return places.length ? Math.min(...places) : -1;
}

/**
 * Written Cantonese function words (a community talk in Guangdong: 佢喺国家嗰边…, 五项任务都冇…) as the
 * Mandarin ones the reader knows, one character for one so that offsets into the original hold: 冇 无,
 * 唔 不, 喺 在, 嘅 的, 佢 它, 哋 们, 嗰 那, 咗 了, 啲 些, 嚟 来, 睇 看; 呢 这 before a measure word (呢条, not
 * the Mandarin particle); 系 是 as a copula (佢系, 就系; not in 体系, 关系, 联系, 维系, 系统, 系列).
 */
const CANTONESE: Record<string, string> = {
  冇: '无',
  唔: '不',
  喺: '在',
  嘅: '的',
  佢: '它',
  哋: '们',
  嗰: '那',
  咗: '了',
  啲: '些',
  嚟: '来',
  睇: '看',
};
const readable = (text: string) =>
  asciiDigits(text)
    .replace(/[冇唔喺嘅佢哋嗰咗啲嚟睇]/g, (c) => CANTONESE[c]!)
    .replace(/呢(?=[条个项部一两二三四五六七八九十几份样种次单度些])/g, '这')
    .replace(/(?<![体关联派维谱直院母父世星语水心情根嫡旁支干阳河])系(?![统列数于])/g, '是');

function units(doc: PolicyDocument, own: boolean): Unit[] {
  const out: Unit[] = [];
  for (const s of doc.sections) {
    if (own && s.kind !== 'action' && s.kind !== 'safeguards' && !(s.kind === 'other' && s.measures.length))
      continue;
    out.push({
      id: s.id,
      title: readable(s.titleSimplified),
      text: readable(s.textSimplified),
      textOriginal: s.text,
      line: s.line,
      paragraphLines: s.paragraphLines,
      kind: 'section',
      own: own ? s : null,
      section: s,
    });
    for (const m of s.measures)
      out.push({
        id: m.id,
        title: readable(m.titleSimplified),
        text: readable(m.textSimplified),
        textOriginal: m.text,
        line: m.line,
        paragraphLines: m.paragraphLines,
        kind: 'measure',
        own: own ? m : null,
        section: s,
      });
  }
  return out;
}

interface Statement {
  /** The upper task named (one only), the upper action named (or holding the named tasks), or inferred. */
  task: UpperEntry | null;
  action: Section | null;
  inferred: Section | null;
  start: number;
  end: number;
  /** What the local side is said to propose (for resolving it to the plan's provision). */
  /** Where the sentence making the claim starts: its line is the statement's, however far back the evidence reaches. */
  claimAt: number;
  localPhrase: string;
  /** The local half of the statement. */
  localText: string;
  /** The local side is the statement's subject (X是我省落实国家…): a provision of its own, not the section. */
  subject: boolean;
  /**
   * Read from the two sides named in one sentence, with no word of correspondence (“技能河南”是国家市民化
   * 行动中…任务的河南版本; 第四部分第13条…落点在国家都市圈培育行动中的城际通勤): the local side must then be
   * named precisely (by number, a quoted name or a close restatement), never taken from the heading.
   */
  cooccur: boolean;
  /** The sentence itself. */
  sentence: string;
  /** Tasks of the action the statement counts out (通勤和分工两项任务): a measure's statement links each. */
  listed: UpperEntry[];
  /** The sentence naming the upper side (with its antecedent), when it names the national plan (and, for a statement of correspondence, denies nothing). */
  direct: string | null;
  /** Where `direct` starts in the provision's text (before `start` when it holds the antecedent). */
  directStart: number;
  /** The sentence before, when this one refers back to a provision (这一部分, 该条) and names none itself. */
  previous: { text: string; start: number } | null;
  /** The sentence says the local side has no counterpart (in what it names). */
  denied: boolean;
}

/**
 * Statements of correspondence in one provision's text. A statement is one sentence, or a sentence about
 * the upper plan followed by one about the local plan, that names the upper plan and uses a word of
 * correspondence (对照, 相应, 结合, 承接, 落实…相衔接 …). Inside a provision (an interpretation's 一是…
 * point, a plan's own text) the provision itself is the local side, so naming the upper action or task
 * with a word of correspondence is enough.
 */
function statements(unit: Unit, entries: UpperEntry[], index: NationalIndex, inPlan: boolean): Statement[] {
  const out: Statement[] = [];
  const ss = sentences(unit.text);
  // The task the provision's last statement named (null: it named an action or nothing): 同一项国家任务
  // in the next statement is that one.
  let lastTask: UpperEntry | null = null;
  for (let i = 0; i < ss.length; i++) {
    const s = ss[i]!;
    // The upper side named: 国家, 国务院, the plan's title; or one of its task or action titles quoted word
    // for word (对应“增强城镇综合承载能力”任务: a quiz's answer, a caption), or the 五年行动计划 unbracketed.
    const quotesUpper = quotedUpper(s.text, entries);
    if (!UPPER.test(s.text) && !quotesUpper) continue;
    const nationalNamed = NATIONAL.test(s.text) || quotesUpper;
    // A question (这是不是也算国家市民化行动的内容？) states nothing.
    if (/[？?]\s*$/.test(s.text)) continue;
    // A sentence denying a counterpart (与国家…不是一回事, 国家…没有这一项) states no link, whatever its
    // words: it says what the provision does not answer (the action or task it names, or the plan).
    // A quiz item with its answer slot (…能在国家…中找到对应任务。 and empty parentheses): a proposition, which the answer
    // right after it affirms (√) or denies (×); a choice or a blank to fill states nothing.
    let refuted = false;
    // (The slot after the sentence's 。 is a sentence of its own.)
    // (Or the slot with the answer after it: …任务。（ ）【答案】×.)
    const next1 = ss[i + 1]?.text ?? '';
    const slotAfter =
      /^[（(][\s\u3000]*[）)]/.test(next1) &&
      (/^[（(][\s\u3000]*[）)]\s*$/.test(next1) || VERDICT.test(next1));
    let verdict: RegExpExecArray | null = null;
    if (ANSWER_SLOT.test(s.text) || slotAfter) {
      verdict = VERDICT.exec(next1) ?? (slotAfter ? VERDICT.exec(ss[i + 2]?.text ?? '') : null);
      if (!verdict) continue;
      refuted = /[×✗✘xX错]/.test(verdict[1]!);
    }
    // (× on a proposition that denies is no denial: 找不到对应任务 judged wrong states nothing.)
    const claim = s.answerAt === undefined ? s.text : s.text.slice(s.answerAt);
    if (refuted && denies(claim)) continue;
    const denied = refuted || denies(claim);
    if (denied && !nationalNamed) continue;
    // The sentence just before, on the same line.
    const adjacent = ss[i - 1] && ss[i - 1]!.start + ss[i - 1]!.text.length === s.start ? ss[i - 1]! : null;
    // (A paragraph opening on 该条, 这一条 refers back to the last sentence of the paragraph before.)
    const above =
      !adjacent &&
      ss[i - 1] &&
      unit.text.slice(ss[i - 1]!.start + ss[i - 1]!.text.length, s.start).trim() === '' &&
      /^\s*(?:该|这一?|此|本)(?:条|项|举措)/.test(s.text)
        ? ss[i - 1]!
        : null;
    const before = adjacent ?? above;
    // 这是国家…在我区的兑现: the sentence just before says what 这 is.
    const antecedent =
      before &&
      /^\s*(?:这(?:是|一|项|条)|此(?:即|项|条)|该(?:条|项|举措)|上述|它(?!们)|(?:国家|上位)依据[：:])/.test(
        s.text,
      )
        ? before
        : null;
    const withAntecedent = antecedent ? antecedent.text + s.text : s.text;
    // …，这一部分参照国家…来部署: the part the sentence before named (第三部分专门针对旗县城镇化。).
    // 第4条明确以流入地政府管理为主…。国家保障随迁子女…，落到我区就是这两个“为主”。: a sentence opening on a
    // numbered provision is the topic of the next, when that one names none.
    // (The whole sentence before, when it was split into claims: 第3条管技能；第6条管零工市场。有了这两块，…)
    const topicSentence = before && {
      text: unit.text.slice(before.origin, before.start + before.text.length),
      start: before.origin,
    };
    const topic =
      topicSentence &&
      PROVISION_START.test(unlabelled(topicSentence.text)) &&
      !PROVISION_NAMED.test(s.text) &&
      // (社保那一条…: this sentence names a provision of its own)
      !/(?:这一|这|那一|那|该|本)(?:条|部分|章)/.test(s.text)
        ? topicSentence
        : null;
    const previous = !antecedent && before && BACK_REFERENCE.test(s.text) ? before : null;
    // The local half: the same sentence, or the next one.
    let localPart: { text: string; start: number } | null = null;
    let upperText = s.text;
    let stEnd = s.start + s.text.length;
    const localAt = s.text.search(LOCAL);
    const sameHasLocal = localAt >= 0 && CORRESPOND.test(s.text) && STATES.test(s.text.slice(localAt));
    const next = ss[i + 1];
    const localIs = LOCAL_IS.exec(s.text);
    let cooccur = false;
    if (sameHasLocal) {
      localPart = { text: s.text.slice(localAt), start: s.start + localAt };
    } else if (localIs) {
      localPart = { text: localIs[1]!, start: s.start + localIs.index };
    } else if (
      next &&
      LOCAL.test(next.text) &&
      (CORRESPOND.test(next.text) || /提出/.test(next.text)) &&
      // A next sentence naming the national side itself is a statement of its own.
      !(NATIONAL.test(next.text) && !LOCAL.test(s.text) && !/对照|[相对]应|提出/.test(next.text)) &&
      // So is one denying a counterpart (…。我省提出的X与此无直接对应。): it is no local half of this one.
      !denies(next.text)
    ) {
      localPart = next;
      stEnd = next.start + next.text.length;
    } else if (
      // 国家…这项任务里有两个关键词…。第三章第1条写前一个，第2条写后一个。: a next sentence opening on a
      // numbered provision, naming no upper side, answers this one when this one names no provision.
      !inPlan &&
      next &&
      next.start === s.start + s.text.length &&
      PROVISION_START.test(next.text) &&
      !UPPER.test(next.text) &&
      !PROVISION_NAMED.test(s.text) &&
      // …有两个关键词。第1条写前一个: announced parts, or a next sentence answering back; not 则/而/另/却.
      (ANNOUNCES.test(s.text) || ANSWERS_BACK.test(next.text)) &&
      !/^[^，,。；;]*?(?:则|却|另)|^[^，,。；;]*[，,；;]\s*而/.test(next.text) &&
      !denies(next.text)
    ) {
      localPart = next;
      stEnd = next.start + next.text.length;
    } else if (
      ((inPlan || unit.kind === 'measure') && CORRESPOND.test(s.text)) ||
      // A plan's own text naming the national side (本条是国家…工程在我省的具体化, 国家部署的…行动，我省…):
      // what it names is what the provision answers.
      (inPlan && nationalNamed)
    ) {
      localPart = { text: '', start: s.start };
    } else if (CORRESPOND.test(s.text) && LOCAL.test(s.text)) {
      localPart = { text: s.text, start: s.start };
    } else if (!inPlan && nationalNamed) {
      localPart = { text: s.text, start: s.start };
      cooccur = true;
    }
    if (!localPart) continue;
    const { phrase, proposed } = localPhrase(localPart.text);
    // The upper side is named outside what the local side is said to propose (对照国家要求，我市提出实施
    // 城市综合承载能力提升行动 names a local action, not the national task 增强城镇综合承载能力). A
    // sentence with no such verb (我省…是对国家…的具体落实) keeps all of it for naming the upper side.
    if (localPart !== next && proposed && phrase && !cooccur) {
      const at = upperText.lastIndexOf(phrase);
      if (at >= 0) upperText = upperText.slice(0, at) + upperText.slice(at + phrase.length);
    }
    // A statement naming the upper plan's title only (为贯彻落实《…五年行动计划》) cites the document:
    // the plan link, not a section or task link.
    const byTitle = namedUpper(upperText, entries);
    const allNamed = [
      ...byTitle,
      ...shortNamed(upperText, entries, index.vocabulary.generic),
      ...ordinalNamed(upperText, entries),
      ...termNamed(upperText, entries).filter((n) => !byTitle.some((t) => t.entry === n.entry)),
    ].filter(
      (n) =>
        !(index.document.titleSimplified.includes(n.entry.titleSimplified) && n.entry.kind === 'section'),
    );
    // An action whose title is part of a task's title named as fully (农业转移人口市民化 inside 完善农业转移
    // 人口市民化激励政策) is named by that task, not on its own.
    const within = (n: (typeof allNamed)[number]) =>
      n.entry.kind === 'section' &&
      allNamed.some(
        (t) =>
          t.entry.kind === 'measure' &&
          (t.cover >= n.cover || t.cover === 1) &&
          (t.entry.titleSimplified.includes(coreTitle(n.entry.titleSimplified)) ||
            [...n.entry.pairs].every((p) => !upperText.includes(p) || t.entry.pairs.has(p))),
      );
    // A short heading (组织实施, 政策措施) named beside a longer action title is a verb phrase (…的要求组织实施).
    const longer = allNamed.some((n) => n.entry.kind === 'section' && n.entry.titleSimplified.length > 4);
    const named = allNamed.filter(
      (n) => !within(n) && !(longer && n.entry.kind === 'section' && n.entry.titleSimplified.length <= 4),
    );
    if (!named.length && lastTask && SAME_TASK.test(upperText))
      named.push({ entry: lastTask, cover: 1, at: 0 });
    const actions = [...new Set(named.filter((n) => n.entry.kind === 'section').map((n) => n.entry.id))];
    // Several actions named at once is a summary (明确了四大行动), not a correspondence.
    if (actions.length > 1) continue;
    const tasks = named.filter((n) => n.entry.kind === 'measure');
    const taskSections = new Set(tasks.map((n) => n.entry.section.id));
    // 国家“常住人口城镇化率提升至接近70%”这一总目标: the national plan's goals, when no action or task is named.
    const goals =
      !inPlan &&
      named.length === 0 &&
      (goalsPattern(index).test(s.text) ||
        (topic !== null && goalsPattern(index).test(topic.text)) ||
        NATIONAL_TARGET.test(s.text)) &&
      NATIONAL.test(s.text)
        ? (index.document.sections.find((x) => x.kind === 'goals') ?? null)
        : null;
    let action =
      named.find((n) => n.entry.kind === 'section')?.entry.section ??
      (taskSections.size === 1 ? tasks[0]!.entry.section : null) ??
      goals;
    const task =
      tasks.length === 1 || (tasks.length > 1 && tasks[0]!.cover > tasks[1]!.cover) ? tasks[0]!.entry : null;
    // 国家都市圈行动中的通勤和分工两项任务都能在这里看到: every task the statement counts out, by its words.
    // Read from where the national side is named up to the count (…中的通勤和分工两项任务): the local
    // side's words and what follows are not the tasks'.
    const nationalAt = Math.max(0, upperText.search(NATIONAL));
    const counted = COUNTED.exec(upperText.slice(nationalAt));
    // …属于国家推进公共服务共建共享；…枝杈长在国家提升城际通勤效率上: tasks of one action named by their titles,
    // each in a clause naming the national side and each as fully as the other, are each linked (unless the
    // sentence sets one against another: 而不是, 而非).
    // (Or a title written out in full after the national side was named: …是国家促进产业园区提级扩能的原意；
    // 后半截…又和强化产业发展人才支撑挂上了钩.)
    // (Not what the local side is then said to propose: …与国家…相衔接，提出加强城市洪涝治理、…)
    const verbatim = (n: (typeof tasks)[number]) =>
      upperText.includes(coreTitle(n.entry.titleSimplified)) &&
      NATIONAL.test(upperText.slice(0, n.at)) &&
      !STATES.test(upperText.slice(Math.max(0, upperText.search(NATIONAL)), n.at));
    // (A task named by a term of its own is, by termNamed, named in such a clause.)
    const fully = tasks.filter((n) => NATIONAL.test(clauseBefore(upperText, n.at)) || verbatim(n));
    // Where a task is written out (its core title), else where it was named.
    const writtenAt = (n: (typeof tasks)[number]) => {
      const at = upperText.indexOf(coreTitle(n.entry.titleSimplified));
      return at >= 0 ? at : n.at;
    };
    const contrast = /不是|而非|并非|不属于/.test(upperText);
    let listed =
      action && counted
        ? listedTasks(
            upperText.slice(nationalAt, nationalAt + counted.index),
            action,
            entries,
            index.vocabulary.generic,
          )
        : action &&
            // (one named less fully than the other still counts: 保障随迁子女受教育权利)

            fully.length > 1 &&
            taskSections.size === 1 &&
            !contrast
          ? [...fully].sort((a, b) => writtenAt(a) - writtenAt(b)).map((n) => n.entry)
          : [];
    // 国家强化产业发展人才支撑和促进农业转移人口在城镇稳定就业两项任务，这一条都兜住了: tasks of two actions,
    // counted and each written out, are each linked (the statement's action is the first's).
    // (Or each in a clause of its own naming the national side: 主要扛的是国家“扩大…覆盖面”，…又替国家…中的
    // “推进公共服务共建共享”分了一份力.)
    const ownClauses =
      fully.length === 2 &&
      new Set(fully.map((n) => upperText.slice(0, writtenAt(n)).split(/[，,；;]/).length)).size === 2 &&
      new Set(fully.map((n) => n.entry.section.id)).size === 2;
    if (
      (!action || (ownClauses && fully.some((n) => n.entry.section.id === action!.id))) &&
      !task &&
      (counted || ownClauses) &&
      fully.length > 1 &&
      fully.length === tasks.length &&
      !contrast
    ) {
      listed = [...fully].sort((a, b) => writtenAt(a) - writtenAt(b)).map((n) => n.entry);
      action = fully[0]!.entry.section;
    }
    let inferred: Section | null = null;
    if (!action && !task) {
      // A denial naming no action may still say which by its terms (不在国家市民化任务之内).
      if (!denied && (inPlan || cooccur)) continue;
      const ranked = rankActions(upperText, index);
      const [best, second] = ranked;
      const clear = best && best.mass > 0 && !(second && second.mass >= best.mass * 0.75);
      // …only when it speaks of the plan's own tasks or actions (not 国家关于乡村振兴的部署).
      if (clear && (!denied || PLAN_UNITS.test(s.text))) inferred = best.action;
      else if (!denied) continue;
    }
    if (!denied) lastTask = task;
    out.push({
      task,
      action,
      inferred,
      start: s.start,
      end: stEnd,
      claimAt: s.start,
      localPhrase: phrase,
      localText: localPart.text,
      subject: !sameHasLocal && localIs !== null,
      cooccur,
      sentence: s.text,
      listed,
      direct: nationalNamed && (denied || !denies(withAntecedent)) ? withAntecedent : null,
      directStart: antecedent ? antecedent.start : s.start,
      // The topic only for a sentence naming the national side alone (not 我省《实施方案》相应提出…).
      previous: previous ?? (cooccur && !antecedent ? topic : null),
      denied,
    });
  }
  return out;
}

/** Whether a text quotes an upper task's or action's title word for word, or names the 五年行动计划. */
function quotedUpper(text: string, entries: UpperEntry[]): boolean {
  if (/五年行动计划/.test(text)) return true;
  if (!/[“"]/.test(text)) return false;
  return entries.some((e) => {
    const core = coreTitle(e.titleSimplified);
    return core.length >= 6 && (text.includes(`“${core}”`) || text.includes(`"${core}"`));
  });
}

/** The task just named, named again (同一项国家任务, 这项国家任务). */
const SAME_TASK = /同一(?:项|个)?(?:国家)?任务|(?:这|该)项?国家任务|这一国家任务/;

/** 我省《实施方案》相应提出实施X行动，重点… → 实施X行动 */
function localPhrase(text: string): { phrase: string; proposed: boolean } {
  // Not the noun (这种安排是…).
  const m =
    /(?<!这种|这一|这项|此项|该项)(?:提出|明确|部署|安排|设置|谋划|推出)(?!是)(?:了|要)?([^。，,：:；;]*)/.exec(
      text,
    );
  return m ? { phrase: m[1]!.trim(), proposed: true } : { phrase: text.trim(), proposed: false };
}

/** Each action's concepts (its own text's and its tasks'), per national index: read once, not per statement. */
const actionConcepts = new WeakMap<NationalIndex, { action: Section; concepts: Set<string> }[]>();

function rankActions(statement: string, index: NationalIndex) {
  let actions = actionConcepts.get(index);
  if (!actions) {
    actions = index.sections
      .filter((s) => s.kind === 'action' || s.kind === 'safeguards')
      .map((action) => {
        const own = concepts(`${action.titleSimplified}。${action.textSimplified}`, index.vocabulary);
        const all = new Set(own.keys());
        for (const t of index.tasks) if (t.section.id === action.id) for (const c of t.concepts) all.add(c);
        return { action, concepts: all };
      });
    actionConcepts.set(index, actions);
  }
  const mentioned = [...concepts(statement, index.vocabulary).keys()];
  return actions
    .map(({ action, concepts: held }) => ({ action, mass: mentioned.filter((c) => held.has(c)).length }))
    .sort((a, b) => b.mass - a.mass);
}

function link(
  from: LinkEnd,
  fromPlan: string,
  st: Statement & { target: UpperEntry | Section; score: number; to: Evidence['to'] },
  unit: Unit,
  doc: PolicyDocument,
  index: NationalIndex,
): AlignmentLink {
  return makeLink(end(from), fromPlan, upperEnd(st.target, index.document), st.score, 'explicit', [
    { ...statementEvidence(st, unit, doc), to: st.to },
  ]);
}

/** A statement quoted as evidence, on the line it is printed on. */
function statementEvidence(st: Statement, unit: Unit, doc: PolicyDocument): Evidence {
  return {
    kind: 'statement',
    text: unit.textOriginal.slice(st.start, st.end),
    weight: null,
    from: { start: st.start, end: st.end },
    to: null,
    source: { id: unit.id, file: doc.file, line: lineAt(unit, st.claimAt) },
  };
}

/** The line of a provision's text on which the character at `at` stands (its paragraph's line). */
function lineAt(p: { text: string; line: number; paragraphLines: number[] }, at: number): number {
  const n = p.text.slice(0, at).match(/\n/g)?.length ?? 0;
  return p.paragraphLines[n] ?? p.line + n;
}

/** Between the cells of a correspondence table written as text. */
const CELL = /(?:[|｜│\t→⇒]|——|－－|--)/;
const CELL_AFTER = new RegExp(`^\\s*${CELL.source}\\s*`);
const CELL_BEFORE = new RegExp(`\\s*${CELL.source}\\s*$`);

/**
 * Correspondence tables (国家任务｜我省举措, 国家行动——我省对应举措): an upper action's or task's title
 * next to a cell separator (｜, |, tab, ——, →), and on the other side of it a cell restating one of the
 * local plan's provisions. Rows are found by the upper titles, so rows the parser joined into one
 * paragraph still come apart.
 */
function tableRows(
  doc: PolicyDocument,
  fromPlan: string,
  entries: UpperEntry[],
  local: { sections: LinkEnd[]; measures: LinkEnd[] } | null,
  generic: Set<string>,
  index: NationalIndex,
): { level: 'section' | 'measure'; link: AlignmentLink }[] {
  if (!local) return [];
  const out: { level: 'section' | 'measure'; link: AlignmentLink }[] = [];
  const texts: Pick<Unit, 'text' | 'textOriginal' | 'id' | 'line' | 'paragraphLines'>[] = [
    {
      text: toSimplified(doc.preamble),
      textOriginal: doc.preamble,
      id: doc.id,
      line: doc.preambleLines[0] ?? 1,
      paragraphLines: doc.preambleLines,
    },
    ...units(doc, false),
  ];
  let current = texts[0]!;
  for (const t of texts) {
    if (!CELL.test(t.text)) continue;
    current = t;
    const used = new Set<number>();
    // Where upper titles stand in the text (the title, or its core without 实施…行动), longest first.
    const found: { entry: UpperEntry; start: number; end: number }[] = [];
    for (const entry of entries) {
      for (const name of new Set([entry.titleSimplified, coreTitle(entry.titleSimplified)])) {
        if (name.length < 4) continue;
        for (let at = t.text.indexOf(name); at >= 0; at = t.text.indexOf(name, at + 1))
          found.push({ entry, start: at, end: at + name.length });
      }
    }
    found.sort((x, y) => x.start - y.start || y.end - y.start - (x.end - x.start));
    const names = found.filter(
      (f, i) =>
        !found.some(
          (g, j) => j !== i && g.start <= f.start && g.end >= f.end && g.end - g.start > f.end - f.start,
        ),
    );
    const unique = names.filter((f, i) => i === 0 || f.start !== names[i - 1]!.start);
    unique.forEach((name, i) => {
      const after = CELL_AFTER.exec(t.text.slice(name.end));
      const before = CELL_BEFORE.exec(t.text.slice(0, name.start));
      let cell: { start: number; end: number } | null = null;
      if (after) {
        const start = name.end + after[0].length;
        const next = unique[i + 1]?.start ?? t.text.length;
        const stop = t.text.slice(start, next).search(/[。；;\n]|(?:[|｜│\t→⇒]|——)/);
        cell = { start, end: stop >= 0 ? start + stop : next };
      } else if (before) {
        const end = name.start - before[0].length;
        const prev = unique[i - 1]?.end ?? 0;
        const seg = t.text.slice(prev, end);
        const cut = Math.max(
          ...['。', '；', ';', '\n', '｜', '|', '——', '→'].map(
            (c) => seg.lastIndexOf(c) + (seg.lastIndexOf(c) >= 0 ? c.length : 0),
          ),
        );
        cell = { start: prev + Math.max(0, cut), end };
      }
      if (!cell || cell.end - cell.start < 2) return;
      if (row(name.entry, name, cell)) used.add(after ? name.end : name.start);
    });
    // Rows whose upper cell shortens or paraphrases the title: around every separator not used yet,
    // the cell on one side names an upper entry (by character pairs) and the other restates a local one.
    const bounds = /[。；;\n]/;
    for (const sep of t.text.matchAll(new RegExp(CELL.source, 'g'))) {
      const at = sep.index;
      const stop = at + sep[0].length;
      if ([...used].some((u) => Math.abs(u - at) <= 1 || Math.abs(u - stop) <= 1)) continue;
      const leftStart = Math.max(
        0,
        ...[...t.text.slice(0, at).matchAll(new RegExp(`${CELL.source}|${bounds.source}`, 'g'))].map(
          (m) => m.index + m[0].length,
        ),
      );
      const rightRel = t.text.slice(stop).search(new RegExp(`${CELL.source}|${bounds.source}`));
      const left = { start: leftStart, end: at };
      const right = { start: stop, end: rightRel >= 0 ? stop + rightRel : t.text.length };
      for (const [upperSide, localSide] of [
        [left, right],
        [right, left],
      ] as const) {
        // A table cell is all title: a looser share of the pairs, if clearly the best.
        const ranked = namedUpper(t.text.slice(upperSide.start, upperSide.end), entries, TABLE_NAMED);
        const named = ranked[0];
        const rival = ranked.find(
          (r) => r.entry.kind === named?.entry.kind && r.entry.section !== named.entry.section,
        );
        if (!named || (rival && rival.cover > named.cover - 0.15)) continue;
        if (row(named.entry, upperSide, localSide)) break;
      }
    }
  }
  return out;

  function row(
    entry: UpperEntry,
    name: { start: number; end: number },
    cell: { start: number; end: number },
  ): boolean {
    const phrase = current.text.slice(cell.start, cell.end);
    const level = entry.kind;
    const from = resolve(phrase, level === 'section' ? local!.sections : local!.measures, generic);
    if (!from) return false;
    const span = { start: Math.min(name.start, cell.start), end: Math.max(name.end, cell.end) };
    out.push({
      level,
      link: makeLink(end(from), fromPlan, upperEnd(entry, index.document), 1, 'explicit', [
        {
          kind: 'statement',
          text: current.textOriginal.slice(span.start, span.end),
          weight: null,
          from: span,
          to: null,
          source: { id: current.id, file: doc.file, line: lineAt(current, span.start) },
        },
      ]),
    });
    return true;
  }
}

/** A plan that cites the national document (its number or its title) implements it: an explicit plan link. */
export function citationLink(plan: PolicyDocument, national: PolicyDocument): AlignmentLink | null {
  const preamble = toSimplified(plan.preamble);
  // The number, or the title as a quoted document name (a bare title also occurs inside the local plan's
  // own title, 《上海市深入实施…五年行动计划的实施方案》, which cites nothing).
  const needles = [
    national.docNumber ? toSimplified(national.docNumber) : null,
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
