import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PolicyDocument } from '../../src/model/document.js';
import { ParseError, parseDocument } from '../../src/parse/index.js';
import { toSimplified } from '../../src/parse/script.js';
import { parseTextFile } from '../support/documents.js';

/** A document written for a test as its paragraph lines. */
const parseLines = (lines: string[], file: string) => parseDocument(Buffer.from(lines.join('\n')), file);

const seed = (name: string) => `seeds/${name}`;
const fixture = (name: string) => `tests/fixtures/docs/${name}`;
const outlineOf = (file: string) =>
  parseTextFile(file).sections.map((s) => [s.label, s.kind, s.measures.map((m) => m.ordinal)] as const);

describe('seed documents', () => {
  it('Shanghai plan: goals, four actions of 6/4/4/4 measures, safeguards of 2', () => {
    const doc = parseTextFile(seed('000_c51c4008d2d0f852.txt'));
    expect(outlineOf(seed('000_c51c4008d2d0f852.txt'))).toEqual([
      ['一', 'goals', []],
      ['二', 'action', [1, 2, 3, 4, 5, 6]],
      ['三', 'action', [1, 2, 3, 4]],
      ['四', 'action', [1, 2, 3, 4]],
      ['五', 'action', [1, 2, 3, 4]],
      ['六', 'safeguards', [1, 2]],
    ]);
    expect(doc).toMatchObject({
      id: '沪府发-2024-12',
      kind: 'plan',
      level: 'provincial',
      title: '上海市深入实施以人为本的新型城镇化战略五年行动计划的实施方案',
      region: '上海市',
      regionCode: '310000',
      docNumber: '沪府发〔2024〕12号',
      issuedOn: '2024-12-30',
      issuer: '上海市人民政府',
      period: { start: 2024, end: 2028 },
    });
  });

  it('Shanghai plan: mends sentences cut by page breaks and keeps exact provenance', () => {
    const text = readFileSync(seed('000_c51c4008d2d0f852.txt'), 'utf8');
    const doc = parseTextFile(seed('000_c51c4008d2d0f852.txt'));
    const m1 = doc.sections[1]!.measures[0]!;
    expect(m1.title).toBe('优化户籍和居住证政策');
    expect(m1.text).toContain('持续做好人口综合服务和管理,健全覆盖全人群');
    expect([m1.line, m1.endLine]).toEqual([27, 29]);
    expect(text.slice(m1.start, m1.start + 10)).toBe('优化户籍和居住证政策');
    expect(text.slice(m1.end - 5, m1.end)).toBe('落户政策。');
    // The debris is gone: header, distribution block, bold markers.
    const all = JSON.stringify(doc.sections);
    expect(all).not.toContain('上海市人民政府文件');
    expect(all).not.toContain('抄送');
    expect(all).not.toContain('**');
    expect(doc.sections[2]!.measures[2]!.title).toBe('建设绿色生态城市');
  });

  it('Zhejiang plan: measures numbered 1–20 across sections, period from the title', () => {
    const doc = parseTextFile(seed('003_ec6a7881f5664fda.txt'));
    expect(outlineOf(seed('003_ec6a7881f5664fda.txt'))).toEqual([
      ['一', 'goals', []],
      ['二', 'action', [1, 2, 3, 4, 5, 6]],
      ['三', 'action', [7, 8, 9, 10]],
      ['四', 'action', [11, 12, 13, 14, 15]],
      ['五', 'action', [16, 17, 18]],
      ['六', 'safeguards', [19, 20]],
    ]);
    expect(doc.title).toBe('浙江省推进以人为本的新型城镇化战略实施方案（2024-2028年）');
    expect(doc.regionCode).toBe('330000');
    expect(doc.period).toMatchObject({ start: 2024, end: 2028 });
    expect(doc.docNumber).toBeNull(); // 国发〔2024〕17号 in its preface is the national plan's number
    expect(doc.sections[2]!.measures[0]!.id).toBe(`${doc.id}/a2/m1`); // (七) is a2's first measure
  });

  it('Shanghai interpretation: 8 questions, points as measures, Traditional kept beside Simplified', () => {
    const doc = parseTextFile(seed('001_cfc62b0174b6011a.txt'));
    expect(doc.kind).toBe('interpretation');
    expect(doc.script).toBe('traditional');
    expect(doc.sections).toHaveLength(8);
    expect(doc.region).toBe('上海市');
    const q4 = doc.sections[3]!;
    expect(q4.kind).toBe('action');
    expect(q4.title).toContain('實施以人為核心提升城鎮化質量行動');
    expect(q4.titleSimplified).toContain('实施以人为核心提升城镇化质量行动');
    expect(q4.measures.map((m) => m.label)).toEqual(['一是', '二是', '三是', '四是', '五是', '六是']);
    expect(q4.measures[3]!.title).toBe('保障隨遷子女受教育權利');
    expect(q4.measures[3]!.titleSimplified).toBe('保障随迁子女受教育权利');
    expect(q4.text).toContain('對照國家要求'); // the explicit statement stays in the question's own text
    expect(JSON.stringify(doc)).not.toContain('??');
  });

  it('ids are stable: re-parsing gives the same ids, and editing wording elsewhere changes none', () => {
    const bytes = readFileSync(seed('003_ec6a7881f5664fda.txt'));
    const edited = Buffer.from(bytes.toString('utf8').replace('拓宽就业增收渠道', '拓宽就业和增收渠道'));
    const ids = (d: PolicyDocument) => d.sections.flatMap((s) => [s.id, ...s.measures.map((m) => m.id)]);
    const a = parseDocument(bytes, 'zj.txt');
    expect(ids(parseDocument(bytes, 'zj.txt'))).toEqual(ids(a));
    expect(ids(parseDocument(edited, 'zj.txt'))).toEqual(ids(a));
  });
});

