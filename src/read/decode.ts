// Bytes → text. UTF-8 (with or without BOM), UTF-16 with BOM, and GB18030 (a superset of GBK and
// GB2312). Node's built-in WHATWG TextDecoder handles all of them (Node ships full ICU), so no
// iconv package is needed. Binary and empty input are rejected.

export interface Decoded {
  text: string;
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';
}

export class DecodeError extends Error {
  override name = 'DecodeError';
}

export function decode(bytes: Uint8Array): Decoded {
  if (bytes.length === 0) throw new DecodeError('empty file');
  let decoded: Decoded;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    decoded = { text: strict('utf-8', bytes.subarray(3)), encoding: 'utf-8' };
  } else if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    decoded = { text: strict('utf-16le', bytes.subarray(2)), encoding: 'utf-16le' };
  } else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    decoded = { text: strict('utf-16be', bytes.subarray(2)), encoding: 'utf-16be' };
  } else {
    if (bytes.includes(0)) throw new DecodeError('binary data (NUL bytes) and no UTF-16 byte-order mark');
    try {
      decoded = { text: strict('utf-8', bytes), encoding: 'utf-8' };
    } catch {
      try {
        decoded = { text: strict('gb18030', bytes), encoding: 'gb18030' };
      } catch {
        throw new DecodeError('neither UTF-8 nor GB18030/GBK text');
      }
    }
  }
  const text = decoded.text.replace(/\r\n?/g, '\n');
  if (text.trim().length === 0) throw new DecodeError('no text (only white space)');
  // Text documents have almost no control characters; binary files decoded by GB18030 have many.
  // eslint-disable-next-line no-control-regex -- counting control characters is the point
  const controls = text.match(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffd]/g)?.length ?? 0;
  if (controls > Math.max(2, text.length * 0.005)) {
    throw new DecodeError(`binary data (${controls} control characters in ${text.length})`);
  }
  return { text, encoding: decoded.encoding };
}

function strict(label: string, bytes: Uint8Array): string {
  try {
    return new TextDecoder(label, { fatal: true }).decode(bytes);
  } catch {
    // e.g. a UTF-16 byte-order mark followed by an odd number of bytes (found by the parser's fuzz test)
    throw new DecodeError(`not valid ${label.toUpperCase()} text`);
  }
}
