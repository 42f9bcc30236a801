// The one error a document can fail with, in any stage that reads it (read, parse): it names the file
// and the place — a line of the text, or a page of a PDF — and says why, on one line.

/** File names can hold anything, newlines included: print them so the error stays one line. */
export function printableName(file: string): string {
  // eslint-disable-next-line no-control-regex -- escaping control characters is the point
  return /[\u0000-\u001f\u007f]/.test(file) ? JSON.stringify(file).slice(1, -1) : file;
}

export class DocumentError extends Error {
  override name = 'DocumentError';
  constructor(
    readonly file: string,
    /** 1-based line of the text (1 when the place is a page, or the whole file). */
    readonly line: number,
    readonly reason: string,
    /** The PDF page(s) at fault, when the place is a page rather than a line. */
    readonly pages: number[] = [],
  ) {
    super(`${printableName(file)}${DocumentError.where(line, pages)}: ${reason.replace(/\s*\n\s*/g, ' ')}`);
  }

  static where(line: number, pages: number[]): string {
    if (pages.length === 1) return ` page ${pages[0]}`;
    if (pages.length > 1) return ` pages ${compactPages(pages)}`;
    return `:${line}`;
  }
}

/** 1,2,3,5 → "1–3, 5". */
export function compactPages(pages: number[]): string {
  const sorted = [...new Set(pages)].sort((a, b) => a - b);
  const out: string[] = [];
  for (let i = 0; i < sorted.length; i++) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    out.push(j > i ? `${sorted[i]}–${sorted[j]}` : String(sorted[i]));
    i = j;
  }
  return out.join(', ');
}
