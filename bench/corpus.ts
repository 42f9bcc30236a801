// A generated corpus for benchmarks: seed-sized documents recombined from the seeds' own measures,
// sections and preambles (no text is shipped; everything is built at run time from seeds/).
import { readFileSync } from 'node:fs';
import { parseTextFile } from '../tests/support/documents.js';

const SEEDS = [
  'seeds/000_c51c4008d2d0f852.txt',
  'seeds/001_cfc62b0174b6011a.txt',
  'seeds/003_ec6a7881f5664fda.txt',
];
const HAN = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const PROVINCES = [
  '江苏省',
  '安徽省',
  '福建省',
  '江西省',
  '山东省',
  '河南省',
  '湖北省',
  '湖南省',
  '广东省',
  '四川省',
];

/** A deterministic pseudo-random generator, so every run builds the same corpus. */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

interface Pools {
  measures: string[];
  goals: string[];
  actionTitles: string[];
}

function pools(): Pools {
  const docs = SEEDS.map((f) => parseTextFile(f));
  const plans = docs.filter((d) => d.kind === 'plan');
  return {
    measures: plans.flatMap((d) => d.sections.flatMap((s) => s.measures.map((m) => m.textSimplified))),
    goals: plans.flatMap((d) => d.sections.filter((s) => s.kind === 'goals').map((s) => s.textSimplified)),
    actionTitles: plans.flatMap((d) =>
      d.sections.filter((s) => s.kind === 'action').map((s) => s.titleSimplified),
    ),
  };
}

/** `count` plan documents of about the seeds' size, as Markdown strings. */
export function generatePlans(count: number, seed = 42): { name: string; text: string }[] {
  const p = pools();
  const rand = rng(seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)]!;
  const out: { name: string; text: string }[] = [];
  for (let i = 0; i < count; i++) {
    const province = PROVINCES[i % PROVINCES.length]!;
    const lines = [
      `# ${province}推进新型城镇化实施方案（2024-2028年）`,
      '',
      `示例政发〔2024〕${i + 1}号`,
      '',
      '## 一、主要目标',
      '',
      pick(p.goals),
      '',
    ];
    const actions = 3 + Math.floor(rand() * 3);
    let ordinal = 0;
    for (let a = 0; a < actions; a++) {
      lines.push(`## ${HAN[a + 1]}、${pick(p.actionTitles)}`, '');
      const measures = 3 + Math.floor(rand() * 4);
      for (let m = 0; m < measures; m++) {
        ordinal++;
        lines.push(`（${toHan(ordinal)}）${pick(p.measures)}`, '');
      }
    }
    out.push({ name: `generated-${String(i).padStart(4, '0')}.md`, text: lines.join('\n') });
  }
  return out;
}

function toHan(n: number): string {
  if (n <= 10) return n === 10 ? '十' : HAN[n - 1]!;
  if (n < 20) return `十${HAN[n - 11]}`;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${HAN[tens - 1]}十${ones ? HAN[ones - 1] : ''}`;
}

export function seedBytes(): number {
  return SEEDS.reduce((sum, f) => sum + readFileSync(f).length, 0) / SEEDS.length;
}
