// The reader stage on fixtures built on this machine (tests/fixtures/published/build.ts): one plan of
// our own as text, Markdown, a printed PDF, Word with typed and with automatic numbering, and a GBK web
// page must come out as the same document; provenance must point into the published file.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outline } from '../../src/cli/parse.js';
import { enrichDocument } from '../../src/extract/index.js';
import type { PolicyDocument } from '../../src/model/document.js';
import { parseFile, parseRead } from '../../src/parse/index.js';
import { readDocuments } from '../../src/pipeline/documents.js';
import { DocumentError, readBytes, readerFor, readSource } from '../../src/read/index.js';
import { chineseCounting } from '../../src/read/docx.js';
import { isoDate } from '../../src/read/html.js';
import { layOut } from '../../src/read/layout.js';
import { NO_METADATA } from '../../src/read/types.js';
import { blocks, gansu, sichuan } from '../fixtures/published/plans.js';

const dir = 'tests/fixtures/published';
const fixture = (name: string) => path.join(dir, name);
const FORMATS = ['gansu.txt', 'gansu.md', 'gansu.pdf', 'gansu.docx', 'gansu-autonumber.docx', 'gansu.html'];

const docs = new Map<string, PolicyDocument>();
beforeAll(async () => {
  for (const f of FORMATS) docs.set(f, enrichDocument(await parseFile(fixture(f))));
}, 60_000);
const doc = (f: string) => docs.get(f)!;

/** What must not depend on the format: structure, wording and targets (offsets aside). */
const content = (d: PolicyDocument) =>
  d.sections.map((s) => ({
    label: s.label,
    kind: s.kind,
    title: s.title,
    text: s.text,
    targets: s.targets.map(({ indicator, value, unit, comparator, year }) => ({
      indicator,
      value,
      unit,
      comparator,
      year,
    })),
    measures: s.measures.map((m) => ({
      label: m.label,
      title: m.title,
      text: m.text,
      items: m.items.map((i) => `${i.label}${i.text}`),
      targets: m.targets.map(({ indicator, value, unit, comparator, year, text }) => ({
        indicator,
        value,
        unit,
        comparator,
        year,
        text,
      })),
    })),
  }));

describe('the same plan in every published format', () => {
  it('the text version has the plan as written in plans.ts', () => {
    const d = doc('gansu.txt');
    expect(d.sections.map((s) => s.title)).toEqual(gansu.sections.map((s) => s.title));
    const measures = gansu.sections.flatMap((s) => s.measures ?? []);
    expect(d.sections.flatMap((s) => s.measures.map((m) => m.title))).toEqual(measures.map((m) => m.title));
    expect(d.sections.flatMap((s) => s.measures.map((m) => m.items.length))).toEqual(
      measures.map((m) => m.items?.length ?? 0),
    );
    const urbanisation = d.sections[0]!.targets.find((t) => t.indicator === '常住人口城镇化率');
    expect(urbanisation).toMatchObject({ value: 60, unit: '%', year: 2029 });
  });

  for (const f of FORMATS.slice(1)) {
    it(`${f}: same sections, measures, items and targets as the text`, () => {
      expect(content(doc(f))).toEqual(content(doc('gansu.txt')));
      expect(doc(f).title).toBe(gansu.title);
    });
  }

  it('each format says what it was read from', () => {
    expect(FORMATS.map((f) => doc(f).format)).toEqual(['text', 'markdown', 'pdf', 'docx', 'docx', 'html']);
    expect(doc('gansu.html').encoding).toBe('gb2312');
  });
});

