import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { enrichDocument } from '../../src/extract/index.js';
import { extractTargets } from '../../src/extract/targets.js';
import { extractRegions } from '../../src/extract/regions.js';
import { canonicalAgency, extractAgencies } from '../../src/extract/agencies.js';
import type { PolicyDocument, Target } from '../../src/model/document.js';
import { parseTextFile } from '../support/documents.js';

const SEEDS = ['000_c51c4008d2d0f852.txt', '001_cfc62b0174b6011a.txt', '003_ec6a7881f5664fda.txt'];
const docs = SEEDS.map((f) => enrichDocument(parseTextFile(`seeds/${f}`)));
const allTargets = (d: PolicyDocument): Target[] => [
  ...d.targets,
  ...d.sections.flatMap((s) => [...s.targets, ...s.measures.flatMap((m) => m.targets)]),
];
const t = (text: string, periodEnd: number | null = 2028) => extractTargets(text, { periodEnd });

describe('targets', () => {
  it('reach precision and recall of at least 0.95 on value+unit+year against the hand labels', () => {
    const labels = YAML.parse(readFileSync('tests/fixtures/targets.yaml', 'utf8')) as Record<
      string,
      [number | null, string | null, number | null][]
    >;
    let tp = 0;
    let predicted = 0;
    let expected = 0;
    for (const doc of docs) {
      const truth = (labels[doc.id] ?? []).map((l) => JSON.stringify(l));
      const got = allTargets(doc).map((x) => JSON.stringify([x.value, x.unit, x.year]));
      predicted += got.length;
      expected += truth.length;
      const pool = [...truth];
      for (const g of got) {
        const i = pool.indexOf(g);
        if (i >= 0) {
          tp++;
          pool.splice(i, 1);
        }
      }
    }
    const precision = tp / predicted;
    const recall = tp / expected;
    console.log(
      `targets: ${tp} correct of ${predicted} found and ${expected} labelled → precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)}`,
    );
    expect(expected).toBeGreaterThan(40);
    expect(precision).toBeGreaterThanOrEqual(0.95);
    expect(recall).toBeGreaterThanOrEqual(0.95);
  });

  it('applies magnitude words and normalizes units', () => {
    expect(t('五年建设床位12万张以上。')[0]).toMatchObject({ value: 120000, unit: '张', comparator: 'gte' });
    expect(t('完成既有建筑节能改造4000万平方米以上。')[0]).toMatchObject({ value: 40000000, unit: '平方米' });
    expect(t('技术合同成交额突破50亿元。')[0]).toMatchObject({ value: 5e9, unit: '元', comparator: 'gte' });
    expect(t('垃圾处理率达到95％。')[0]).toMatchObject({ value: 95, unit: '%', comparator: 'eq' });
  });

  it('reads comparators, deadlines, rates and cumulative amounts', () => {
    expect(t('细颗粒物年均浓度不高于28微克/立方米。')[0]).toMatchObject({
      comparator: 'lte',
      unit: '微克/立方米',
      per: null,
    });
    expect(t('到2027年底，城镇化率达到70%左右。')[0]).toMatchObject({
      comparator: 'approx',
      year: 2027,
      indicator: '常住人口城镇化率',
    });
    expect(t('城镇化率年均提高0.5个百分点。')[0]).toMatchObject({
      comparator: 'increase',
      per: 'year',
      unit: '个百分点',
    });
    expect(t('五年累计新增高速公路里程300公里。')[0]).toMatchObject({
      cumulative: true,
      comparator: 'increase',
      year: 2028,
    });
    expect(t('力争在5年内实现城镇化率提升至接近70%的目标。', 2028)[0]).toMatchObject({
      comparator: 'approx',
      year: null,
    });
  });

  it('splits several targets in one sentence, pairing listed indicators with listed values', () => {
    const pipes = t('五年完成供水管道改造700公里、排水管道改造800公里。');
    expect(pipes.map((x) => [x.indicator, x.value])).toEqual([
      ['供水管道改造长度', 700],
      ['排水管道改造长度', 800],
    ]);
    const insured = t('参加养老保险人数、参加医疗保险人数五年累计新增100万人、200万人。');
    expect(insured.map((x) => [x.indicator, x.value, x.comparator])).toEqual([
      ['参加养老保险人数', 1e6, 'increase'],
      ['参加医疗保险人数', 2e6, 'increase'],
    ]);
  });

  it('finds dated milestones and skips qualifiers, quoted names and durations', () => {
    expect(t('到2026年底，全面启动城中村整体改造项目。')).toMatchObject([
      { kind: 'milestone', year: 2026, value: null },
    ]);
    expect(t('全面完成城区常住人口100万以上城市现有城中村改造。')).toEqual([]);
    expect(t('支持浦东新区将12个街道打造为精品城区。')).toEqual([]);
    expect(t('构建“15分钟社区生活圈”，实施三年行动计划。')).toEqual([]);
  });

  it('shares one indicator across plans (Shanghai and its interpretation, Zhejiang and the nation)', () => {
    const ids = docs.map((d) => new Set(allTargets(d).map((x) => x.indicatorId)));
    expect(ids[0]!.has('ind:轨道交通运营里程') && ids[1]!.has('ind:轨道交通运营里程')).toBe(true);
    expect(ids[1]!.has('ind:常住人口城镇化率') && ids[2]!.has('ind:常住人口城镇化率')).toBe(true);
  });
});

