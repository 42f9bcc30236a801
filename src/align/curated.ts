// Hand-curated links (data/curated-links.yaml): people's corrections, applied after the automatic step
// and only when curation is on. Kept apart from the aligner so its figures stay honest.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import type { AlignmentLink } from '../model/alignment.js';
import type { DocumentLevel } from '../model/document.js';
import { makeLink, remark } from './links.js';

export const CuratedLink = z.object({
  from: z.string().min(1),
  to: z.string().min(1),
  decision: z.enum(['add', 'remove']),
  score: z.number().min(0).max(1).default(1),
  note: z.string().min(1),
});
export const CuratedFile = z.object({ links: z.array(CuratedLink).default([]) });
export type CuratedLink = z.infer<typeof CuratedLink>;

/** What a curated link's ends need: a caption, the plan it belongs to and that plan's level. */
export interface Caption {
  title: string;
  plan: string;
  level: DocumentLevel;
}

export function readCuratedLinks(file: string): CuratedLink[] {
  return CuratedFile.parse(parse(readFileSync(file, 'utf8')) ?? {}).links;
}

/**
 * Apply curated decisions to one list of links (measure or section level). `titles` gives captions for
 * added links; an added link whose ends are unknown here (another plan's ids) is skipped.
 */
export function applyCurated(
  links: AlignmentLink[],
  curated: CuratedLink[],
  titles: Map<string, Caption>,
): AlignmentLink[] {
  const removed = new Set(curated.filter((c) => c.decision === 'remove').map((c) => `${c.from}→${c.to}`));
  const kept = links.filter((l) => !removed.has(`${l.from}→${l.to}`));
  for (const c of curated) {
    if (c.decision !== 'add' || kept.some((l) => l.from === c.from && l.to === c.to)) continue;
    const from = titles.get(c.from);
    const to = titles.get(c.to);
    if (!from || !to) continue;
    const rank = kept.filter((l) => l.from === c.from).length + 1;
    kept.push(
      makeLink(
        { id: c.from, title: from.title },
        from.plan,
        { id: c.to, title: to.title, plan: to.plan, level: to.level },
        c.score,
        'curated',
        [remark('note', c.note)],
        rank,
      ),
    );
  }
  return kept;
}
