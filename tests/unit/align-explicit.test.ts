// Explicit statements in the ways plans and interpretations write them, on documents written for this
// test (a plan and its interpretation in Traditional script): 相应提出, 承接国家…任务, 与国家…相衔接,
// a correspondence table, 为落实国家…行动 inside the plan; the interpretation paired with its plan by
// document number; local provisions resolved by (shortened) title.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { align, interpretedPlan } from '../../src/align/aligner.js';
import { titleSimilarity } from '../../src/align/explicit.js';
import { loadNational, NationalIndex } from '../../src/align/index.js';
import { enrichDocument } from '../../src/extract/index.js';
import type { AlignmentResult } from '../../src/model/alignment.js';
import type { PolicyDocument } from '../../src/model/document.js';
import { parseTextFile } from '../support/documents.js';

const PLAN = `山西省人民政府文件

晋政发〔2024〕30号

山西省人民政府关于印发《山西省推进以人为本的新型城镇化实施方案》的通知

各市人民政府，省人民政府各委、办、厅、局：

现将《山西省推进以人为本的新型城镇化实施方案》印发给你们，请认真贯彻执行。

山西省人民政府

2024年12月20日

山西省推进以人为本的新型城镇化实施方案

为贯彻落实国务院《深入实施以人为本的新型城镇化战略五年行动计划》，制定本方案。

一、总体要求

到2028年，全省常住人口城镇化率达到68%左右。

二、实施农业转移人口融入城市行动

为落实国家新一轮农业转移人口市民化行动，推动农业转移人口全面融入城市。

（一）稳妥推进户籍制度改革。全面取消城区常住人口300万以下城市落户限制，推行以经常居住地登记户口制度。

（二）扩大城镇基本公共服务覆盖面。以居住证为载体，按常住人口规模配置公共服务资源。

三、实施县城综合承载能力提升行动

（一）壮大县域特色产业。立足资源禀赋，培育特色优势产业集群，承接产业转移。

（二）推动县城补短板强弱项。完善县城市政设施和公共服务，促进农民就近城镇化。

四、组织保障

（一）加强组织领导。建立省级工作专班，统筹协调推进各项任务落实。

（二）强化宣传引导。做好政策解读和舆论引导。`;

const INTERPRETATION = `《山西省推進以人為本的新型城鎮化實施方案》政策解讀

近日，省政府印發《山西省推進以人為本的新型城鎮化實施方案》（晉政發〔2024〕30號，以下簡稱《實施方案》）。

一、《實施方案》出臺的背景是什麼？

國務院印發國家《行動計劃》，部署實施四大行動。

二、在融入城市方面有哪些舉措？

國家《行動計劃》提出實施新一輪農業轉移人口市民化行動。我省《實施方案》相應提出實施農業轉移人口融入城市行動。

一是推進戶籍制度改革。承接國家“進一步深化戶籍制度改革”任務，全面取消城區常住人口300萬以下城市落戶限制。

三、在縣城方面有哪些舉措？

與國家潛力地區城鎮化水平提升行動相銜接，我省提出實施縣城綜合承載能力提升行動。

四、國家任務與我省舉措如何對應？

國家任務｜我省舉措
增強城鎮綜合承載能力｜推動縣城補短板強弱項
健全常住地提供基本公共服務制度——擴大城鎮基本公共服務覆蓋面`;

/** An interpretation that states the correspondence only as a table, with shortened action names. */
const TABLE_ONLY = `《山西省推進以人為本的新型城鎮化實施方案》政策解讀

近日，省政府印發《山西省推進以人為本的新型城鎮化實施方案》（晉政發〔2024〕30號）。

一、國家行動與我省舉措如何對應？

國家行動——我省對應舉措
農業轉移人口市民化行動——農業轉移人口融入城市行動
潛力地區城鎮化提升行動——縣城綜合承載能力提升行動`;

let index: NationalIndex;
let plan: PolicyDocument;
let interpretation: PolicyDocument;
let result: AlignmentResult;

function write(name: string, text: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'plantrace-explicit-'));
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}

beforeAll(async () => {
  index = new NationalIndex(await loadNational());
  plan = enrichDocument(parseTextFile(write('plan.txt', PLAN)));
  interpretation = enrichDocument(parseTextFile(write('interpretation.txt', INTERPRETATION)));
  result = align([plan, interpretation], index, { curated: null });
});

const explicitPairs = (links: AlignmentResult['links']) =>
  links.filter((l) => l.method === 'explicit').map((l) => [l.from, l.to]);

/** The plan without its sections' own texts: only the interpretation given with it states links. */
const barePlan = () => ({
  ...plan,
  sections: plan.sections.map((s) => ({ ...s, text: '', textSimplified: '' })),
});

/** An interpretation written for a test, aligned with the bare plan. */
const alignWithBarePlan = (name: string, text: string) =>
  align([barePlan(), enrichDocument(parseTextFile(write(name, text)))], index, { curated: null });

/** The opening of an interpretation of the test plan, before a test's own sentences. */
const HEAD = `《山西省推進以人為本的新型城鎮化實施方案》政策解讀

近日，省政府印發《山西省推進以人為本的新型城鎮化實施方案》（晉政發〔2024〕30號）。

一、如何落實？

`;

/** An interpretation of the test plan made of HEAD and a test's sentences, aligned with the bare plan. */
const alignBody = (name: string, body: string) => alignWithBarePlan(name, HEAD + body);

/** The upper ends of a local provision's explicit links (measure and section links). */
const explicitFrom = (r: AlignmentResult, id: string) =>
  [...r.links, ...r.sectionLinks].filter((l) => l.from === id && l.method === 'explicit').map((l) => l.to);

