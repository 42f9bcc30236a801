// Government web pages (cheerio): the article body from the content containers government sites use,
// Readability (on linkedom) for pages of unknown layout; navigation, share bars, related-document lists
// and footers left out. The metadata table (发文机关, 发文字号, 成文日期, 发布日期 …) becomes the
// document's stated metadata, links to files become attachments, and every text line keeps the CSS path
// of the element it comes from.
import type { CheerioAPI, Cheerio } from 'cheerio';
import { isTag, isText, type AnyNode, type Element } from 'domhandler';
import { DocumentError } from './errors.js';
import {
  at,
  NO_METADATA,
  type PublishedMetadata,
  type ReadResult,
  type Reader,
  type SourceLocation,
} from './types.js';

/** Known article containers, most specific first. */
const CONTAINERS = [
  '#UCAP-CONTENT',
  '.pages_content',
  '.TRS_Editor',
  '.TRS_UEDITOR',
  '#zoom',
  '.zoom',
  '.article-content',
  '.article_content',
  '#article-content',
  '.art_con',
  '#ContentRegion',
  '.content_text',
  '.wzcon',
  '.xxgk_content',
  '#content',
  'article',
];
/** Site furniture that can sit inside a container. */
const FURNITURE =
  'script, style, noscript, iframe, form, button, input, select, nav, header, footer, [class*="share"], [id*="share"], [class*="related"], [class*="xgwj"], [class*="print"], [class*="fontsize"], .bdsharebuttonbox';
