// The reader stage's contract: a published file (bytes) → the text the parser reads, plus where each
// line of that text stands in the published file. Everything after the reader is format-free.
import type { SourceFormat, SourceLocation } from '../model/document.js';

export type { SourceFormat, SourceLocation } from '../model/document.js';

/** Facts a published file states outside its body text (a web page's metadata table, PDF info). */
export interface PublishedMetadata {
  title: string | null;
  issuer: string | null;
  docNumber: string | null;
  /** 成文日期, ISO date. */
  issuedOn: string | null;
  /** 发布日期, ISO date. */
  publishedOn: string | null;
}

export interface ReadResult {
  format: SourceFormat;
  /** How the bytes were decoded: a text encoding, or the container (pdf, docx …). */
  encoding: string;
  /** Lines separated by '\n', no '\r': what the parser reads and what text offsets point into. */
  text: string;
  /**
   * Where each line of `text` comes from (index = line - 1), or null when the text is the file itself
   * (plain text, Markdown, YAML: line and offsets already say everything).
   */
  lines: SourceLocation[] | null;
  metadata: PublishedMetadata;
  attachments: { title: string; href: string }[];
  /** What the reader noticed and dropped or repaired (running headers, page numbers …), by text line. */
  notes: { line: number; message: string }[];
}

export interface ReadOptions {
  /** Read pages without a text layer with OCR (Debian tesseract-ocr + tesseract-ocr-chi-sim). */
  ocr?: boolean;
}

export interface Reader {
  format: SourceFormat;
  /** True when the bytes are this reader's format (magic bytes, markup sniffing; the name only as a hint). */
  detect(bytes: Uint8Array, file: string): boolean;
  /** Throws DocumentError (file, line or pages, reason) for anything it cannot read. */
  read(bytes: Uint8Array, file: string, options: ReadOptions): Promise<ReadResult>;
}

export const NO_METADATA: PublishedMetadata = {
  title: null,
  issuer: null,
  docNumber: null,
  issuedOn: null,
  publishedOn: null,
};

/** A location for a reader that knows pages or paragraphs or elements; the rest null. */
export function at(partial: Partial<SourceLocation>): SourceLocation {
  return { page: null, pageLine: null, paragraph: null, element: null, ocr: false, ...partial };
}