describe('explicit statements', () => {
  it('pairs the interpretation (Traditional script) with its plan by document number', () => {
    expect(interpretation.script).toBe('traditional');
    expect(interpretedPlan(interpretation, [plan])).toBe(plan);
    // …and by title when the number is not given.
    const unnumbered = { ...interpretation, preamble: '', sections: interpretation.sections.slice(1) };
    expect(interpretedPlan(unnumbered, [plan])).toBe(plan);
  });

  it('reads 相应提出 and 与国家…相衔接 as action → action links, from the plan’s own actions', () => {
    expect(explicitPairs(result.sectionLinks).sort()).toEqual([
      ['晋政发-2024-30/a1', '国发-2024-17/a1'],
      ['晋政发-2024-30/a2', '国发-2024-17/a2'],
    ]);
    const statement = result.sectionLinks
      .find((l) => l.from === '晋政发-2024-30/a2')!
      .evidence.find((e) => e.kind === 'statement')!;
    expect(statement.text).toBe(
      '與國家潛力地區城鎮化水平提升行動相銜接，我省提出實施縣城綜合承載能力提升行動。',
    );
    expect(statement.source!.file).toBe(interpretation.file);
  });

  it('reads 承接国家“…”任务 in a point and a correspondence table as measure → task links', () => {
    const measures = explicitPairs(result.links);
    // 推进户籍制度改革 (the interpretation shortens 稳妥推进户籍制度改革) → 进一步深化户籍制度改革
    expect(measures).toContainEqual(['晋政发-2024-30/a1/m1', '国发-2024-17/a1/m1']);
    // table row 增强城镇综合承载能力｜推动县城补短板强弱项
    expect(measures).toContainEqual(['晋政发-2024-30/a2/m2', '国发-2024-17/a2/m4']);
    // table row with —— between the cells
    expect(measures).toContainEqual(['晋政发-2024-30/a1/m2', '国发-2024-17/a1/m2']);
    expect(measures).toHaveLength(3);
  });

  it('reads a table whose rows the parser joined, with shortened upper titles', () => {
    const table = enrichDocument(parseTextFile(write('table.txt', TABLE_ONLY)));
    const r = align(
      [{ ...plan, sections: plan.sections.map((s) => ({ ...s, text: '', textSimplified: '' })) }, table],
      index,
      {
        curated: null,
      },
    );
    expect(explicitPairs(r.sectionLinks).sort()).toEqual([
      ['晋政发-2024-30/a1', '国发-2024-17/a1'],
      ['晋政发-2024-30/a2', '国发-2024-17/a2'],
    ]);
  });

  it('reads a statement with no verb of proposing, its local side named by part number', () => {
    const text = `《山西省推進以人為本的新型城鎮化實施方案》政策解讀

近日，省政府印發《山西省推進以人為本的新型城鎮化實施方案》（晉政發〔2024〕30號）。

一、在縣城方面有哪些舉措？

《實施方案》第三部分是對國家潛力地區城鎮化水平提升行動的具體落實。`;
    const r = alignWithBarePlan('part.txt', text);
    expect(explicitPairs(r.sectionLinks)).toEqual([['晋政发-2024-30/a2', '国发-2024-17/a2']]);
  });

  it('reads a sentence naming both sides with no word of correspondence, by quoted name or number; not a denial', () => {
    const text = `《山西省推進以人為本的新型城鎮化實施方案》政策解讀

近日，省政府印發《山西省推進以人為本的新型城鎮化實施方案》（晉政發〔2024〕30號）。

一、有哪些硬核舉措？

“補短板強弱項”一條是國家潛力地區行動中增強城鎮綜合承載能力任務的山西版本。

第二部分第（一）條，落點在國家市民化行動中的落戶，目標是城區300萬以下城市全面放開。

“強化宣傳引導”一條，國家《行動計劃》沒有專門部署，是我省根據工作需要增加的。`;
    const r = alignWithBarePlan('both-sides.txt', text);
    const pairs = explicitPairs(r.links);
    // quoted programme name + short action name + the task's full title → the measure → that task
    expect(pairs).toContainEqual(['晋政发-2024-30/a2/m2', '国发-2024-17/a2/m4']);
    // 第二部分第（一）条 + 市民化行动 (the action by its short name) → a task of that action
    const numbered = r.links.find((l) => l.from === '晋政发-2024-30/a1/m1' && l.method === 'explicit');
    expect(numbered?.to).toMatch(/^国发-2024-17\/a1\//);
    // 没有专门部署: no explicit link, whatever the texts say
    expect(r.links.some((l) => l.from === '晋政发-2024-30/s1/m2' && l.method === 'explicit')).toBe(false);
  });

  it('prefers the quoted measure of a numbered part; names a task by a term of its own; 并非新提法 denies nothing', () => {
    const text = `《山西省推進以人為本的新型城鎮化實施方案》政策解讀

近日，省政府印發《山西省推進以人為本的新型城鎮化實施方案》（晉政發〔2024〕30號）。

一、如何落實？

我們在第四部分專門安排了“加強組織領導”一條，上接國家層面的部際聯席會議，下連各市工作專班。

“補短板強弱項”並非新提法，這次寫進《實施方案》，承擔的是國家潛力地區行動中增強城鎮綜合承載能力這一任務。`;
    const r = alignWithBarePlan('terms.txt', text);
    const pairs = explicitPairs(r.links);
    expect(pairs).toContainEqual(['晋政发-2024-30/s1/m1', '国发-2024-17/s2/m1']);
    expect(pairs).toContainEqual(['晋政发-2024-30/a2/m2', '国发-2024-17/a2/m4']);
    expect(explicitPairs(r.sectionLinks)).not.toContainEqual(['晋政发-2024-30/s1', '国发-2024-17/s2']);
  });

  it('reads several provisions named at once, 这是… after the sentence naming the provision, a body by its name', () => {
    const text = `《山西省推進以人為本的新型城鎮化實施方案》政策解讀

近日，省政府印發《山西省推進以人為本的新型城鎮化實施方案》（晉政發〔2024〕30號）。

一、如何落實？

壯大縣域特色產業和推動縣城補短板強弱項被分成兩條來寫，指向的都是國家潛力地區行動。

《實施方案》第（二）條以居住證為載體，按常住人口規模配置公共服務資源。這是國家健全常住地提供基本公共服務制度在我省的落地。

省級工作專班擔的是國家“加強統籌協調”這副擔子。`;
    const doc = enrichDocument(parseTextFile(write('several.txt', text)));
    const bare = barePlan();
    // The measures' own texts stay: the body (省级工作专班) is found in 加强组织领导's text.
    const withMeasures = {
      ...bare,
      sections: bare.sections.map((s, i) => ({ ...s, measures: plan.sections[i]!.measures })),
    };
    const r = align([withMeasures, doc], index, { curated: null });
    const from = (id: string) =>
      r.links.filter((l) => l.from === id && l.method === 'explicit').map((l) => l.to);
    // 两条: both measures, each to a task of 潜力地区 action
    expect(from('晋政发-2024-30/a2/m1').some((t) => t.startsWith('国发-2024-17/a2/'))).toBe(true);
    expect(from('晋政发-2024-30/a2/m2').some((t) => t.startsWith('国发-2024-17/a2/'))).toBe(true);
    // 第（二）条 is numbered in every part: the one the sentence describes (公共服务), then 这是…
    expect(from('晋政发-2024-30/a1/m2')).toContain('国发-2024-17/a1/m2');
    expect(from('晋政发-2024-30/a2/m2')).not.toContain('国发-2024-17/a1/m2');
    // a quoted upper title names the upper side; the body names the local measure
    expect(from('晋政发-2024-30/s1/m1')).toContain('国发-2024-17/s2/m1');
  });

  it('reads a provision by the end of its title (X一条, X这一部分), an action by its place, 国家依据：…; 但 answers a denial, 另有… is a claim of its own', () => {
    const text = `《山西省推進以人為本的新型城鎮化實施方案》政策解讀

近日，省政府印發《山西省推進以人為本的新型城鎮化實施方案》（晉政發〔2024〕30號）。

一、如何落實？

縣城綜合承載能力提升這一部分，國家第二項行動是它的藍本。

特色產業一條，寫的是國家潛力地區行動中的培育特色優勢產業集群。

《實施方案》第（一）條“穩妥推進戶籍制度改革”。國家依據：進一步深化戶籍制度改革任務。

國家確定的潛力地區沒有山西，但第三部分第（二）條同樣是從國家潛力地區行動中引申出來的。

第二部分“實施農業轉移人口融入城市行動”，國家第一項行動列出的任務全部在列，另有宣傳引導一條為我省自設。

擴大城鎮基本公共服務覆蓋面一條，和國家都市圈培育行動不搭界。

第四部分“組織保障”，國家組織實施部分的要求都在這裡，我們又加了加強組織領導一條。`;
    const r = alignWithBarePlan('fragments.txt', text);
    const from = (id: string) => explicitFrom(r, id);
    expect(from('晋政发-2024-30/a2')).toEqual(['国发-2024-17/a2']);
    expect(from('晋政发-2024-30/a2/m1')).toEqual(['国发-2024-17/a2/m1']);
    expect(from('晋政发-2024-30/a1/m1')).toEqual(['国发-2024-17/a1/m1']);
    // a measure → action statement: the measure then links the action's task it is closest to
    expect(from('晋政发-2024-30/a2/m2')).toEqual(['国发-2024-17/a2/m4']);
    expect(from('晋政发-2024-30/a1')).toEqual(['国发-2024-17/a1']);
    expect(from('晋政发-2024-30/s1/m2')).toEqual([]);
    expect(from('晋政发-2024-30/a1/m2')).toEqual([]);
    // 又加了…一条 adds a provision of its own: the part is linked, not the measure added
    expect(from('晋政发-2024-30/s1')).toEqual(['国发-2024-17/s2']);
    expect(from('晋政发-2024-30/s1/m1')).toEqual([]);
  });

  it('reads 前N条 and 这一章 back to the part named before, X这一章, 这套…安排 back to the measure; a clause on another numbered provision is a claim of its own; 不沾边 denies', () => {
    const counted = alignBody(
      'first-n.txt',
      '第三部分一共2條。前1條做的是國家潛力地區城鎮化水平提升行動佈置的規定動作，第2條是我省的自選動作。\n\n' +
        '推動縣城補短板強弱項這一條，和國家潛力地區行動的任務清單不沾邊。',
    );
    expect(explicitFrom(counted, '晋政发-2024-30/a2')).toEqual(['国发-2024-17/a2']);
    expect(explicitFrom(counted, '晋政发-2024-30/a2/m2')).toEqual([]);
    const chapter = alignBody(
      'chapter.txt',
      '縣城綜合承載能力提升這一章，重點是補短板。這一章扣的是國家潛力地區城鎮化水平提升行動。',
    );
    expect(explicitFrom(chapter, '晋政发-2024-30/a2')).toEqual(['国发-2024-17/a2']);
    const arrangement = alignBody(
      'arrangement.txt',
      '第二部分第（一）條全面取消城區常住人口300萬以下城市落戶限制。這套寬嚴有別的安排，底子就是國家進一步深化戶籍制度改革的思路。',
    );
    expect(explicitFrom(arrangement, '晋政发-2024-30/a1/m1')).toEqual(['国发-2024-17/a1/m1']);
    // each sentence names a national task and a measure, and says the one is not the other's
    const denied = alignBody(
      'denied.txt',
      '擴大城鎮基本公共服務覆蓋面這一條，在國家健全常住地提供基本公共服務制度任務裡找不到它的影子。\n\n' +
        '壯大縣域特色產業這一條，國家培育特色優勢產業集群任務裡並無這項內容。\n\n' +
        '推動縣城補短板強弱項這一條並不來自國家增強城鎮綜合承載能力任務。',
    );
    for (const id of ['晋政发-2024-30/a1/m2', '晋政发-2024-30/a2/m1', '晋政发-2024-30/a2/m2'])
      expect(explicitFrom(denied, id)).toEqual([]);
  });

  it('names a task by a catalog term no other title holds (公共服务 is not 增强城镇综合承载能力’s alone); 同一项国家任务 is the task just named', () => {
    const text = `《山西省推進以人為本的新型城鎮化實施方案》政策解讀

近日，省政府印發《山西省推進以人為本的新型城鎮化實施方案》（晉政發〔2024〕30號）。

一、如何落實？

第二部分第（二）條是個“二合一”條款，國家促進產業分工協作和推進公共服務共建共享兩項任務在這裡“拼單”了。

第二部分第（一）條取消落戶限制，國家進一步深化戶籍制度改革在山西走的是“先放開、後完善”的步子。

第三部分第（二）條則把同一項國家任務的“居住證”那一半補齊了。`;
    const r = alignWithBarePlan('same-task.txt', text);
    expect(explicitFrom(r, '晋政发-2024-30/a1/m2').sort()).toEqual([
      '国发-2024-17/a3/m2',
      '国发-2024-17/a3/m3',
    ]);
    expect(explicitFrom(r, '晋政发-2024-30/a2/m2')).toEqual(['国发-2024-17/a1/m1']);
  });

  it('reads every provision numbered when a sentence names several (合起来), a bare number by the part nearest the national action, a next sentence opening on a number, 除…外, a clause restating one measure’s text; 自己加的码 denies nothing, 管不到 does', () => {
    const several = alignBody(
      'several.txt',
      '第三部分第（一）條管產業，第（二）條管設施，合起來才是國家增強城鎮綜合承載能力的全貌。',
    );
    expect(explicitFrom(several, '晋政发-2024-30/a2/m1')).toEqual(['国发-2024-17/a2/m4']);
    expect(explicitFrom(several, '晋政发-2024-30/a2/m2')).toEqual(['国发-2024-17/a2/m4']);
    // the parts' measures are numbered afresh: 第（一）条 is the one of the part nearest the action named
    const bare = alignBody('bare.txt', '國家新一輪農業轉移人口市民化行動，山西的第（一）條先行。');
    expect(explicitFrom(bare, '晋政发-2024-30/a1/m1')).toEqual(['国发-2024-17/a1/m1']);
    expect(explicitFrom(bare, '晋政发-2024-30/a2/m1')).toEqual([]);
    const next = alignBody(
      'next.txt',
      '國家培育特色優勢產業集群這項任務有兩個關鍵詞。第三部分第（一）條寫前一個。',
    );
    expect(explicitFrom(next, '晋政发-2024-30/a2/m1')).toEqual(['国发-2024-17/a2/m1']);
    const except = alignBody(
      'except.txt',
      '第二部分兩條，講的是落戶和服務。除第（二）條外，其餘一條都能在國家新一輪農業轉移人口市民化行動裡找到根。',
    );
    expect(explicitFrom(except, '晋政发-2024-30/a1')).toEqual(['国发-2024-17/a1']);
    expect(explicitFrom(except, '晋政发-2024-30/a1/m2')).toEqual([]);
    const raised = alignBody(
      'raised.txt',
      '推動縣城補短板強弱項這一條，我們是拿國家增強城鎮綜合承載能力當底線來寫的，設施標準是我省自己加的碼。\n\n' +
        '壯大縣域特色產業這一條，國家潛力地區行動的幾項任務管不到這裡。',
    );
    expect(explicitFrom(raised, '晋政发-2024-30/a2/m2')).toEqual(['国发-2024-17/a2/m4']);
    expect(explicitFrom(raised, '晋政发-2024-30/a2/m1')).toEqual([]);
    // the local side told by what the measure's text says, clearly more than any other measure's (a label
    // such as 【解说】 aside)
    const content = alignBody(
      'content.txt',
      '【解說】立足資源稟賦做好各類新興的產業轉移，這是為國家培育特色優勢產業集群準備的一條。',
    );
    expect(explicitFrom(content, '晋政发-2024-30/a2/m1')).toEqual(['国发-2024-17/a2/m1']);
    // 第（二）条 of the part the words after it describe; 这套机制 refers back; 挨不上 and 里没有它 deny
    const described = alignBody(
      'described.txt',
      '國家增強城鎮綜合承載能力在方案裡分屬兩條，第（一）條寫承接產業轉移，第（二）條寫縣城補短板，和戶籍制度改革、常住人口落戶限制的寫法不同。\n\n' +
        '第二部分第（一）條講的是戶籍。這套機制是從國家進一步深化戶籍制度改革那裡接過來的。\n\n' +
        '擴大城鎮基本公共服務覆蓋面這一條，和國家都市圈培育行動的三項任務挨不上。\n\n' +
        '推動縣城補短板強弱項這一條，國家都市圈培育行動的三項任務裡沒有它。',
    );
    expect(explicitFrom(described, '晋政发-2024-30/a2/m1')).toEqual(['国发-2024-17/a2/m4']);
    expect(explicitFrom(described, '晋政发-2024-30/a1/m1')).toEqual(['国发-2024-17/a1/m1']);
    expect(explicitFrom(described, '晋政发-2024-30/a1/m2')).toEqual([]);
    expect(explicitFrom(described, '晋政发-2024-30/a2/m2')).toEqual(['国发-2024-17/a2/m4']);
  });

  it('links a measure to every task of one action a statement names by title on the national side, unless it sets them against each other', () => {
    const text = `《山西省推進以人為本的新型城鎮化實施方案》政策解讀

近日，省政府印發《山西省推進以人為本的新型城鎮化實施方案》（晉政發〔2024〕30號）。

一、如何落實？

第三部分第（二）條屬於國家增強城鎮綜合承載能力；配套的產業平台，長在國家促進產業園區提級擴能上。

第三部分第（一）條屬於國家培育特色優勢產業集群，而不是國家促進產業園區提級擴能。`;
    const r = alignWithBarePlan('named-tasks.txt', text);
    expect(explicitFrom(r, '晋政发-2024-30/a2/m2').sort()).toEqual([
      '国发-2024-17/a2/m2',
      '国发-2024-17/a2/m4',
    ]);
    expect(explicitFrom(r, '晋政发-2024-30/a2/m1')).toEqual(['国发-2024-17/a2/m1']);
    // a stated link is as sure as statements are (0.96), whatever the texts' features say
    const stated = r.links.filter((l) => l.from === '晋政发-2024-30/a2/m2');
    expect(Math.min(...stated.map((l) => l.score))).toBeGreaterThanOrEqual(0.96);
  });

  it('keeps positive statements that use a denial’s words positive, and their links (negative controls)', () => {
    const kept: [string, string, string][] = [
      [
        '第二部分第（二）條承接國家健全常住地提供基本公共服務制度任務，著力解決農業轉移人口看病找不到醫生的問題。',
        '晋政发-2024-30/a1/m2',
        '国发-2024-17/a1/m2',
      ],
      [
        '擴大城鎮基本公共服務覆蓋面這一條，與國家健全常住地提供基本公共服務制度任務的要求並無二致。',
        '晋政发-2024-30/a1/m2',
        '国发-2024-17/a1/m2',
      ],
      [
        '推動縣城補短板強弱項這一條，落實的是國家增強城鎮綜合承載能力任務，2028年的目標值是我省自己定的。',
        '晋政发-2024-30/a2/m2',
        '国发-2024-17/a2/m4',
      ],
      [
        '國家增強城鎮綜合承載能力任務明確由各地結合實際自行設定標準，我省《實施方案》相應提出推動縣城補短板強弱項。',
        '晋政发-2024-30/a2/m2',
        '国发-2024-17/a2/m4',
      ],
      [
        '第二部分第（一）條不應視為我省的自選動作，它落實的是國家進一步深化戶籍制度改革任務。',
        '晋政发-2024-30/a1/m1',
        '国发-2024-17/a1/m1',
      ],
      [
        '第二部分第（一）條不是出自我省的創新，而是直接來自國家進一步深化戶籍制度改革任務。',
        '晋政发-2024-30/a1/m1',
        '国发-2024-17/a1/m1',
      ],
      // a denial of something else of the state's, not of the national plan: the texts' link stays
      [
        '壯大縣域特色產業這一條，和國家關於鄉村振興的部署不沾邊。',
        '晋政发-2024-30/a2/m1',
        '国发-2024-17/a2/m1',
      ],
    ];
    for (const [sentence, from, to] of kept) {
      const r = alignBody('kept.txt', sentence);
      expect(
        r.links.some((l) => l.from === from && l.to === to),
        sentence,
      ).toBe(true);
    }
    const part = alignBody('part.txt', '第三部分兩條，無不源於國家潛力地區城鎮化水平提升行動。');
    expect(explicitFrom(part, '晋政发-2024-30/a2')).toEqual(['国发-2024-17/a2']);
    // 这一制度设计 after a national title is the national side's, not a reference back
    const design = alignBody(
      'design.txt',
      '第三部分第（一）條講產業。國家健全常住地提供基本公共服務制度這一制度設計，我省《實施方案》相應提出擴大城鎮基本公共服務覆蓋面。',
    );
    expect(explicitFrom(design, '晋政发-2024-30/a2/m1')).toEqual([]);
    expect(explicitFrom(design, '晋政发-2024-30/a1/m2')).toEqual(['国发-2024-17/a1/m2']);
    // a next sentence turning elsewhere (则) is no local half
    const turned = alignBody(
      'turned.txt',
      '國家培育特色優勢產業集群這項任務有兩個關鍵詞。第二部分第（一）條則把重點放在戶籍上。',
    );
    expect(explicitFrom(turned, '晋政发-2024-30/a1/m1')).toEqual([]);
  });

  it('reads a sentence opening on a numbered provision as the topic of the next, a run of measures as their part, the national target figure as the goals; a question states nothing', () => {
    const topic = alignBody(
      'topic.txt',
      '【應詢】省公安廳負責同志：第二部分第（二）條以居住證為載體配置服務。國家健全常住地提供基本公共服務制度，落到山西就是這張清單。',
    );
    expect(explicitFrom(topic, '晋政发-2024-30/a1/m2')).toEqual(['国发-2024-17/a1/m2']);
    // the whole sentence before, though read as two claims
    const claims = alignBody(
      'claims.txt',
      '第二部分第（一）條管落戶；第（二）條管服務。有了這兩塊，國家新一輪農業轉移人口市民化行動才算接全了。',
    );
    expect(explicitFrom(claims, '晋政发-2024-30/a1/m1')).toHaveLength(1);
    expect(explicitFrom(claims, '晋政发-2024-30/a1/m2')).toHaveLength(1);
    const run = alignBody(
      'run.txt',
      '第二部分第（一）條到第（二）條，國家新一輪農業轉移人口市民化行動的要求一項不缺。',
    );
    expect(explicitFrom(run, '晋政发-2024-30/a1')).toEqual(['国发-2024-17/a1']);
    const target = alignBody(
      'target.txt',
      '山西的起點比全國低。國家行動計劃的目標是全國接近70%，山西與國家目標同向。',
    );
    const goals = target.sectionLinks.find(
      (l) => l.from === '晋政发-2024-30/g1' && l.to === '国发-2024-17/g1',
    );
    expect(goals?.method).toBe('explicit');
    const question = alignBody(
      'question.txt',
      '第二部分第（一）條是不是也算國家進一步深化戶籍制度改革的內容？',
    );
    expect(explicitFrom(question, '晋政发-2024-30/a1/m1')).toEqual([]);
  });

  it('links a measure to every task a statement counts out (两项任务), by the words of the tasks only', () => {
    const text = `《山西省推進以人為本的新型城鎮化實施方案》政策解讀

近日，省政府印發《山西省推進以人為本的新型城鎮化實施方案》（晉政發〔2024〕30號）。

一、如何落實？

第三部分第（一）條，國家潛力地區行動中的特色優勢產業集群和產業園區兩項任務都在這裡，我省的就業服務也寫了進去。`;
    const r = alignWithBarePlan('counted.txt', text);
    expect(explicitFrom(r, '晋政发-2024-30/a2/m1').sort()).toEqual([
      '国发-2024-17/a2/m1',
      '国发-2024-17/a2/m2',
    ]);
  });

  it('reads 这一部分 back to the part the sentence before named, a number the national side is handed to (由第…条); 并不在…任务里 denies', () => {
    const text = `《山西省推進以人為本的新型城鎮化實施方案》政策解讀

近日，省政府印發《山西省推進以人為本的新型城鎮化實施方案》（晉政發〔2024〕30號）。

一、如何落實？

第三部分專門針對縣城。我省雖然不在國家確定的潛力地區之列，但這一部分參照國家潛力地區城鎮化水平提升行動來部署。

國家健全常住地提供基本公共服務制度的要求由第二部分第（二）條承擔。

壯大縣域特色產業並不在國家潛力地區行動的四項任務裡。`;
    const r = alignWithBarePlan('back.txt', text);
    const from = (id: string) => explicitFrom(r, id);
    expect(from('晋政发-2024-30/a2')).toEqual(['国发-2024-17/a2']);
    expect(from('晋政发-2024-30/a1/m2')).toEqual(['国发-2024-17/a1/m2']);
    expect(from('晋政发-2024-30/a2/m1')).toEqual([]);
  });

  it('reads a part by 在X方面, by its quoted title before 部分, by the measures it lists (等N项举措); the plan naming the national side; evidence on its own line', () => {
    const ownPlan = PLAN.replace(
      '为落实国家新一轮农业转移人口市民化行动，推动农业转移人口全面融入城市。',
      '国家部署的新一轮农业转移人口市民化行动，我省以集成改革的方式推进。',
    ).replace(
      '三、实施县城综合承载能力提升行动\n',
      '三、实施县城综合承载能力提升行动\n\n我省不属于国家确定的潜力地区，本部分参照国家潜力地区城镇化水平提升行动的要求组织实施。\n',
    );
    const text = `《山西省推進以人為本的新型城鎮化實施方案》政策解讀

近日，省政府印發《山西省推進以人為本的新型城鎮化實施方案》（晉政發〔2024〕30號）。

一、如何落實？

在縣城方面，《實施方案》提出壯大縣域特色產業、推動縣城補短板強弱項等2項舉措，落實國家培育特色優勢產業集群和增強城鎮綜合承載能力等任務。

一是“實施農業轉移人口融入城市行動”部分，對應國家實施新一輪農業轉移人口市民化行動；`;
    const planFile = write('own-plan.txt', ownPlan);
    const file = write('parts.txt', text);
    const r = align([enrichDocument(parseTextFile(planFile)), enrichDocument(parseTextFile(file))], index, {
      curated: null,
    });
    const lineOf = (source: string, words: string) =>
      source.split('\n').findIndex((l) => l.includes(words)) + 1;
    const statement = (from: string, to: string, source: string) =>
      r.sectionLinks
        .find((l) => l.from === from && l.to === to && l.method === 'explicit')
        ?.evidence.filter((e) => e.kind === 'statement' && e.source?.file === path.basename(source))
        .map((e) => e.source!.line);
    // the plan's own lead paragraphs (no word of correspondence; the region's standing and 组织实施 deny nothing)
    expect(statement('晋政发-2024-30/a1', '国发-2024-17/a1', planFile)).toEqual([
      lineOf(ownPlan, '国家部署的'),
    ]);
    expect(statement('晋政发-2024-30/a2', '国发-2024-17/a2', planFile)).toEqual([
      lineOf(ownPlan, '我省不属于'),
    ]);
    // the interpretation's statements, each on its own line, on the links the plan states too
    expect(statement('晋政发-2024-30/a2', '国发-2024-17/a2', file)).toEqual([lineOf(text, '在縣城方面')]);
    expect(statement('晋政发-2024-30/a1', '国发-2024-17/a1', file)).toEqual([lineOf(text, '一是')]);
  });

  it('reads 这一部分 with the sentence before as its evidence; a local half or a region that denies denies; a close restatement beats 在X方面', () => {
    const text = `《山西省推進以人為本的新型城鎮化實施方案》政策解讀

近日，省政府印發《山西省推進以人為本的新型城鎮化實施方案》（晉政發〔2024〕30號）。

一、如何落實？

據介紹，第三部分專門針對縣城。我省雖然不在國家確定的潛力地區之列，但這一部分參照國家潛力地區城鎮化水平提升行動來部署。

國家潛力地區行動提出培育特色優勢產業集群，我省無直接對應的條款。

國家《行動計劃》提出培育特色優勢產業集群。我省《實施方案》提出的壯大縣域特色產業與此無直接對應。

在縣城方面，我省《實施方案》相應提出推動縣城補短板強弱項，落實國家增強城鎮綜合承載能力任務。`;
    const r = alignWithBarePlan('denials.txt', text);
    const explicit = [...r.links, ...r.sectionLinks].filter((l) => l.method === 'explicit');
    const from = (id: string) => explicit.filter((l) => l.from === id).map((l) => l.to);
    const part = explicit.find((l) => l.from === '晋政发-2024-30/a2' && l.to === '国发-2024-17/a2');
    expect(part?.evidence.find((e) => e.kind === 'statement')?.text).toMatch(
      /^據介紹，第三部分專門針對縣城。/,
    );
    expect(from('晋政发-2024-30/a2/m1')).toEqual([]);
    expect(from('晋政发-2024-30/a2/m2')).toEqual(['国发-2024-17/a2/m4']);
  });

  it('names a task by a catalog term only where the national side is named (国家中心城市 is not)', () => {
    const ownPlan = PLAN.replace(
      '完善县城市政设施和公共服务，促进农民就近城镇化。',
      '落实国家战略，支持太原建设国家中心城市，完善县城市政设施。',
    );
    const r = align([enrichDocument(parseTextFile(write('central.txt', ownPlan)))], index, { curated: null });
    const to = [...r.links, ...r.sectionLinks]
      .filter((l) => l.from === '晋政发-2024-30/a2/m2' && l.method === 'explicit')
      .map((l) => l.to);
    expect(to).toEqual([]);
  });

  it('links the goals sections when a statement is about the national plan’s goals', () => {
    const text = `《山西省推進以人為本的新型城鎮化實施方案》政策解讀

近日，省政府印發《山西省推進以人為本的新型城鎮化實施方案》（晉政發〔2024〕30號）。

一、目標是什麼？

《實施方案》提出到2028年全省常住人口城鎮化率達到68%左右，這是國家“常住人口城鎮化率提升至接近70%”這一總目標在我省的分解。`;
    const doc = enrichDocument(parseTextFile(write('goals.txt', text)));
    const r = align([plan, doc], index, { curated: null });
    const goals = r.sectionLinks.find((l) => l.from === '晋政发-2024-30/g1' && l.to === '国发-2024-17/g1');
    expect(goals?.method).toBe('explicit');
    expect(goals?.evidence.some((e) => e.kind === 'statement' && e.text.includes('總目標'))).toBe(true);
  });

  it('reads 为落实国家…行动 inside a plan with no interpretation', () => {
    const alone = align([plan], index, { curated: null });
    expect(explicitPairs(alone.sectionLinks)).toEqual([['晋政发-2024-30/a1', '国发-2024-17/a1']]);
    expect(alone.sectionLinks[0]!.evidence[0]!.text).toBe(
      '为落实国家新一轮农业转移人口市民化行动，推动农业转移人口全面融入城市。',
    );
  });

  it('keeps a measure an interpretation or the plan says has no counterpart from the texts’ links, saying why in its candidates', () => {
    const linksFrom = (r: AlignmentResult, id: string) =>
      r.links.filter((l) => l.from === id).map((l) => l.to);
    // the texts alone link 壮大县域特色产业 to 培育特色优势产业集群
    expect(linksFrom(result, '晋政发-2024-30/a2/m1')).toContain('国发-2024-17/a2/m1');
    const said = alignWithBarePlan(
      'no-counterpart.txt',
      `《山西省推進以人為本的新型城鎮化實施方案》政策解讀

近日，省政府印發《山西省推進以人為本的新型城鎮化實施方案》（晉政發〔2024〕30號）。

一、如何落實？

壯大縣域特色產業這一條，和國家潛力地區行動的任務清單不沾邊，是我省自選動作。`,
    );
    expect(linksFrom(said, '晋政发-2024-30/a2/m1')).toEqual([]);
    const unaligned = said.unaligned.find((u) => u.id === '晋政发-2024-30/a2/m1')!;
    const note = unaligned.candidates[0]!.evidence.find((e) => e.kind === 'note');
    expect(note?.text).toMatch(/^no counterpart, says: 壯大縣域特色產業這一條/);
    expect(note?.source?.line).toBe(7);
    // the plan's own text saying so, with no action named: no link at all
    const own = enrichDocument(
      parseTextFile(
        write(
          'own-denial.txt',
          PLAN.replace(
            '培育特色优势产业集群，承接产业转移。',
            '培育特色优势产业集群，承接产业转移。国家行动计划未作专门部署，本条为我省自设。',
          ),
        ),
      ),
    );
    expect(linksFrom(align([own], index, { curated: null }), '晋政发-2024-30/a2/m1')).toEqual([]);
  });

  it('reads the measure a local half restates in its own words, the sentence before a 这一条, a provision joined back (它和第…条一起), clauses sharing one claim, the goals by the national figure', () => {
    // the character pairs of all the local half's clauses (each too short alone) in one measure's text
    const content = alignBody(
      'content-union.txt',
      '農民就近、市政設施，兩樣湊成了國家增強城鎮綜合承載能力。',
    );
    expect(explicitFrom(content, '晋政发-2024-30/a2/m2')).toEqual(['国发-2024-17/a2/m4']);
    // 这一条 after a sentence restating the measure's text
    const before = alignBody(
      'before.txt',
      '縣城市政設施和公共服務一併完善。這一條對的是國家增強城鎮綜合承載能力。',
    );
    expect(explicitFrom(before, '晋政发-2024-30/a2/m2')).toEqual(['国发-2024-17/a2/m4']);
    // 它和第（一）条…一起: the provision of the sentence before and the one named
    const joined = alignBody(
      'joined.txt',
      '縣城補短板單獨成了第三部分第（二）條。它和第（一）條的產業轉移一起，撐起了國家增強城鎮綜合承載能力。',
    );
    expect(explicitFrom(joined, '晋政发-2024-30/a2/m2')).toEqual(['国发-2024-17/a2/m4']);
    expect(explicitFrom(joined, '晋政发-2024-30/a2/m1')).toEqual(['国发-2024-17/a2/m4']);
    // a clause on a numbered provision that claims nothing shares the next one's claim
    const shared = alignBody(
      'shared.txt',
      '第三部分第（一）條管產業轉移，第（二）條管縣城設施，國家增強城鎮綜合承載能力由此落地。',
    );
    expect(explicitFrom(shared, '晋政发-2024-30/a2/m1')).toEqual(['国发-2024-17/a2/m4']);
    expect(explicitFrom(shared, '晋政发-2024-30/a2/m2')).toEqual(['国发-2024-17/a2/m4']);
    // the national goals' figure (接近70%) makes a goals statement
    const goals = alignBody('figure.txt', '68%離國家行動計劃提出的接近70%還有差距，步子是合拍的。');
    expect(explicitFrom(goals, '晋政发-2024-30/g1')).toEqual(['国发-2024-17/g1']);
    // 并不包括 and 不对应 deny: the texts' links stay off
    for (const body of [
      '推動縣城補短板強弱項這一條，國家潛力地區行動的四項任務並不包括。',
      '推動縣城補短板強弱項這一條，不對應國家潛力地區行動的哪一項任務。',
    ]) {
      const denied = alignBody('denied.txt', body);
      expect(denied.links.filter((l) => l.from === '晋政发-2024-30/a2/m2')).toEqual([]);
    }
  });

  it('names the tasks a statement counts out by their own words, not the action’s title or a join (和城); a title written out after the national side, unless the local side proposes it', () => {
    const counted = alignBody(
      'counted.txt',
      '第三部分第（二）條同時承擔國家城市更新和安全韌性提升行動中老舊小區改造和綠色城市建設兩項任務。\n\n' +
        '第三部分第（一）條同時計入國家城市生命線安全工程和城市洪澇治理兩項任務。',
    );
    expect(explicitFrom(counted, '晋政发-2024-30/a2/m2').sort()).toEqual([
      '国发-2024-17/a4/m1',
      '国发-2024-17/a4/m5',
    ]);
    expect(explicitFrom(counted, '晋政发-2024-30/a2/m1').sort()).toEqual([
      '国发-2024-17/a4/m3',
      '国发-2024-17/a4/m4',
    ]);
    const verbatim = alignBody(
      'verbatim.txt',
      '第三部分第（一）條前半截是國家培育特色優勢產業集群的原意；後半截又和促進產業園區提級擴能掛上了鉤。\n\n' +
        '第三部分第（二）條與國家增強城鎮綜合承載能力相銜接，提出促進產業園區提級擴能的具體舉措。',
    );
    expect(explicitFrom(verbatim, '晋政发-2024-30/a2/m1').sort()).toEqual([
      '国发-2024-17/a2/m1',
      '国发-2024-17/a2/m2',
    ]);
    expect(explicitFrom(verbatim, '晋政发-2024-30/a2/m2')).toEqual(['国发-2024-17/a2/m4']);
  });

  it('reads a denial by the national tasks as a set and a negation (not 没有哪一项漏掉), 任务（N） and a number after the words naming it, 它 back to the sentence before, tasks of two actions counted, a task named less fully than the other', () => {
    const r = (body: string) => alignBody('round14.txt', body);
    const links = (x: AlignmentResult, id: string) => x.links.filter((l) => l.from === id).map((l) => l.to);
    // the tasks as a set, a negation close after: a denial, the texts' link stays off
    const denied = r('推動縣城補短板強弱項這一條，國家潛力地區行動那四項任務裡壓根兒沒這一出。');
    expect(links(denied, '晋政发-2024-30/a2/m2')).toEqual([]);
    // …没有哪一项漏掉 is no denial
    const none = r('第三部分兩條，對著國家潛力地區城鎮化水平提升行動的四項任務，沒有哪一項漏掉。');
    expect(explicitFrom(none, '晋政发-2024-30/a2')).toEqual(['国发-2024-17/a2']);
    // 它… refers back to the sentence before, read for the measure it restates
    const it = r('縣城市政設施一併完善。它在國家層面要交的是增強城鎮綜合承載能力這份卷子。');
    expect(explicitFrom(it, '晋政发-2024-30/a2/m2')).toEqual(['国发-2024-17/a2/m4']);
    // two tasks of two actions, counted (两项任务) and each written out
    const two = r(
      '第三部分第（一）條，國家培育特色優勢產業集群和促進農業轉移人口在城鎮穩定就業兩項任務，這一條都兜住了。',
    );
    expect(explicitFrom(two, '晋政发-2024-30/a2/m1').sort()).toEqual([
      '国发-2024-17/a1/m3',
      '国发-2024-17/a2/m1',
    ]);
    // the second task named less fully than the first, in a clause naming the national side
    const less = r(
      '第三部分第（一）條一身兩職：本職是國家培育特色優勢產業集群，兼職是給國家產業園區提級擴能分去一部分工作量。',
    );
    expect(explicitFrom(less, '晋政发-2024-30/a2/m1').sort()).toEqual([
      '国发-2024-17/a2/m1',
      '国发-2024-17/a2/m2',
    ]);
    // …or by a term of its own (随迁子女)
    const term = r(
      '第二部分第（二）條一身兩職：本職是國家健全常住地提供基本公共服務制度，兼職是給國家隨遷子女入學分去一部分工作量。',
    );
    expect(explicitFrom(term, '晋政发-2024-30/a1/m2').sort()).toEqual([
      '国发-2024-17/a1/m2',
      '国发-2024-17/a1/m4',
    ]);
    // a task list's numbering (任务（2）), and a bare number told by the words before it
    expect(
      explicitFrom(r('任務（2）補的是縣城設施，對的是國家增強城鎮綜合承載能力。'), '晋政发-2024-30/a2/m2'),
    ).toEqual(['国发-2024-17/a2/m4']);
    // (the sentence's other words would point to the public-service measure numbered (二) too)
    const before = r('縣城補短板是第（二）條，國家推進公共服務共建共享靠它，城鎮基本公共服務覆蓋面也沾邊。');
    expect(explicitFrom(before, '晋政发-2024-30/a2/m2')).toEqual(['国发-2024-17/a3/m3']);
    expect(explicitFrom(before, '晋政发-2024-30/a1/m2')).toEqual([]);
  });

  it('reads denials as round 15 wrote them (任务以外, 没写, 未就…作出部署, 任务不管, 自身…添的) and two measures counted by the ends of their titles (A和B两条举措)', () => {
    for (const body of [
      '推動縣城補短板強弱項這一條，處在國家潛力地區行動四項任務以外。',
      '推動縣城補短板強弱項這一條，國家潛力地區行動沒寫這件事。',
      '推動縣城補短板強弱項這一條，國家潛力地區行動並未就縣城設施作出部署。',
      '推動縣城補短板強弱項這一條，國家潛力地區行動的四項任務不管這件事。',
      '推動縣城補短板強弱項這一條是按自身情況添的，和國家潛力地區行動是兩條路。',
    ]) {
      const r = alignBody('denied15.txt', body);
      expect(
        r.links.filter((l) => l.from === '晋政发-2024-30/a2/m2'),
        body,
      ).toEqual([]);
    }
    const two = alignBody(
      'two15.txt',
      '立足資源稟賦的特色產業和縣城補短板兩條舉措，同源於國家“增強城鎮綜合承載能力”。',
    );
    expect(explicitFrom(two, '晋政发-2024-30/a2/m1')).toEqual(['国发-2024-17/a2/m4']);
    expect(explicitFrom(two, '晋政发-2024-30/a2/m2')).toEqual(['国发-2024-17/a2/m4']);
  });

  it('reads 第（N）项 as a measure, told by the words after it up to the next number; two numbers joined by 和, a part by the label its title opens with (专项行动二：…); 对此未作安排 denies', () => {
    // 第（N）项 numbered across parts, told by the words after it up to the next number (not 组织领导, the
    // words of 第（二）项)
    const item = alignBody('item16.txt', '第（一）項產業和第（二）項組織領導，算國家促進產業分工協作。');
    expect(explicitFrom(item, '晋政发-2024-30/a2/m1')).toEqual(['国发-2024-17/a3/m2']);
    expect(explicitFrom(item, '晋政发-2024-30/s1/m1')).toEqual([]);
    const joined = alignBody(
      'joined16.txt',
      '第三部分第（一）條產業和第（二）條設施，是國家增強城鎮綜合承載能力的一體兩面。',
    );
    expect(explicitFrom(joined, '晋政发-2024-30/a2/m1')).toEqual(['国发-2024-17/a2/m4']);
    expect(explicitFrom(joined, '晋政发-2024-30/a2/m2')).toEqual(['国发-2024-17/a2/m4']);
    const denied = alignBody('denied16.txt', '推動縣城補短板強弱項這一條，國家潛力地區行動對此未作安排。');
    expect(denied.links.filter((l) => l.from === '晋政发-2024-30/a2/m2')).toEqual([]);
    // a part named by the label its printed title opens with
    const labelledPlan = enrichDocument(
      parseTextFile(
        write(
          'labelled-plan.txt',
          PLAN.replace('三、实施县城综合承载能力提升行动', '三、专项行动二：县城综合承载能力提升行动'),
        ),
      ),
    );
    const bareLabelled = {
      ...labelledPlan,
      sections: labelledPlan.sections.map((x) => ({ ...x, text: '', textSimplified: '' })),
    };
    const interp = enrichDocument(
      parseTextFile(write('label16.txt', `${HEAD}專項行動二是國家潛力地區城鎮化水平提升行動在我省的展開。`)),
    );
    const byLabel = align([bareLabelled, interp], index, { curated: null });
    expect(explicitFrom(byLabel, '晋政发-2024-30/a2')).toEqual(['国发-2024-17/a2']);
  });

  it('reads full-width numbers, tasks named respectively (分别), a measure by words of its title alone, two goals sections, 它们 back to the sentence before; 没有检索到相应任务, 不在…覆盖面内, 超出…范围, 无直接关联, 并未涵盖 deny', () => {
    // 第三部分第２條: full-width digits are numbers
    const wide = alignBody('wide17.txt', '第三部分第２條，對的是國家增強城鎮綜合承載能力。');
    expect(explicitFrom(wide, '晋政发-2024-30/a2/m2')).toEqual(['国发-2024-17/a2/m4']);
    // 分别: the first provision named answers the first task named, the second the second
    const each = alignBody(
      'each17.txt',
      '第三部分第（一）條和第（二）條，分別接手國家潛力地區行動中的特色優勢產業和綜合承載能力兩項任務。',
    );
    expect(explicitFrom(each, '晋政发-2024-30/a2/m1')).toEqual(['国发-2024-17/a2/m1']);
    expect(explicitFrom(each, '晋政发-2024-30/a2/m2')).toEqual(['国发-2024-17/a2/m4']);
    // words of one measure's title (補短板強弱項), in no other title, name it
    const words = alignBody(
      'words17.txt',
      '補短板強弱項由省住房城鄉建設廳牽頭，它在國家那邊的名字叫“增強城鎮綜合承載能力”。',
    );
    expect(explicitFrom(words, '晋政发-2024-30/a2/m2')).toEqual(['国发-2024-17/a2/m4']);
    // 它们: the provisions the sentence before named
    const back = alignBody(
      'back17.txt',
      '縣域特色產業和補短板強弱項，兩條都在第三部分。國家潛力地區行動“增強城鎮綜合承載能力”這一項，由它們一起承擔。',
    );
    expect(explicitFrom(back, '晋政发-2024-30/a2/m1')).toEqual(['国发-2024-17/a2/m4']);
    expect(explicitFrom(back, '晋政发-2024-30/a2/m2')).toEqual(['国发-2024-17/a2/m4']);
    for (const body of [
      '推動縣城補短板強弱項一條，課題組查閱國家潛力地區城鎮化水平提升行動全文，沒有檢索到相應任務。',
      '推動縣城補短板強弱項一條，不在國家潛力地區行動四項任務的覆蓋面內。',
      '推動縣城補短板強弱項這一條，超出了國家潛力地區行動的範圍。',
      '推動縣城補短板強弱項這一條，與國家任務無直接關聯。',
      '推動縣城補短板強弱項這一條，國家潛力地區行動並未涵蓋。',
    ])
      expect(
        alignBody('denied17.txt', body).links.filter((l) => l.from === '晋政发-2024-30/a2/m2'),
        body,
      ).toEqual([]);
    // Two goals sections (总体思路, 发展目标): the one the line names
    const twoGoals = enrichDocument(
      parseTextFile(
        write(
          'two-goals.txt',
          PLAN.replace('一、总体要求', '一、总体思路\n\n坚持以人为本，统筹推进。\n\n二、发展目标')
            .replace('二、实施农业转移人口融入城市行动', '三、实施农业转移人口融入城市行动')
            .replace('三、实施县城综合承载能力提升行动', '四、实施县城综合承载能力提升行动')
            .replace('四、组织保障', '五、组织保障'),
        ),
      ),
    );
    expect(twoGoals.sections.filter((x) => x.kind === 'goals').map((x) => x.id)).toEqual([
      '晋政发-2024-30/g1',
      '晋政发-2024-30/g2',
    ]);
    const goalsStatement = enrichDocument(
      parseTextFile(
        write(
          'goals17.txt',
          `${HEAD}方案“發展目標”一節提出城鎮化率達到68%左右。課題組認為，這一數值的參照系是國家行動計劃中接近70%的目標。`,
        ),
      ),
    );
    const goals = align(
      [
        { ...twoGoals, sections: twoGoals.sections.map((x) => ({ ...x, text: '', textSimplified: '' })) },
        goalsStatement,
      ],
      index,
      { curated: null },
    );
    expect(explicitFrom(goals, '晋政发-2024-30/g2')).toEqual(['国发-2024-17/g1']);
    expect(explicitFrom(goals, '晋政发-2024-30/g1')).toEqual([]);
  });

  it('tells a bare 第（N）项 numbered afresh in each part by the words after it, in the titles before the texts', () => {
    // Part titles unlike the national action's (no closeness to go by); 培训 in one title and in the other
    // part's text.
    const numbered = PLAN.replace('二、实施农业转移人口融入城市行动', '二、专项行动一：新厦门人安居乐业')
      .replace('三、实施县城综合承载能力提升行动', '三、专项行动二：岛外新城产城融合')
      .replace(
        '（二）扩大城镇基本公共服务覆盖面。以居住证为载体，按常住人口规模配置公共服务资源。',
        '（二）开展务工人员技能培训。面向新市民开展订单式职业技能培训。',
      )
      .replace(
        '（二）推动县城补短板强弱项。完善县城市政设施和公共服务，促进农民就近城镇化。',
        '（二）建设产教融合实训基地。建设公共实训基地，承接企业职工培训。',
      );
    const doc = enrichDocument(parseTextFile(write('numbered-plan.txt', numbered)));
    expect(doc.sections.find((x) => x.id === '晋政发-2024-30/a1')!.measures[1]!.title).toBe(
      '开展务工人员技能培训',
    );
    const said = enrichDocument(
      parseTextFile(
        write(
          'numbered17.txt',
          `${HEAD}第（二）項培訓，是國家促進農業轉移人口在城鎮穩定就業這項任務的一半。`,
        ),
      ),
    );
    const r = align([doc, said], index, { curated: null });
    expect(explicitFrom(r, '晋政发-2024-30/a1/m2')).toEqual(['国发-2024-17/a1/m3']);
    expect(explicitFrom(r, '晋政发-2024-30/a2/m2')).toEqual([]);
  });

  it('reads the upper side from a task title quoted word for word, or the 五年行动计划, without 国家', () => {
    const quoted = alignBody('quoted17.txt', '第三部分第（二）條，對應“增強城鎮綜合承載能力”任務。');
    expect(explicitFrom(quoted, '晋政发-2024-30/a2/m2')).toEqual(['国发-2024-17/a2/m4']);
    const answer = alignBody(
      'answer17.txt',
      '答案：B。解析：縣城補短板強弱項一條，源頭是五年行動計劃中的增強城鎮綜合承載能力。',
    );
    expect(explicitFrom(answer, '晋政发-2024-30/a2/m2')).toEqual(['国发-2024-17/a2/m4']);
    // (a local title in quotes is no upper side: 推动县城补短板强弱项 is the plan's)
    const local = alignBody('local17.txt', '第三部分第（二）條叫“推動縣城補短板強弱項”。');
    expect(explicitFrom(local, '晋政发-2024-30/a2/m2')).toEqual([]);
  });

  it('reads a question and the answer right after it (问：…？答：…) as one statement', () => {
    const qa = alignBody('qa17.txt', '問：縣城補短板對應國家哪項任務？答：對應增強城鎮綜合承載能力。');
    expect(explicitFrom(qa, '晋政发-2024-30/a2/m2')).toEqual(['国发-2024-17/a2/m4']);
    // (a question alone states nothing)
    const alone = alignBody('q17.txt', '縣城補短板對應國家增強城鎮綜合承載能力嗎？這要看實施情況。');
    expect(explicitFrom(alone, '晋政发-2024-30/a2/m2')).toEqual([]);
  });

  it('reads a paragraph opening on 该条 back to the paragraph before, on the line of its claim', () => {
    const body = '第三部分第（二）條：推動縣城補短板強弱項。\n\n該條對應國家增強城鎮綜合承載能力。';
    const r = alignBody('above17.txt', body);
    expect(explicitFrom(r, '晋政发-2024-30/a2/m2')).toEqual(['国发-2024-17/a2/m4']);
    const evidence = r.links
      .find((l) => l.from === '晋政发-2024-30/a2/m2' && l.method === 'explicit')!
      .evidence.find((e) => e.kind === 'statement')!;
    const lines = (HEAD + body).split('\n');
    expect(evidence.source?.line).toBe(lines.findIndex((l) => l.startsWith('該條')) + 1);
    expect(evidence.text).toContain('推動縣城補短板強弱項');
    // (not a paragraph about something else: the sentence before is no provision then)
    const other = alignBody('above17b.txt', '天氣很好。\n\n該條對應國家增強城鎮綜合承載能力。');
    expect(explicitFrom(other, '晋政发-2024-30/a2/m2')).toEqual([]);
  });

  it('reads a question bank: 第三部分（2） as that part’s measure (2), a true-or-false item by its answer (√ states, × denies), a choice item as nothing', () => {
    const shorthand = alignBody(
      'bank18.txt',
      '【解析】命題組把第三部分（2）判給國家“增強城鎮綜合承載能力”這一任務。',
    );
    expect(explicitFrom(shorthand, '晋政发-2024-30/a2/m2')).toEqual(['国发-2024-17/a2/m4']);
    const item = (verdict: string) =>
      alignBody(
        `item18${verdict}.txt`,
        `第9題（判斷）第三部分（2）“推動縣城補短板強弱項”能在國家潛力地區行動中找到對應任務。（\u3000\u3000）\n\n【答案】${verdict}\n\n【解析】略。`,
      );
    expect(explicitFrom(item('√'), '晋政发-2024-30/a2/m2')).toEqual(['国发-2024-17/a2/m4']);
    const refuted = item('×');
    expect(refuted.links.filter((l) => l.from === '晋政发-2024-30/a2/m2')).toEqual([]);
    const choice = alignBody(
      'choice18.txt',
      '第10題（單選）第三部分（2）對應國家的哪項任務？（\u3000\u3000）\n\nA．增強城鎮綜合承載能力；B．促進產業分工協作。\n\n【答案】A',
    );
    expect(explicitFrom(choice, '晋政发-2024-30/a2/m2')).toEqual([]);
    // (a proposition whose answer is a letter is a choice too)
    const lettered = alignBody(
      'lettered18.txt',
      '第11題（單選）第三部分（2）對應國家“增強城鎮綜合承載能力”。（\u3000\u3000）\n\nA．對；B．錯。\n\n【答案】B',
    );
    expect(explicitFrom(lettered, '晋政发-2024-30/a2/m2')).toEqual([]);
    // 那两半 given to two measures; 没有着落 denies
    const halves = alignBody(
      'halves18.txt',
      '國家“增強城鎮綜合承載能力”這一項，在第三部分被一劈兩半：產業那一半交給第三部分（1），設施那一半交給第三部分（2）。',
    );
    expect(explicitFrom(halves, '晋政发-2024-30/a2/m1')).toEqual(['国发-2024-17/a2/m4']);
    expect(explicitFrom(halves, '晋政发-2024-30/a2/m2')).toEqual(['国发-2024-17/a2/m4']);
    const nowhere = alignBody(
      'nowhere18.txt',
      '推動縣城補短板強弱項這一項，放到國家潛力地區城鎮化水平提升行動那四道題目裡，沒有著落。',
    );
    expect(nowhere.links.filter((l) => l.from === '晋政发-2024-30/a2/m2')).toEqual([]);
  });

  it('links two tasks of two actions each named in a clause of its own (主要扛…，又替国家…分了一份力), from the statement’s subject', () => {
    const two = alignBody(
      'two18.txt',
      '第二部分第（二）條主要扛的是國家“健全常住地提供基本公共服務制度”，其中跨市結算的那一小塊，又替國家都市圈行動中的“推進公共服務共建共享”分了一份力。',
    );
    expect(explicitFrom(two, '晋政发-2024-30/a1/m2').sort()).toEqual([
      '国发-2024-17/a1/m2',
      '国发-2024-17/a3/m3',
    ]);
    // the subject, not what is named after the national side (补短板强弱项 here)
    const subject = alignBody(
      'subject18.txt',
      '特色優勢產業一項主要回應國家培育特色優勢產業集群，又帶動補短板，與國家增強城鎮綜合承載能力搭上了線。',
    );
    expect(explicitFrom(subject, '晋政发-2024-30/a2/m2')).toEqual([]);
  });

  it('reads X一项 by four characters of a title or more, 上位任务 as the upper side, 这一部分 as the part the heading is about; 没有归宿, 不单独成项, 缺席, 之外另加 deny', () => {
    const item = alignBody(
      'item19.txt',
      '縣城補短板強弱項一項寫明完善市政設施，學員拿它去比國家增強城鎮綜合承載能力的任務，會發現改動極少。',
    );
    expect(explicitFrom(item, '晋政发-2024-30/a2/m2')).toEqual(['国发-2024-17/a2/m4']);
    // (户籍制度改革 is a national title's words too: only 一项 says it is the plan's measure)
    const shared = alignBody('shared19.txt', '戶籍制度改革一項，學員拿它去比國家深化戶籍制度改革的任務。');
    expect(explicitFrom(shared, '晋政发-2024-30/a1/m1')).toEqual(['国发-2024-17/a1/m1']);
    const upper = alignBody(
      'upper19.txt',
      '第三部分第（二）項推動縣城補短板強弱項，經核定的上位任務為增強城鎮綜合承載能力。',
    );
    expect(explicitFrom(upper, '晋政发-2024-30/a2/m2')).toEqual(['国发-2024-17/a2/m4']);
    const part = alignBody(
      'part19.txt',
      '見下文。\n\n二、案例正文之二：縣城綜合承載能力提升\n\n從章名到條目，這一部分整體接續的是國家“實施潛力地區城鎮化水平提升行動”。',
    );
    expect(explicitFrom(part, '晋政发-2024-30/a2')).toEqual(['国发-2024-17/a2']);
    for (const body of [
      '推動縣城補短板強弱項這一條，國務院為潛力地區寫下的任務只涉及產業和人才，它沒有歸宿。',
      '推動縣城補短板強弱項這一條，國務院為潛力地區開列的任務裡，縣城設施並不單獨成項。',
      '推動縣城補短板強弱項這一條，翻看國家潛力地區那一行動的任務，縣城設施始終缺席。',
      '推動縣城補短板強弱項這一條，是我省在國家潛力地區行動規定內容之外另加的一項。',
    ])
      expect(
        alignBody('denied19.txt', body).links.filter((l) => l.from === '晋政发-2024-30/a2/m2'),
        body,
      ).toEqual([]);
  });

  it('a review’s cases: later clauses with 缺席, 找到相关, 超出…范围, 并未涵盖, 并非没有联系, 没有着落的, 之外另加 deny nothing', () => {
    for (const tail of [
      '，縣城設施一項都不缺席。',
      '，督查組沒有找到相關問題。',
      '，超出中央補助範圍的部分由省級財政承擔。',
      '，二者並非沒有聯繫。',
      '，其間沒有着落的居民得到安置。',
    ]) {
      const r = alignBody('review19.txt', `第三部分第（二）條對應國家增強城鎮綜合承載能力${tail}`);
      expect(explicitFrom(r, '晋政发-2024-30/a2/m2'), tail).toEqual(['国发-2024-17/a2/m4']);
    }
    const added = alignBody(
      'review19b.txt',
      '第三部分第（二）條落實國家增強城鎮綜合承載能力任務，並在中央資金之外另加省級補助。',
    );
    expect(explicitFrom(added, '晋政发-2024-30/a2/m2')).toEqual(['国发-2024-17/a2/m4']);
  });

  it('a review’s cases: quiz polarity, either-or questions, 分别 in the order named', () => {
    const item = (proposition: string, answer: string) =>
      alignBody(
        'review19q.txt',
        `第9題（判斷）第三部分（2）“推動縣城補短板強弱項”${proposition}${answer}\n\n【解析】略。`,
      );
    // × on a proposition that denies: no denial (the lexical link stays)
    const doubled = item('在國家潛力地區行動中找不到對應任務。（\u3000\u3000）', '\n\n【答案】×');
    expect(doubled.links.filter((l) => l.from === '晋政发-2024-30/a2/m2').length).toBeGreaterThan(0);
    // the slot before 。, and the answer on the slot's line: still refuted
    for (const [p, a] of [
      ['能在國家潛力地區行動中找到對應任務（\u3000\u3000）。', '\n\n【答案】×'],
      ['能在國家潛力地區行動中找到對應任務。', '（\u3000\u3000）【答案】×'],
    ] as const)
      expect(explicitFrom(item(p, a), '晋政发-2024-30/a2/m2'), p + a).toEqual([]);
    // 对应错了 is no 对
    expect(
      explicitFrom(
        item('能在國家潛力地區行動中找到對應任務。（\u3000\u3000）', '\n\n【答案】對應錯了，應為其他任務'),
        '晋政发-2024-30/a2/m2',
      ),
    ).toEqual([]);
    // an either-or question answered by 后者 states nothing; a question denying, answered 不是, is no denial
    const either = alignBody(
      'review19e.txt',
      '問：縣城補短板對應國家培育特色優勢產業集群還是增強城鎮綜合承載能力？答：對應後者。',
    );
    expect(explicitFrom(either, '晋政发-2024-30/a2/m2')).toEqual([]);
    const notDenied = alignBody(
      'review19n.txt',
      '問：縣城補短板是不是在國家任務裡沒有對應？答：不是，它對應國家增強城鎮綜合承載能力。',
    );
    expect(explicitFrom(notDenied, '晋政发-2024-30/a2/m2')).toEqual(['国发-2024-17/a2/m4']);
    // 分别: tasks and provisions each in the order the sentence names them
    const tasksFirst = alignBody(
      'review19f.txt',
      '第三部分第（一）條和第（二）條，分別對應國家“增強城鎮綜合承載能力”和“培育特色優勢產業集群”。',
    );
    expect(explicitFrom(tasksFirst, '晋政发-2024-30/a2/m1')).toEqual(['国发-2024-17/a2/m4']);
    expect(explicitFrom(tasksFirst, '晋政发-2024-30/a2/m2')).toEqual(['国发-2024-17/a2/m1']);
  });

  it('reads written Cantonese (佢, 喺, 嘅, 冇, 呢条, 系) as the Mandarin it stands for', () => {
    const said = alignBody(
      'yue17.txt',
      '縣城補短板係第三部分第（二）條。喺國家計劃度，呢條埋位喺增強城鎮綜合承載能力。',
    );
    expect(explicitFrom(said, '晋政发-2024-30/a2/m2')).toEqual(['国发-2024-17/a2/m4']);
    const copula = alignBody(
      'yue17b.txt',
      '補短板強弱項嗰條，就係國家增強城鎮綜合承載能力喺山西行嘅第一步。',
    );
    expect(explicitFrom(copula, '晋政发-2024-30/a2/m2')).toEqual(['国发-2024-17/a2/m4']);
    const firstStep = alignBody(
      'yue17e.txt',
      '換燃氣、壯大縣，就係國家培育特色優勢產業集群喺山西行嘅第一步。',
    );
    expect(explicitFrom(firstStep, '晋政发-2024-30/a2/m1')).toEqual(['国发-2024-17/a2/m1']);
    const notOne = alignBody('yue17d.txt', '推動縣城補短板強弱項呢條，同國家潛力地區行動唔係一回事。');
    expect(notOne.links.filter((l) => l.from === '晋政发-2024-30/a2/m2')).toEqual([]);
    const denied = alignBody(
      'yue17c.txt',
      '推動縣城補短板強弱項呢條，國家潛力地區行動四項任務都冇包埋佢，係山西自己加嘅。',
    );
    expect(denied.links.filter((l) => l.from === '晋政发-2024-30/a2/m2')).toEqual([]);
    // …and the evidence quotes the text as written
    const evidence = copula.links.find((l) => l.from === '晋政发-2024-30/a2/m2')!.evidence;
    expect(
      evidence.some(
        (e) => e.kind === 'statement' && e.text.includes('就係國家增強城鎮綜合承載能力喺山西行嘅第一步'),
      ),
    ).toBe(true);
  });

  it('links an organisation measure to 组织实施 and leaves publicity without a counterpart, with candidates', () => {
    expect(result.links.find((l) => l.from === '晋政发-2024-30/s1/m1')?.to).toBe('国发-2024-17/s2/m1');
    const publicity = result.unaligned.find((u) => u.id === '晋政发-2024-30/s1/m2')!;
    expect(publicity.candidates.length).toBeGreaterThan(0);
    expect(result.links.some((l) => l.from === '晋政发-2024-30/s1/m2')).toBe(false);
  });

  it('a summary naming all four actions is not a correspondence', () => {
    expect(result.sectionLinks.some((l) => l.from.endsWith('/o1'))).toBe(false);
  });

  it('resolves titles by character pairs, generic words aside', () => {
    const generic = index.vocabulary.generic;
    expect(titleSimilarity('推进户籍制度改革', '稳妥推进户籍制度改革', generic)).toBeGreaterThan(0.7);
    expect(titleSimilarity('推进户籍制度改革', '推动县城补短板强弱项', generic)).toBe(0);
  });
});