describe('PDF', () => {
  /** Poppler's own reading of a page, running header and page number left out: the reference. */
  const popplerLines = (page: number) =>
    execFileSync('pdftotext', ['-f', String(page), '-l', String(page), fixture('gansu.pdf'), '-'], {
      encoding: 'utf8',
    })
      .split('\n')
      .map((l) => l.replace(/\s+/g, ''))
      .filter((l) => l && l !== gansu.runningHeader && !/^—?\d+—?$/.test(l) && l !== '\f');

  it('every section and measure points at its page and its line on the page', () => {
    const d = doc('gansu.pdf');
    const provisions = [
      ...d.sections.map((s) => ({ p: s, printed: `${s.label}、${s.title}` })),
      ...d.sections.flatMap((s) => s.measures.map((m) => ({ p: m, printed: `${m.label}${m.title}` }))),
    ];
    expect(provisions).toHaveLength(gansu.sections.length + 12);
    for (const { p, printed } of provisions) {
      const { page, pageLine } = p.location!;
      const line = popplerLines(page!)[pageLine! - 1] ?? '';
      // The printed line may end before the title does.
      const k = Math.min(line.length, printed.length);
      expect(line.slice(0, k), `${printed} at page ${page} line ${pageLine}`).toBe(printed.slice(0, k));
      expect(k).toBeGreaterThan(3);
    }
  });

  it('section 四 was printed at the top of a new page: page N line 1, its first measure line 2', () => {
    const d = doc('gansu.pdf');
    const four = d.sections[3]!;
    const pages = Number(
      /Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [fixture('gansu.pdf')], { encoding: 'utf8' }))![1],
    );
    const starts = Array.from({ length: pages }, (_, i) => i + 1).find((p) =>
      popplerLines(p)[0]!.startsWith(`四、${four.title}`),
    );
    expect(four.location).toMatchObject({ page: starts, pageLine: 1, ocr: false });
    expect(four.measures[0]!.location).toMatchObject({ page: starts, pageLine: 2 });
    expect(outline(d)).toContain(
      `${four.measures[0]!.label} ${four.measures[0]!.title}  page ${starts} line 2`,
    );
  });

  it('running header and page numbers are dropped with a note, the red header and 抄送 block as in text', async () => {
    const { read } = await readSource(fixture('gansu.pdf'));
    expect(read.text).not.toContain(gansu.runningHeader);
    expect(read.text).not.toMatch(/^—\s*\d+\s*—$/m);
    expect(read.text.split('\n')[0]).toBe(gansu.redHeader);
    expect(read.notes.map((n) => n.message)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          new RegExp(`^running header "${gansu.runningHeader}" dropped \\(pages 1–\\d\\)$`),
        ),
        expect.stringMatching(/^page number "— 1 —" dropped \(pages 1–\d\)$/),
        expect.stringMatching(/^paragraph runs on from page 1 to page 2/),
      ]),
    );
    expect(doc('gansu.pdf').trailer).toEqual(doc('gansu.txt').trailer);
    expect(doc('gansu.pdf').docNumber).toBe(gansu.docNumber);
  });

  it('a non-embedded CJK font (STSong-Light, UniGB-UCS2-H, no ToUnicode) reads through the CMaps', async () => {
    const file = fixture('sichuan-cjk-font.pdf');
    expect(readFileSync(file, 'latin1')).not.toMatch(/FontFile|ToUnicode/);
    const d = await parseFile(file);
    expect(d.docNumber).toBe(sichuan.docNumber);
    expect(d.sections.map((s) => s.title)).toEqual(sichuan.sections.map((s) => s.title));
    const measures = sichuan.sections.flatMap((s) => s.measures ?? []);
    // The last measure's text also holds the closing signature and date (the parser keeps them there).
    expect(d.sections.flatMap((s) => s.measures.map((m) => m.text.split('\n')[0]))).toEqual(
      measures.map((m) => `${m.title}。${m.body}`),
    );
  });

  it('a letter-spaced red header (a gap after every character) is one word again', async () => {
    const { read } = await readSource(fixture('sichuan-cjk-font.pdf'));
    expect(read.text.split('\n')[0]).toBe(sichuan.redHeader);
  });

  it('a line split by font (Latin digits inside Chinese) is one line without spaces', async () => {
    const { read } = await readSource(fixture('gansu.pdf'));
    expect(read.text.split('\n')).toContain(gansu.docNumber);
    expect(read.text).toContain('到2029年，全省常住人口城镇化率达到60%左右');
  });
});

