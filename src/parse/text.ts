// Text with provenance: every character remembers its offset in the source file, so cleaned,
// re-joined text can always point back at the exact original span.

export class MappedText {
  constructor(
    readonly text: string,
    /** map[i] = offset in the source file of text[i]. */
    readonly map: readonly number[],
  ) {}

  static empty = new MappedText('', []);

  get length(): number {
    return this.text.length;
  }
  /** Offset of the first character in the source. */
  get start(): number {
    return this.map[0] ?? 0;
  }
  /** Offset just past the last character in the source. */
  get end(): number {
    return this.map.length ? this.map[this.map.length - 1]! + 1 : 0;
  }

  slice(from: number, to = this.text.length): MappedText {
    return new MappedText(this.text.slice(from, to), this.map.slice(from, to));
  }

  concat(other: MappedText, separator = ''): MappedText {
    if (this.length === 0) return other;
    if (other.length === 0) return this;
    const sepMap = new Array<number>(separator.length).fill(this.end - 1);
    return new MappedText(this.text + separator + other.text, [...this.map, ...sepMap, ...other.map]);
  }

  trim(): MappedText {
    const startIdx = this.text.length - this.text.trimStart().length;
    const endIdx = this.text.trimEnd().length;
    return startIdx === 0 && endIdx === this.text.length
      ? this
      : this.slice(startIdx, Math.max(startIdx, endIdx));
  }
}

const CJK = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef“”‘’、]/;

/**
 * One source line cleaned of conversion debris: Markdown heading marks and bold markers, the `??`
 * left where full-width spaces were lost, full-width spaces, and spaces that PDF conversion put
 * between Chinese characters (`新型 城镇化`, `到 2028 年底`). Spaces between Latin words stay.
 */
export function cleanLine(raw: string, lineStart: number): MappedText {
  const keep = new Array<boolean>(raw.length).fill(true);
  const drop = (from: number, to: number) => keep.fill(false, from, to);

  const heading = /^\s*#{1,6}\s+/.exec(raw);
  if (heading) drop(0, heading[0].length);
  for (const m of raw.matchAll(/\*\*|__/g)) drop(m.index, m.index + m[0].length);
  const lost = /^[\s\u3000]*(?:\?\?|？？)+/.exec(
    raw.replace(/\*\*/g, '  ').replace(/^\s*#{1,6}\s+/, (s) => ' '.repeat(s.length)),
  );
  if (lost) drop(0, lost[0].length);
  for (const m of raw.matchAll(/[\s\u3000]+/g)) {
    const before = raw.slice(0, m.index).replace(/\*\*/g, '').slice(-1);
    const after = raw
      .slice(m.index + m[0].length)
      .replace(/^\*\*/, '')
      .slice(0, 1);
    const edge = before === '' || after === '';
    if (edge || m[0].includes('\u3000') || CJK.test(before) || CJK.test(after))
      drop(m.index, m.index + m[0].length);
  }

  let text = '';
  const map: number[] = [];
  for (let i = 0; i < raw.length; i++) {
    if (!keep[i]) continue;
    text += raw[i];
    map.push(lineStart + i);
  }
  return new MappedText(text, map);
}