describe('other provinces and genres (own fixtures)', () => {
  it('1./2./3. measures with (1)(2) sub-items, metadata from the notice', () => {
    const doc = parseTextFile(fixture('anhui-arabic-numbering.md'));
    expect(doc).toMatchObject({
      id: '皖政-2025-8',
      region: '安徽省',
      issuer: '安徽省人民政府',
      issuedOn: '2025-03-06',
    });
    expect(doc.title).toBe('安徽省新型城镇化五年行动实施方案');
    const m2 = doc.sections[1]!.measures[1]!;
    expect(m2.label).toBe('2.');
    expect(m2.title).toBe('保障随迁子女就学');
    expect(m2.items.map((i) => i.label)).toEqual(['(1)', '(2)']);
    expect(doc.sections.map((s) => s.measures.length)).toEqual([0, 3, 2, 2]);
  });

  it('a national-style plan: 4 actions holding 19 tasks numbered on', () => {
    const doc = parseTextFile(fixture('national-style.txt'));
    expect(doc.level).toBe('national');
    expect(doc.issuer).toBe('国务院');
    const actions = doc.sections.filter((s) => s.kind === 'action');
    expect(actions.map((a) => a.measures.length)).toEqual([6, 4, 4, 5]);
    expect(actions.flatMap((a) => a.measures.map((m) => m.ordinal))).toEqual(
      Array.from({ length: 19 }, (_, i) => i + 1),
    );
    expect(actions[3]!.measures[4]!.id).toBe('国发-2030-1/a4/m5'); // task (十九)
  });

  it('a paragraph referring to a part (第二部分第（一）条…, 第三部分是…) is text, not a chapter heading', () => {
    const doc = parseLines(
      [
        '《某省实施方案》政策解读',
        '',
        '一、有哪些举措？',
        '',
        '第二部分第（一）条，落点在国家市民化行动中的落户。',
        '',
        '第三部分是对国家潜力地区城镇化水平提升行动的具体落实。',
        '',
        '二、如何保障？',
        '',
        '第四部分的组织实施要求与国家一致。',
        '',
        '第五部分定名为“强化要素保障”，对应国家的政策措施。',
      ],
      '解读.txt',
    );
    expect(doc.sections.map((s) => s.title)).toEqual(['有哪些举措？', '如何保障？']);
    expect(doc.sections[0]!.text).toContain('第二部分第（一）条，落点在');
    expect(doc.sections[1]!.text).toContain('第四部分的组织实施');
    expect(doc.sections[1]!.text).toContain('第五部分定名为');
  });

  it('Simplified text skips the converters; a phrase they change with no changed character does not', () => {
    const simplified = '推进农业转移人口市民化，完善群众反映集中的问题。';
    expect(toSimplified(simplified)).toBe(simplified);
    // 反覆 → 反复: neither character changes alone, the phrase does.
    expect(toSimplified('反覆研究')).toBe('反复研究');
    expect(toSimplified('國務院印發國家《行動計劃》')).toBe('国务院印发国家《行动计划》');
  });

  it('characters outside the Basic Multilingual Plane are looked up whole; a lone surrogate passes', () => {
    // 𠁞 (U+2005E) → 𠀾 and the compatibility ideograph 丽 (U+2F800) → 丽: both a surrogate pair.
    expect(toSimplified('关于𠁞的')).toBe('关于𠀾的');
    expect(toSimplified('关于丽的')).toBe('关于丽的');
    expect(toSimplified('𠀀推进\ud800新型城镇化\udc00')).toBe('𠀀推进\ud800新型城镇化\udc00');
    expect(toSimplified('末尾國')).toBe('末尾国');
  });

  it('chapter headings with a space or 、 after 第X部分 stay headings, whatever word comes next', () => {
    const doc = parseLines(
      [
        '某省推进新型城镇化实施方案',
        '',
        '第一部分　总体要求',
        '',
        '到2028年，常住人口城镇化率达到70%。',
        '',
        '第二部分　和美乡村建设',
        '',
        '1.建设和美乡村。推进乡村建设。',
        '',
        '第三部分 中心城市辐射带动',
        '',
        '2.增强中心城市辐射带动能力。推进都市圈建设。',
      ],
      '章节.txt',
    );
    expect(doc.sections.map((s) => s.title)).toEqual(['总体要求', '和美乡村建设', '中心城市辐射带动']);
  });

  it('a labelled paragraph (【解说】…) opens on its own after an unpunctuated caption (【字幕】…)', () => {
    const doc = parseLines(
      [
        '《某某省推进新型城镇化实施方案》解读视频脚本',
        '',
        '一、第一集',
        '',
        '【字幕】常住人口城镇化率：稳定在70%以上',
        '',
        '【解说】第二章七条，前六条与国家市民化行动一件对一件。',
        '',
        '城镇化率还要继续提高',
        '',
        '是这次方案的一个目标。',
      ],
      '视频脚本.txt',
    );
    expect(doc.sections[0]!.paragraphLines).toEqual([5, 7, 9]);
    expect(doc.sections[0]!.text).toContain('城镇化率还要继续提高是这次方案的一个目标。');
    // a page break before a bracket that is no label, or after a paragraph that has none, is mended
    const mended = parseLines(
      [
        '《某某省推进新型城镇化实施方案》解读',
        '',
        '一、主要内容',
        '',
        '近日，省政府印发《实施方案》（某政发',
        '',
        '【2024】30号），现解读如下。重点工程包括',
        '',
        '【城市更新】【县城补短板】等专项工程。',
      ],
      '解读.txt',
    );
    expect(mended.sections[0]!.paragraphLines).toEqual([5]);
  });

  it('an explanatory genre by its title (关于《…》的起草说明) is an interpretation of the plan it names', () => {
    const doc = parseLines(
      [
        '关于《某某省推进新型城镇化实施方案》的起草说明',
        '',
        '一、起草背景',
        '',
        '国务院印发国家《行动计划》后，省发展改革委牵头起草了《实施方案》。',
        '',
        '二、主要内容',
        '',
        '《实施方案》分为六个部分。',
      ],
      '起草说明.txt',
    );
    expect(doc.kind).toBe('interpretation');
    expect(doc.interprets).toBe('某某省推进新型城镇化实施方案');
  });

  it('a sentence opening on 第X部分 with no space after it (第三部分讲城中村改造。) is a paragraph, not a heading', () => {
    const doc = parseLines(
      [
        '《某某市推进新型城镇化实施方案》政策解读',
        '',
        '一、主要内容',
        '',
        '第二部分讲落户和公共服务。',
        '',
        '第三部分讲城中村改造。',
        '',
        '二、怎么落实',
        '',
        '《实施方案》明确了责任分工。',
      ],
      'talk.txt',
    );
    expect(doc.sections.map((s) => s.title)).toEqual(['主要内容', '怎么落实']);
    expect(doc.sections[0]!.text).toContain('第三部分讲城中村改造。');
  });

  it('一文读懂《…》 and a title with a colon (节目实录：解读《…》) are interpretations', () => {
    const body = ['', '一、主要内容', '', '《实施方案》分为六个部分。'];
    for (const title of [
      '一文读懂《某某省推进新型城镇化实施方案》',
      '《政风行风热线》节目实录：解读《某某省推进新型城镇化实施方案》',
    ]) {
      const doc = parseLines([title, ...body], 'post.txt');
      expect(doc.kind, title).toBe('interpretation');
      expect(doc.title, title).toBe(title);
      expect(doc.interprets, title).toBe('某某省推进新型城镇化实施方案');
    }
    // a period after 实施方案 is part of the title it interprets
    const dated = parseLines(
      ['一文读懂《某某市推进新型城镇化实施方案（2024—2028年）》', ...body],
      'dated.txt',
    );
    expect(dated.interprets).toBe('某某市推进新型城镇化实施方案（2024—2028年）');
  });

  it('targets in stages: the plan runs to the last stage within five years or so of its issue, not to a 2035 vision', () => {
    const plan = (goals: string) =>
      parseLines(
        [
          '某某省人民政府关于印发《某某省推进新型城镇化实施方案》的通知',
          '',
          '某某省人民政府',
          '',
          '2024年12月20日',
          '',
          '某某省推进新型城镇化实施方案',
          '',
          '一、总体要求',
          '',
          goals,
          '',
          '二、推进农业转移人口市民化',
          '',
          '（一）深化户籍制度改革。全面取消落户限制。',
        ],
        'plan.txt',
      );
    expect(plan('到2026年，常住人口城镇化率达到58%；到2029年，达到61%。').period).toMatchObject({
      start: 2024,
      end: 2029,
    });
    expect(plan('到2028年，城镇化率达到70%；到2035年，基本实现新型城镇化。').period).toMatchObject({
      start: 2024,
      end: 2028,
    });
  });

  it('Markdown: a bold opening before the text (**1.标题**正文) is the measure title', () => {
    const doc = parseDocument(
      Buffer.from(
        [
          '# 某某省推进新型城镇化实施方案',
          '',
          '## 一、推进农业转移人口市民化',
          '',
          '**1.深化户籍制度改革**全面取消城区常住人口300万以下城市落户限制。',
          '',
          '**2.扩大基本公共服务覆盖面。**以居住证为载体提供基本公共服务。',
        ].join('\n'),
      ),
      'plan.md',
    );
    const [first, second] = doc.sections[0]!.measures;
    expect(first!.title).toBe('深化户籍制度改革');
    expect(first!.text.startsWith('深化户籍制度改革全面取消')).toBe(true);
    expect(second!.title).toBe('扩大基本公共服务覆盖面');
  });

  it('GBK bytes decode as GB18030', () => {
    const doc = parseTextFile(fixture('henan-gbk.txt'));
    expect(doc.encoding).toBe('gb18030');
    expect(doc.region).toBe('河南省');
    expect(doc.sections[1]!.measures[1]!.title).toBe('保障随迁子女受教育权利');
  });

  it('UTF-16 with BOM and UTF-8 with BOM decode the same', () => {
    const text = readFileSync(fixture('anhui-arabic-numbering.md'), 'utf8');
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const bom8 = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]);
    expect(parseDocument(le, 'a.txt').encoding).toBe('utf-16le');
    expect(parseDocument(le, 'a.txt').sections).toEqual(parseDocument(Buffer.from(text), 'a.txt').sections);
    expect(parseDocument(bom8, 'a.txt').encoding).toBe('utf-8');
  });
});