describe('Word', () => {
  it('paragraph numbers count the body paragraphs in document order', () => {
    const order = blocks(gansu);
    for (const f of ['gansu.docx', 'gansu-autonumber.docx']) {
      const measures = doc(f).sections.flatMap((s) => s.measures);
      measures.forEach((m, i) => {
        const at = order.findIndex((b) => b.kind === 'measure' && b.measure === i + 1) + 1;
        expect(m.location, `${f} ${m.label}`).toMatchObject({ paragraph: at, page: null });
      });
      const sections = doc(f).sections.map((s) => s.location!.paragraph);
      expect(sections).toEqual(order.flatMap((b, i) => (b.kind === 'section' ? [i + 1] : [])));
    }
  });

  it('automatic numbering: none of the numbers is in the XML, all are in the text', async () => {
    const { read } = await readSource(fixture('gansu-autonumber.docx'));
    const typed = await readSource(fixture('gansu.docx'));
    expect(read.text).toBe(typed.read.text);
    expect(read.notes[0]!.message).toMatch(/automatic numbering restored .*\(22 paragraphs\)/);
    const xml = new TextDecoder().decode(
      unzipSync(readFileSync(fixture('gansu-autonumber.docx')))['word/document.xml'],
    );
    expect(xml).not.toContain('（一）');
    expect(xml).not.toContain('一、');
  });

  it('headers and footers are not text; a table row is one line, its cells apart', async () => {
    const { read } = await readSource(fixture('gansu.docx'));
    expect(read.text).not.toMatch(/— \d+ —|PAGE/);
    const table = await readSource(fixture('table.docx'));
    expect(table.read.text.split('\n')).toEqual([
      '一、主要指标',
      '主要指标如下表。',
      '指标\u30002024年\u30002029年',
      '常住人口城镇化率\u300055.5%\u300060%',
      '二、保障措施',
      '（一）加强组织领导。各地抓好落实。',
    ]);
    expect(table.read.lines!.map((l) => l.paragraph)).toEqual([1, 2, 3, 6, 9, 10]);
  });

  it('Chinese counting as Word prints it', () => {
    expect([1, 10, 11, 19, 20, 21, 100, 105, 110].map((n) => chineseCounting(n))).toEqual([
      '一',
      '十',
      '十一',
      '十九',
      '二十',
      '二十一',
      '一百',
      '一百〇五',
      '一百一十',
    ]);
  });
});

