// Plain text, Markdown and YAML: the file is the text. Decoding (UTF-8, UTF-16 with BOM, GB18030)
// lives in decode.ts.
import { decode, DecodeError } from './decode.js';
import { DocumentError } from './errors.js';
import { NO_METADATA, type ReadResult, type Reader } from './types.js';

const MARKDOWN = /\.(?:md|markdown)$/i;
const YAML = /\.ya?ml$/i;

/** Synchronous: text needs no container to open (the parser's tests use it directly). */
export function readText(bytes: Uint8Array, file: string): ReadResult {
  try {
    const { text, encoding } = decode(bytes);
    const format = YAML.test(file) ? 'yaml' : MARKDOWN.test(file) ? 'markdown' : 'text';
    return { format, encoding, text, lines: null, metadata: NO_METADATA, attachments: [], notes: [] };
  } catch (err) {
    if (err instanceof DecodeError) throw new DocumentError(file, 1, err.message);
    throw err;
  }
}

export const textReader: Reader = {
  format: 'text',
  // The fallback reader: anything no container reader claims is tried as text (decode rejects binary).
  detect: () => true,
  read: (bytes, file) => Promise.resolve(readText(bytes, file)),
};