describe('bad input: a clear error with file and line', () => {
  const failure = (bytes: Uint8Array, file = 'bad.txt') => {
    try {
      parseDocument(bytes, file);
    } catch (err) {
      expect(err).toBeInstanceOf(ParseError);
      return (err as ParseError).message;
    }
    throw new Error('expected a ParseError');
  };

  it('broken numbering names the line of the out-of-order measure', () => {
    expect(() => parseTextFile(fixture('broken-numbering.txt'))).toThrow(
      /broken-numbering\.txt:7: measure （三） follows （一）/,
    );
  });
  it('empty, blank, binary and non-text files', () => {
    expect(failure(new Uint8Array())).toBe('bad.txt:1: empty file');
    expect(failure(Buffer.from('  \n\n '))).toMatch(/bad\.txt:1: no text/);
    expect(failure(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]))).toMatch(
      /binary/,
    );
    expect(failure(Buffer.from('plain English notes\nwithout structure'))).toMatch(
      /bad\.txt:1: no section heading/,
    );
  });
  it('a missing section is reported at its successor', () => {
    expect(failure(Buffer.from('标题方案\n\n一、目标\n\n正文。\n\n三、任务\n\n正文。'))).toBe(
      'bad.txt:7: section 2 is numbered 三、 (expected 2): a section is missing or out of order',
    );
  });
});

