// Text with provenance: every character remembers its offset in the source file, so cleaned,
// re-joined text can always point back at the exact original span.
//
// Linear time: the offsets live in a growable Int32Array shared by the texts cut from it. Slicing
// shares it; concatenating onto the text that ends at the buffer's tip appends in place (amortized
// doubling), so a section built by joining thousands of lines costs O(total length), not O(n²).
// A MappedText never changes: appending only writes past the end of every existing text's range.

class OffsetBuffer {
  constructor(
    public data: Int32Array,
    public used: number,
  ) {}

  static withCapacity(n: number): OffsetBuffer {
    return new OffsetBuffer(new Int32Array(Math.max(16, n)), 0);
  }

  reserve(extra: number): void {
    const need = this.used + extra;
    if (need <= this.data.length) return;
    const grown = new Int32Array(Math.max(need, this.data.length * 2));
    grown.set(this.data.subarray(0, this.used));
    this.data = grown;
  }
}

const clamp = (i: number, n: number) => (i < 0 ? Math.max(n + i, 0) : Math.min(i, n));

export class MappedText {
  private constructor(
    readonly text: string,
    private readonly buf: OffsetBuffer,
    private readonly off: number,
  ) {}

  /** `offsets[i]` = offset in the source file of `text[i]`. */
  static of(text: string, offsets: ArrayLike<number>): MappedText {
    if (offsets.length !== text.length) throw new RangeError('one offset per character');
    const buf = OffsetBuffer.withCapacity(text.length);
    buf.data.set(offsets);
    buf.used = text.length;
    return new MappedText(text, buf, 0);
  }

  static empty = MappedText.of('', []);

  get length(): number {
    return this.text.length;
  }
  /** Offset in the source of `text[i]`. */
  offsetAt(i: number): number {
    if (i < 0 || i >= this.length) throw new RangeError(`no character ${i}`);
    return this.buf.data[this.off + i]!;
  }
  /** map[i] = offset in the source file of text[i] (a copy: O(length)). */
  get map(): readonly number[] {
    return Array.from(this.buf.data.subarray(this.off, this.off + this.length));
  }
  /** Offset of the first character in the source. */
  get start(): number {
    return this.length ? this.buf.data[this.off]! : 0;
  }
  /** Offset just past the last character in the source. */
  get end(): number {
    return this.length ? this.buf.data[this.off + this.length - 1]! + 1 : 0;
  }

  /** Same bounds as String.prototype.slice. O(1): the offsets are shared. */
  slice(from: number, to = this.text.length): MappedText {
    const n = this.length;
    const a = clamp(Math.trunc(from) || 0, n);
    const b = Math.max(a, clamp(Math.trunc(to) || 0, n));
    if (a === 0 && b === n) return this;
    return new MappedText(this.text.slice(a, b), this.buf, this.off + a);
  }

  /** This text, the separator (mapped to this text's last character), the other text. */
  concat(other: MappedText, separator = ''): MappedText {
    if (this.length === 0) return other;
    if (other.length === 0) return this;
    return MappedText.join([this, other], separator);
  }

  /**
   * Texts joined with a separator between them (mapped to the last character before it); empty texts
   * are skipped with their separator, as `a.concat(b, sep)` does. O(total length).
   */
  static join(parts: readonly MappedText[], separator = ''): MappedText {
    const kept = parts.filter((p) => p.length > 0);
    if (kept.length === 0) return MappedText.empty;
    const first = kept[0]!;
    if (kept.length === 1) return first;
    let total = first.length;
    for (let i = 1; i < kept.length; i++) total += separator.length + kept[i]!.length;
    const extra = total - first.length;
    // Append in place when the first text ends at its buffer's tip, else start a new buffer.
    let buf = first.buf;
    let off = first.off;
    if (first.off + first.length !== buf.used) {
      buf = OffsetBuffer.withCapacity(total * 2);
      buf.data.set(first.buf.data.subarray(first.off, first.off + first.length));
      buf.used = first.length;
      off = 0;
    }
    buf.reserve(extra);
    const data = buf.data;
    let at = buf.used;
    let last = data[at - 1]!;
    const texts: string[] = [first.text];
    // Two parts (concat) are joined with +: V8 keeps a rope, so a left fold of concats stays linear.
    const pair = kept.length === 2;
    for (let i = 1; i < kept.length; i++) {
      const p = kept[i]!;
      if (separator.length) {
        data.fill(last, at, at + separator.length);
        at += separator.length;
        texts.push(separator);
      }
      // p may share this buffer (below `used`, never in the region being written).
      data.set(p.buf.data.subarray(p.off, p.off + p.length), at);
      at += p.length;
      last = data[at - 1]!;
      texts.push(p.text);
    }
    buf.used = at;
    return new MappedText(pair ? texts[0]! + separator + texts[texts.length - 1]! : texts.join(''), buf, off);
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
 * The last character of `raw.slice(0, at).replace(/\*\*\/g, '')`, in time proportional to the run of
 * `*` just before `at`: a run of k stars keeps k mod 2 of them.
 */
function lastBeforeWithoutBold(raw: string, at: number): string {
  let i = at;
  while (i > 0 && raw[i - 1] === '*') i--;
  if ((at - i) % 2 === 1) return '*';
  return i > 0 ? raw[i - 1]! : '';
}

/**
 * One source line cleaned of conversion debris: Markdown heading marks and bold markers, the `??`
 * left where full-width spaces were lost, full-width spaces, and spaces that PDF conversion put
 * between Chinese characters (`新型 城镇化`, `到 2028 年底`). Spaces between Latin words stay.
 * Linear in the line's length.
 */
export function cleanLine(raw: string, lineStart: number): MappedText {
  const keep = new Uint8Array(raw.length).fill(1);
  const drop = (from: number, to: number) => keep.fill(0, from, to);

  const heading = /^\s*#{1,6}\s+/.exec(raw);
  if (heading) drop(0, heading[0].length);
  for (const m of raw.matchAll(/\*\*|__/g)) drop(m.index, m.index + m[0].length);
  // (Only a line holding ?? or ？？ can have them: the replacements below only write spaces.)
  const lost =
    raw.includes('??') || raw.includes('？？')
      ? /^[\s\u3000]*(?:\?\?|？？)+/.exec(
          raw.replace(/\*\*/g, '  ').replace(/^\s*#{1,6}\s+/, (s) => ' '.repeat(s.length)),
        )
      : null;
  if (lost) drop(0, lost[0].length);
  for (const m of raw.matchAll(/[\s\u3000]+/g)) {
    const before = lastBeforeWithoutBold(raw, m.index);
    let next = m.index + m[0].length;
    if (raw.startsWith('**', next)) next += 2;
    const after = raw[next] ?? '';
    const edge = before === '' || after === '';
    if (edge || m[0].includes('\u3000') || CJK.test(before) || CJK.test(after))
      drop(m.index, m.index + m[0].length);
  }

  const offsets = new Int32Array(raw.length);
  const runs: string[] = [];
  let n = 0;
  for (let i = 0; i < raw.length;) {
    if (!keep[i]) {
      i++;
      continue;
    }
    let j = i;
    while (j < raw.length && keep[j]) offsets[n++] = lineStart + j++;
    runs.push(raw.slice(i, j));
    i = j;
  }
  return MappedText.of(runs.join(''), offsets.subarray(0, n));
}
