// Traditional → Simplified with OpenCC's dictionaries (opencc-js), for matching and search; the
// original script is kept beside it.
import * as OpenCCModule from 'opencc-js';

// opencc-js's types import './core' without an extension, which NodeNext resolution cannot follow, so its
// Converter comes out untyped: its signature, stated once here.
const OpenCC = OpenCCModule as unknown as {
  Converter(options: { from: string; to: string }): (text: string) => string;
};
const t2s = OpenCC.Converter({ from: 't', to: 'cn' });
const tw2s = OpenCC.Converter({ from: 'tw', to: 'cn' });

/** The Simplified form of a text (Simplified text passes through unchanged). */
export function toSimplified(text: string): string {
  return tw2s(t2s(text));
}

/** Share of CJK characters that conversion changes: about 0 for Simplified text, 0.1+ for Traditional. */
export function traditionalShare(text: string, simplified = toSimplified(text)): number {
  let cjk = 0;
  let changed = 0;
  const n = Math.min(text.length, simplified.length);
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x4e00 && c <= 0x9fff) {
      cjk++;
      if (text[i] !== simplified[i]) changed++;
    }
  }
  return cjk === 0 ? 0 : changed / cjk;
}