describe('regions', () => {
  const ctx = { regionId: '330000' };
  it('resolves abbreviations, combined names and implicit coverage', () => {
    const names = (text: string, c = ctx) => extractRegions(text, c).map((r) => r.name);
    expect(names('推进杭甬双城协同')).toEqual(['杭州市', '宁波市']);
    expect(names('对持有沪苏皖居住证人员予以互认')).toEqual(
      expect.arrayContaining(['上海市', '江苏省', '安徽省']),
    );
    expect(extractRegions('全省统筹推进', ctx)).toEqual([
      { id: '330000', name: '浙江省', kind: 'province', mention: '全省', relation: 'covers' },
    ]);
    expect(names('来沪人员纳入保障', { regionId: '310000' })).toEqual(['上海市']);
  });
  it('uses GB/T 2260 codes and functional regions with their parents', () => {
    const [lingang] = extractRegions('临港新片区提升能级', { regionId: '310000' });
    expect(lingang).toMatchObject({ id: 'fr:临港新片区', kind: 'functional' });
    expect(extractRegions('支持义乌市发展', ctx)[0]).toMatchObject({ id: '330782', kind: 'county' });
  });
  it('does not read place names into ordinary words', () => {
    expect(extractRegions('创新乡村产业，在新城工作', { regionId: '330000' })).toEqual([]);
  });
  it('takes the longest name at each place, to the end of the text; scoped aliases only in their scope', () => {
    const names = (text: string, regionId: string | null) =>
      extractRegions(text, { regionId }).map((r) => r.name);
    expect(names('上海市浦东新区', '310000')).toEqual(['上海市', '浦东新区']);
    expect(names('杭州市萧山区和杭甬', '330000')).toEqual(['杭州市', '萧山区', '宁波市']);
    expect(names('建设五个新城', '310000')).toEqual(['五个新城']);
    expect(names('推进新城建设', '310000')).toEqual(['五个新城']);
    expect(names('推进新城建设', null)).toEqual([]);
    expect(names('杭', '330000')).toEqual([]);
  });
});

describe('agencies', () => {
  it('normalizes short forms within the jurisdiction', () => {
    expect(canonicalAgency('市发展改革委', { jurisdiction: '上海市' })).toBe('上海市发展和改革委员会');
    expect(canonicalAgency('省住房城乡建设厅', { jurisdiction: '安徽省' })).toBe('安徽省住房和城乡建设厅');
    expect(canonicalAgency('国家发展改革委', { jurisdiction: null })).toBe('国家发展和改革委员会');
  });
  it('records drafters and coordinators with their role', () => {
    const drafters = extractAgencies('我市发展改革委、农业农村委等有关单位共同研究制定了《实施方案》。', {
      jurisdiction: '上海市',
    });
    expect(drafters.map((a) => [a.name, a.role])).toEqual([
      ['上海市发展和改革委员会', 'drafter'],
      ['上海市农业农村委员会', 'drafter'],
    ]);
    const [coord] = extractAgencies('在市区域高质量发展领导小组领导下，建立工作机制。', {
      jurisdiction: '上海市',
    });
    expect(coord).toMatchObject({ name: '上海市区域高质量发展领导小组', role: 'coordinator' });
  });
  it('reads issuer, copied-to and printer from a plan', () => {
    const roles = docs[0]!.agencies.map((a) => `${a.role}:${a.name}`);
    expect(roles).toEqual(
      expect.arrayContaining([
        'issuer:上海市人民政府',
        'printer:上海市人民政府办公厅',
        'copied-to:上海市高级人民法院',
        'coordinator:上海市区域高质量发展领导小组',
      ]),
    );
  });
});

describe('a province the code has not seen (own fixture)', () => {
  it('gets its own region, targets and agencies', () => {
    const doc = enrichDocument(parseTextFile('tests/fixtures/docs/anhui-arabic-numbering.md'));
    expect(doc.regionCode).toBe('340000');
    expect(doc.regions.map((r) => r.name)).toEqual(expect.arrayContaining(['安徽省', '皖北']));
    expect(allTargets(doc).map((x) => [x.indicator, x.value, x.year])).toEqual(
      expect.arrayContaining([
        ['常住人口城镇化率', 65, 2029],
        ['老旧管网改造长度', 3000, 2029],
      ]),
    );
    const leaders = doc.sections[3]!.measures[0]!.agencies.map((a) => a.name);
    expect(leaders).toEqual(['安徽省发展和改革委员会', '安徽省住房和城乡建设厅', '安徽省公安厅']);
  });
});
