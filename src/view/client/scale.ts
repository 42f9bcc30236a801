// The score scale of links (sure / probable / likely / weak, and gaps), shared by the heat map, the
// badges and the tests. No DOM here.
import type { MessageKey } from './messages.js';

export interface ScoreClass {
  id: 'sure' | 'probable' | 'likely' | 'weak' | 'gap';
  label: MessageKey;
  min: number;
  /** Background and text colours (text chosen for a contrast of at least 4.5:1). */
  bg: string;
  fg: string;
}

/**
 * The heat map's scale. The aligner links at 0.65 and above; 0.9 and above is taken as sure, 0.8–0.9 as
 * probable, 0.65–0.8 as likely; lower scores come only from analysts or curation.
 */
export const SCALE: ScoreClass[] = [
  { id: 'sure', label: 'legendSure', min: 0.9, bg: '#1a5276', fg: '#ffffff' },
  { id: 'probable', label: 'legendProbable', min: 0.8, bg: '#5499c7', fg: '#0b1f2e' },
  { id: 'likely', label: 'legendLikely', min: 0.65, bg: '#f5cba7', fg: '#4a2a0a' },
  { id: 'weak', label: 'legendWeak', min: 0, bg: '#fbeee6', fg: '#4a2a0a' },
];
export const GAP: ScoreClass = { id: 'gap', label: 'legendGap', min: -1, bg: '#ffffff', fg: '#5d6d7e' };

export function scoreClass(score: number | null | undefined): ScoreClass {
  if (score === null || score === undefined) return GAP;
  return SCALE.find((c) => score >= c.min) ?? SCALE[SCALE.length - 1]!;
}