describe('web pages', () => {
  it('the metadata table gives number, issuer and dates, over what the body suggests', async () => {
    const { bytes, read } = await readSource(fixture('gansu.html'));
    expect(read.metadata).toEqual({
      title: gansu.title,
      issuer: gansu.web.issuer,
      docNumber: gansu.docNumber,
      issuedOn: isoDate(gansu.web.issuedOn),
      publishedOn: gansu.web.publishedOn,
    });
    const d = doc('gansu.html');
    expect(d).toMatchObject({
      docNumber: gansu.docNumber,
      issuer: gansu.web.issuer,
      publishedOn: '2025-03-14',
    });
    // The body alone has no number and suggests another date (the 印发 date of the trailer).
    expect(d.issuedOn).toBe('2025-03-12');
    const guessed = parseRead({ ...read, metadata: NO_METADATA }, bytes, fixture('gansu.html'));
    expect(guessed.docNumber).toBeNull();
    expect(guessed.publishedOn).toBeNull();
  });

  it('site furniture is left out; attachments are listed; lines keep their element', async () => {
    const { read } = await readSource(fixture('gansu.html'));
    for (const furniture of ['首页', '分享到', '相关文件', '网站标识码', '索引号', '打印本页']) {
      expect(read.text).not.toContain(furniture);
    }
    expect(read.attachments).toEqual([
      { title: `${gansu.title}（PDF版）`, href: '/files/2025/gzbf12-attachment.pdf' },
      { title: '主要指标分解表.xls', href: '/files/2025/gzbf12-indicators.xls' },
    ]);
    expect(doc('gansu.html').attachments).toEqual(read.attachments);
    expect(outline(doc('gansu.html'))).toContain(
      `  attachments: ${read.attachments.map((a) => `${a.title} <${a.href}>`).join(' · ')}\n`,
    );
    expect(outline(doc('gansu.html'))).toContain(' · published 2025-03-14 · ');
    const first = doc('gansu.html').sections[1]!.measures[0]!;
    expect(first.location!.element).toMatch(/^#UCAP-CONTENT > p:nth-of-type\(\d+\)$/);
    const n = Number(/\((\d+)\)/.exec(first.location!.element!)![1]);
    expect(read.text.split('\n')[n - 1]).toMatch(/^（一）全面放开城镇落户限制/);
  });

  it('a page of unknown layout: Readability finds the body', async () => {
    const paragraphs = blocks(gansu)
      .filter((b) => ['title', 'section', 'measure', 'para'].includes(b.kind))
      .map((b) => `<p>${b.number}${b.text}</p>`)
      .join('');
    const html = `<!doctype html><html><head><meta charset="utf-8"><title>x</title></head><body>
      <div class="top"><a href="/">首页</a> <a href="/a">新闻</a></div>
      <div class="wrap"><div class="left-col"><div class="story">${paragraphs}</div></div></div>
      <div class="bottom">版权所有</div></body></html>`;
    const read = await readBytes(new TextEncoder().encode(html), 'page.html');
    expect(read.notes[0]!.message).toMatch(/Readability/);
    expect(read.text.split('\n')).toContain(
      '（一）全面放开城镇落户限制。' + gansu.sections[1]!.measures![0]!.body,
    );
    expect(read.text).not.toContain('版权所有');
  });

  it('a metadata table inside the content container is metadata, not text', async () => {
    const body = blocks(gansu)
      .filter((b) => ['title', 'section', 'measure'].includes(b.kind))
      .map((b) => `<p>${b.number}${b.text}</p>`)
      .join('');
    const html = `<html><head><meta charset="utf-8"></head><body><div class="TRS_Editor">
      <table><tr><td>发文机关：${gansu.web.issuer}</td><td>发文字号：${gansu.docNumber}</td></tr>
      <tr><td>成文日期：</td><td>2025年3月12日</td></tr></table>${body}</div></body></html>`;
    const read = await readBytes(new TextEncoder().encode(html), 'page.htm');
    expect(read.metadata).toMatchObject({
      issuer: gansu.web.issuer,
      docNumber: gansu.docNumber,
      issuedOn: '2025-03-12',
    });
    expect(read.text).not.toMatch(/发文机关|发文字号|成文日期/);
    expect(read.text.split('\n')[0]).toBe(gansu.title);
    expect(read.lines![0]!.element).toBe('div.TRS_Editor > p:nth-of-type(1)');
  });

  it('a GBK page that declares utf-8 is still read (the bytes win over a wrong declaration)', async () => {
    const gbk = readFileSync(fixture('gansu.html'));
    const lying = Buffer.from(gbk.toString('latin1').replace('charset=gb2312', 'charset=utf-8'), 'latin1');
    const read = await readBytes(lying, 'page.html');
    expect(read.encoding).toBe('gb18030 (declared utf-8)');
    expect(read.text).toBe((await readSource(fixture('gansu.html'))).read.text);
  });

  it('dates in the forms sites print them', () => {
    expect(['2025-03-12', '2025年3月12日', '2025/3/12 10:30', '2025.03.12', 'soon'].map(isoDate)).toEqual([
      '2025-03-12',
      '2025-03-12',
      '2025-03-12',
      '2025-03-12',
      null,
    ]);
  });
});

describe('choosing a reader by content', () => {
  it('a PDF named .txt, a web page named .doc and a Word file named .bin are read for what they are', () => {
    const pick = (f: string, as: string) => readerFor(readFileSync(fixture(f)), as).format;
    expect(pick('gansu.pdf', 'plan.txt')).toBe('pdf');
    expect(pick('gansu.html', 'plan.doc')).toBe('html');
    expect(pick('gansu.docx', 'plan.bin')).toBe('docx');
    expect(pick('gansu.txt', 'plan.pdf')).toBe('text');
  });
});

describe('files that cannot be read', () => {
  const bad = {
    'encrypted.pdf': /^encrypted PDF: .*password/,
    'truncated.pdf': /^truncated PDF/,
    'empty.pdf': /^empty file/,
    'corrupt.docx': /^damaged Word file/,
    'damaged.doc': /convert it to \.docx, e\.g\. libreoffice --headless --convert-to docx/,
  };
  for (const [name, reason] of Object.entries(bad)) {
    it(`${name}: one line, file:line: reason`, async () => {
      const file = path.join(dir, 'bad', name);
      const err = await readSource(file).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(DocumentError);
      const e = err as DocumentError;
      expect(e.reason).toMatch(reason);
      expect(e.message).toBe(`${file}:1: ${e.reason}`);
      expect(e.message).not.toContain('\n');
    });
  }

  it('a corrupt PDF (header and end marker, nothing readable between): one line', async () => {
    const bytes = new TextEncoder().encode('%PDF-1.7\nthis is no PDF body\n%%EOF\n');
    const err = (await readBytes(bytes, 'corrupt.pdf').catch((e: unknown) => e)) as DocumentError;
    expect(err).toBeInstanceOf(DocumentError);
    expect(err.message).toMatch(/^corrupt\.pdf:1: not a readable PDF: [^\n]+$/);
  });

  it('a scan without --ocr: the pages are named and --ocr is suggested', async () => {
    const err = (await readSource(fixture('sichuan-scan.pdf')).catch((e: unknown) => e)) as DocumentError;
    expect(err).toBeInstanceOf(DocumentError);
    expect(err.pages).toEqual([1]);
    expect(err.message).toMatch(/sichuan-scan\.pdf page 1: no text layer \(scanned\): run with --ocr/);
  });

  describe('a folder mixing bad and good files', () => {
    let tmp: string;
    beforeAll(() => {
      tmp = mkdtempSync(path.join(tmpdir(), 'plantrace-read-'));
      for (const f of [
        ...Object.keys(bad).map((b) => `bad/${b}`),
        'gansu.pdf',
        'gansu-autonumber.docx',
        'gansu.html',
        'sichuan-scan.pdf',
      ]) {
        copyFileSync(fixture(f), path.join(tmp, path.basename(f)));
      }
    });
    afterAll(() => rmSync(tmp, { recursive: true, force: true }));

    it('still yields the good documents, and one rejection per bad file', async () => {
      const { documents, rejected } = await readDocuments([tmp]);
      expect(documents.map((d) => d.file).sort()).toEqual([
        'gansu-autonumber.docx',
        'gansu.html',
        'gansu.pdf',
      ]);
      expect(rejected.map((r) => path.basename(r.file)).sort()).toEqual(
        [...Object.keys(bad), 'sichuan-scan.pdf'].sort(),
      );
      expect(rejected.find((r) => r.file.endsWith('sichuan-scan.pdf'))!.pages).toEqual([1]);
    }, 60_000);
  });
});

describe('Word numbering, counted as Word counts it', () => {
  // Built in memory with the docx writer: one list of three levels, and a second list of its own.
  async function numbered(paragraphs: { level: number; text: string; list?: string }[]) {
    const { AlignmentType, Document, LevelFormat, Packer, Paragraph } = await import('docx');
    const lvl = (level: number, format: (typeof LevelFormat)[keyof typeof LevelFormat], text: string) => ({
      level,
      format,
      text,
      alignment: AlignmentType.LEFT,
    });
    const doc = new Document({
      numbering: {
        config: [
          {
            reference: 'outline',
            levels: [
              lvl(0, LevelFormat.CHINESE_COUNTING, '%1、'),
              lvl(1, LevelFormat.CHINESE_COUNTING, '（%2）'),
              lvl(2, LevelFormat.DECIMAL, '%3.'),
              lvl(3, LevelFormat.DECIMAL, '%3.%4'),
            ],
          },
          { reference: 'circled', levels: [lvl(0, LevelFormat.DECIMAL_ENCLOSED_CIRCLE, '%1')] },
        ],
      },
      sections: [
        {
          children: paragraphs.map(
            (p) =>
              new Paragraph({ text: p.text, numbering: { reference: p.list ?? 'outline', level: p.level } }),
          ),
        },
      ],
    });
    const bytes = new Uint8Array(await Packer.toBuffer(doc));
    return (await readBytes(bytes, 'numbered.docx')).text.split('\n');
  }

  it('a level restarts after a higher one; %3.%4 prints both counters; another list counts apart', async () => {
    const lines = await numbered([
      { level: 0, text: '甲' },
      { level: 1, text: '乙' },
      { level: 1, text: '丙' },
      { level: 2, text: '丁' },
      { level: 3, text: '戊' },
      { level: 3, text: '己' },
      { level: 2, text: '庚' },
      { level: 0, text: '辛', list: 'circled' },
      { level: 0, text: '壬' },
      { level: 1, text: '癸' },
      { level: 2, text: '子' },
      { level: 0, text: '丑', list: 'circled' },
    ]);
    expect(lines).toEqual([
      '一、甲',
      '（一）乙',
      '（二）丙',
      '1.丁',
      '1.1 戊',
      '1.2 己',
      '2.庚',
      '① 辛',
      '二、壬',
      '（一）癸',
      '1.子',
      '② 丑',
    ]);
  });
});

describe('PDF layout: furniture and paragraphs from printed lines', () => {
  const box = { width: 595, height: 842 };
  const line = (page: number, y: number, text: string, x = 80, right = 515, size = 16) => ({
    page,
    x,
    right,
    y,
    size,
    text,
  });

  it('headers that alternate between odd and even pages are furniture; a paragraph runs on across pages', () => {
    const pages = [1, 2, 3, 4, 5].map((p) => [
      line(p, 60, p % 2 ? '甘肃省人民政府公报' : '2025年第3期', 250, 345, 10),
      line(p, 200, `\u3000第${p}页的段落开头，排满一整行`, 112),
      line(p, 225, `第${p}页的段落继续，排满一整行`),
      line(p, 800, `— ${p} —`, 280, 315, 13),
    ]);
    const laid = layOut(
      pages,
      pages.map(() => box),
      () => false,
    );
    expect(laid.text).not.toMatch(/公报|第3期|— \d —/);
    // Each page's paragraph starts indented: five paragraphs, none joined across a page break.
    expect(laid.text.split('\n')).toHaveLength(5);
    expect(laid.lines!.map((l) => [l.page, l.pageLine])).toEqual([1, 2, 3, 4, 5].map((p) => [p, 1]));
    expect(laid.notes.map((n) => n.message)).toEqual(
      expect.arrayContaining([
        'running header "甘肃省人民政府公报" dropped (pages 1, 3, 5)',
        'running header "2025年第3期" dropped (pages 2, 4)',
        'page number "— 1 —" dropped (pages 1–5)',
      ]),
    );
  });

  it('an unindented line at the top of a page carries on the paragraph of the page before', () => {
    const pages = [
      [line(1, 200, '到2029年，全省常住人口城镇化', 112), line(1, 225, '率达到60%左右，农业转移人口市民化')],
      [
        line(2, 100, '质量明显提升。', 80, 192),
        line(2, 125, '二、实施新一轮农业转移人口市民化行动', 112, 400),
      ],
    ];
    const laid = layOut(pages, [box, box], () => false);
    expect(laid.text.split('\n')).toEqual([
      '到2029年，全省常住人口城镇化率达到60%左右，农业转移人口市民化质量明显提升。',
      '二、实施新一轮农业转移人口市民化行动',
    ]);
    expect(laid.notes).toEqual([{ line: 1, message: 'paragraph runs on from page 1 to page 2 (joined)' }]);
  });
});
