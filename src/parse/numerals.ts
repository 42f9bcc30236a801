// Chinese numerals as used in document numbering: 一 … 十九, 二十三, 一百零五; also 〇/零 in dates.
const DIGITS: Record<string, number> = {
  〇: 0,
  零: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/** 十九 → 19, 二十 → 20, 一百零五 → 105; null when the string is not a Chinese numeral. */
export function chineseToNumber(s: string): number | null {
  if (!/^[〇零一二两三四五六七八九十百]+$/.test(s)) return null;
  let total = 0;
  let current = 0;
  for (const ch of s) {
    if (ch === '百') {
      total += (current || 1) * 100;
      current = 0;
    } else if (ch === '十') {
      total += (current || 1) * 10;
      current = 0;
    } else {
      current = DIGITS[ch]!;
    }
  }
  return total + current;
}

/** 二〇二四 → 2024 (digit by digit, as years are written). */
export function chineseDigitsToNumber(s: string): number | null {
  if (!/^[〇零一二三四五六七八九]+$/.test(s)) return null;
  return Number([...s].map((c) => DIGITS[c]).join(''));
}

/** Full-width digits as ASCII (２３ → 23), one character for one, so that offsets into the text hold. */
export const asciiDigits = (text: string) =>
  text.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));

/** A numbering label (一, 十九, 3, ３) → its number. */
export function labelNumber(s: string): number | null {
  const ascii = asciiDigits(s);
  if (/^\d+$/.test(ascii)) return Number(ascii);
  return chineseToNumber(s);
}