describe('robustness (property tests)', () => {
  const zhejiang = readFileSync(seed('003_ec6a7881f5664fda.txt'));
  const expectParsesOrReports = (bytes: Uint8Array) => {
    try {
      expect(PolicyDocument.safeParse(parseDocument(bytes, 'fuzz.txt')).success).toBe(true);
    } catch (err) {
      expect(err).toBeInstanceOf(ParseError);
      expect((err as Error).message).toMatch(/^fuzz\.txt:\d+: \S/);
    }
  };

  it('random bytes never crash the parser', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 2000 }), expectParsesOrReports), {
      numRuns: 300,
      // Found by this test: a UTF-16 byte-order mark and an odd byte escaped as a TypeError.
      examples: [[Uint8Array.from([0xff, 0xfe, 0x00])], [Uint8Array.from([0xfe, 0xff, 0x41])]],
    });
  });
  it('random Chinese-ish text never crashes the parser', () => {
    const piece = fc.constantFrom(
      '一、',
      '（一）',
      '(二)',
      '1.',
      '（1）',
      '一是',
      '。',
      '\n',
      '\n\n',
      '**',
      '## ',
      '??',
      '目标',
      '行动',
      '到2028年',
      '沪府发〔2024〕1号',
      '抄送：',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 200 }), (parts) =>
        expectParsesOrReports(Buffer.from(parts.join(''))),
      ),
      {
        numRuns: 500,
      },
    );
  });
  it('every truncation of a real plan parses or reports a clear error', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: zhejiang.length }), (cut) =>
        expectParsesOrReports(zhejiang.subarray(0, cut)),
      ),
      { numRuns: 200 },
    );
  });
});