const ATTACHMENT = /\.(pdf|docx?|xlsx?|wps|ofd|et|pptx?|zip|rar|7z|txt|csv)(?:[?#]|$)/i;
const LABELS: Record<string, keyof PublishedMetadata | 'index'> = {
  标题: 'title',
  名称: 'title',
  发文机关: 'issuer',
  发布机构: 'issuer',
  发文单位: 'issuer',
  发文字号: 'docNumber',
  文号: 'docNumber',
  成文日期: 'issuedOn',
  发文日期: 'issuedOn',
  发布日期: 'publishedOn',
  公开日期: 'publishedOn',
  索引号: 'index',
};
const BLOCK = new Set([
  'p',
  'div',
  'section',
  'article',
  'main',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'li',
  'ul',
  'ol',
  'dl',
  'dt',
  'dd',
  'table',
  'tbody',
  'thead',
  'tfoot',
  'tr',
  'blockquote',
  'pre',
  'center',
  'figure',
  'figcaption',
  'hr',
  'address',
]);

export function looksLikeHtml(bytes: Uint8Array, file: string): boolean {
  let head = Buffer.from(bytes.subarray(0, 4096)).toString('latin1');
  if (head.charCodeAt(0) === 0xff || head.charCodeAt(0) === 0xfe) head = head.replace(/\0/g, '');
  head = head
    .replace(/^\uFEFF|^\xEF\xBB\xBF/, '')
    .trimStart()
    .toLowerCase();
  if (/^(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b/.test(head))
    return true;
  return /\.x?html?$/i.test(file) && /<(?:p|div|meta|title|table)\b/.test(head);
}

export const htmlReader: Reader = {
  format: 'html',
  detect: looksLikeHtml,
  read: (bytes, file) => readHtml(bytes, file),
};

/** Encoding from the byte-order mark, the page's <meta> charset, or by trying UTF-8 then GB18030. */
export function decodeHtml(bytes: Uint8Array): { html: string; encoding: string } {
  const strict = (label: string, b: Uint8Array) => new TextDecoder(label, { fatal: true }).decode(b);
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return { html: strict('utf-8', bytes.subarray(3)), encoding: 'utf-8' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return { html: strict('utf-16le', bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return { html: strict('utf-16be', bytes.subarray(2)), encoding: 'utf-16be' };
  const head = Buffer.from(bytes.subarray(0, 4096)).toString('latin1');
  const declared = /<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)/i.exec(head)?.[1]?.toLowerCase() ?? null;
  if (declared) {
    // GB2312 and GBK pages often hold characters only GB18030 has: its decoder reads all three.
    const label = /^(?:gb2312|gbk|gb18030|x-gbk|cp936|euc-cn)$/.test(declared) ? 'gb18030' : declared;
    try {
      return { html: strict(label, bytes), encoding: declared };
    } catch {
      // An unknown label, or bytes that are not what the page declares (GBK pages saying utf-8 are
      // common): sniff as if nothing was declared.
    }
  }
  try {
    return {
      html: strict('utf-8', bytes),
      encoding: declared && declared !== 'utf-8' ? `utf-8 (declared ${declared})` : 'utf-8',
    };
  } catch {
    const encoding = declared && !/^gb/.test(declared) ? `gb18030 (declared ${declared})` : 'gb18030';
    return { html: new TextDecoder('gb18030').decode(bytes), encoding };
  }
}

export async function readHtml(bytes: Uint8Array, file: string): Promise<ReadResult> {
  if (bytes.length === 0) throw new DocumentError(file, 1, 'empty file');
  let decoded: { html: string; encoding: string };
  try {
    decoded = decodeHtml(bytes);
  } catch {
    throw new DocumentError(file, 1, 'web page in no known encoding (not UTF-8, UTF-16 or GB18030/GBK)');
  }
  // cheerio is loaded on first use, like pdf.js: reading text files should not pay for it.
  const { load } = await import('cheerio');
  const $ = load(decoded.html);
  const metadata = readMetadataTable($);
  const attachments = readAttachments($);

  let container = findContainer($);
  let usedFallback = false;
  if (!container) {
    container = await readabilityBody(decoded.html);
    usedFallback = container !== null;
  }
  if (!container)
    throw new DocumentError(
      file,
      1,
      'web page without an article body (no content container, nothing Readability finds)',
    );
  container.find(FURNITURE).remove();
  // A metadata table inside the container is metadata (read above), not text.
  container
    .find('table')
    .filter(
      (_, t) =>
        container
          .$(t)
          .find('td, th')
          .filter((_, c) => isLabel(container.$(c).text())).length >= 2,
    )
    .remove();
  const { lines, where, dropped } = blockLines(container.$, container.root);
  if (lines.length === 0) throw new DocumentError(file, 1, 'the web page has no article text');
  const notes: ReadResult['notes'] = [];
  if (usedFallback)
    notes.push({ line: 1, message: 'article body found by Readability (no known content container)' });
  if (dropped)
    notes.push({
      line: lines.length,
      message: `${dropped} attachment link line(s) left out of the text (listed as attachments)`,
    });
  return {
    format: 'html',
    encoding: decoded.encoding,
    text: lines.join('\n'),
    lines: where,
    metadata,
    attachments,
    notes,
  };
}

interface Container {
  $: CheerioAPI;
  root: Cheerio<Element>;
  find(selector: string): Cheerio<Element>;
}

function findContainer($: CheerioAPI): Container | null {
  for (const selector of CONTAINERS) {
    const hit = $(selector)
      .toArray()
      .filter(isTag)
      .find((el) => $(el).text().replace(/\s+/g, '').length >= 50);
    if (hit) {
      const root: Cheerio<Element> = $(hit);
      return { $, root, find: (s) => root.find<Element>(s) };
    }
  }
  return null;
}

async function readabilityBody(html: string): Promise<Container | null> {
  const [{ Readability }, { parseHTML }, { load }] = await Promise.all([
    import('@mozilla/readability'),
    import('linkedom'),
    import('cheerio'),
  ]);
  // linkedom's types do not resolve under NodeNext and Readability's name the DOM's Document, which this
  // project's lib (no DOM) lacks: linkedom's document is what Readability reads, passed as it is.
  const { document } = (parseHTML as unknown as (html: string) => { document: object })(html);
  const article = new Readability(document).parse();
  if (!article?.content) return null;
  const $ = load(`<div id="readability">${article.content}</div>`);
  const root = $<Element, string>('#readability');
  return { $, root, find: (s) => root.find<Element>(s) };
}

const clean = (s: string) => s.replace(/[\u00a0\t\r\n ]+/g, ' ').replace(/^[\s\u3000]+|[\s\u3000]+$/g, '');

/** 发文机关, 发文字号： or 发文机关：甘肃省人民政府 — a metadata label, alone or with its value. */
const isLabel = (s: string) => LABELS[s.replace(/[\s\u3000]/g, '').split(/[:：]/)[0]!] !== undefined;

/** The metadata table: label cells (发文机关：) and the cell after them, or "label：value" in one cell. */
function readMetadataTable($: CheerioAPI): PublishedMetadata {
  const found: Partial<Record<keyof PublishedMetadata | 'index', string>> = {};
  const labelOf = (s: string) => LABELS[s.replace(/[\s\u3000:：]/g, '')];
  $('td, th, li, dt, dd, span, p, div, b, strong, label').each((_, el) => {
    const node = $(el);
    if (node.children('td, th, li, div, p, table').length) return;
    const text = clean(node.text());
    const inline = /^([^:：]{2,8})[:：]\s*(.+)$/.exec(text);
    if (inline && labelOf(inline[1]!) && !found[labelOf(inline[1]!)!]) {
      found[labelOf(inline[1]!)!] = clean(inline[2]!);
      return;
    }
    const key = text.length <= 10 ? labelOf(text) : undefined;
    if (!key || found[key]) return;
    const value = clean(node.next().text());
    if (value && !labelOf(value)) found[key] = value;
  });
  const meta = (name: string) => clean($(`meta[name="${name}"]`).attr('content') ?? '') || null;
  return {
    ...NO_METADATA,
    title: found.title ?? meta('ArticleTitle'),
    issuer: found.issuer ?? null,
    docNumber: found.docNumber && /\d/.test(found.docNumber) ? found.docNumber : null,
    issuedOn: isoDate(found.issuedOn ?? null),
    publishedOn: isoDate(found.publishedOn ?? meta('PubDate')),
  };
}

/** 2025-03-12, 2025年3月12日, 2025/3/12, 2025.03.12 (a time after it ignored) → 2025-03-12. */
export function isoDate(s: string | null): string | null {
  const m = s ? /(\d{4})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})/.exec(s) : null;
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return null;
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function readAttachments($: CheerioAPI): ReadResult['attachments'] {
  const seen = new Set<string>();
  const out: ReadResult['attachments'] = [];
  $('a[href]').each((_, el) => {
    const href = $(el).attr('href')!.trim();
    if (!ATTACHMENT.test(href) || seen.has(href)) return;
    seen.add(href);
    const title = clean($(el).text()) || decodeURIComponent(href.split(/[?#]/)[0]!.split('/').pop() ?? href);
    out.push({ title, href });
  });
  return out;
}

/** The container's text, one line per block element, each with the element's CSS path. */
function blockLines($: CheerioAPI, root: Cheerio<Element>) {
  const lines: string[] = [];
  const where: SourceLocation[] = [];
  let dropped = 0;
  // Attachment links are fenced with two private-use characters while a line is collected.
  let current = '';
  let currentEl: Element | null = null;
  const flush = () => {
    const text = clean(current);
    // A line that is only a label and links to files: those are the attachments, not text.
    const linkOnly =
      /^(?:(?:附件|相关附件|下载)\s*[0-9一二三四五六七八九十]*\s*[:：]?\s*[0-9]*[.、．]?\s*)?$/.test(
        clean(current.replace(/\ue000[^\ue001]*\ue001/g, '')),
      );
    if (text && linkOnly && current.includes('\ue000')) dropped++;
    else if (text) {
      lines.push(text.replace(/[\ue000\ue001]/g, ''));
      where.push(at({ element: currentEl ? cssPath($, currentEl, root[0]!) : null }));
    }
    current = '';
    currentEl = null;
  };
  const visit = (node: AnyNode, block: Element) => {
    if (isText(node)) {
      if (node.data.trim()) currentEl ??= block;
      current += node.data;
      return;
    }
    if (!isTag(node)) return;
    const name = node.name.toLowerCase();
    if (name === 'br') {
      flush();
      return;
    }
    if (name === 'tr') {
      flush();
      current = $(node)
        .children('td, th')
        .toArray()
        .map((c) => clean($(c).text()))
        .filter(Boolean)
        .join('\u3000');
      currentEl = node;
      flush();
      return;
    }
    if (BLOCK.has(name)) {
      flush();
      for (const c of node.children) visit(c, node);
      flush();
      return;
    }
    if (name === 'a' && ATTACHMENT.test($(node).attr('href') ?? '')) {
      currentEl ??= block;
      current += `\ue000${$(node).text()}\ue001`;
      return;
    }
    if (name === 'img') return;
    for (const c of node.children) visit(c, block);
  };
  for (const c of root[0]!.children) visit(c, root[0]!);
  flush();
  return { lines, where, dropped };
}

/**
 * A CSS path to the element from the nearest ancestor with an id, or from the content container:
 * #UCAP-CONTENT > p:nth-of-type(7), div.TRS_Editor > p:nth-of-type(2).
 */
function cssPath($: CheerioAPI, el: Element, root: Element): string {
  const parts: string[] = [];
  for (let node: Element | null = el; node && isTag(node); node = node.parent as Element | null) {
    const id = node.attribs.id;
    if (id === 'readability') {
      parts.unshift('article');
      break;
    }
    if (id) {
      parts.unshift(`#${id}`);
      break;
    }
    const parent = node.parent as Element | null;
    if (node === root || !parent || !isTag(parent)) {
      const cls = node.attribs.class?.trim().split(/\s+/)[0];
      parts.unshift(cls ? `${node.name}.${cls}` : node.name);
      break;
    }
    const same = $(parent).children(node.name).toArray();
    parts.unshift(same.length > 1 ? `${node.name}:nth-of-type(${same.indexOf(node) + 1})` : node.name);
  }
  return parts.join(' > ');
}
