import type { Mode } from '../prompts/modes';
import { CHECKLISTS } from './checklists';

export interface ChecklistResult {
  id: string;
  label: string;
  covered: boolean;
}

export interface QualityScore {
  /** 0–100: the share of the mode's essentials the text covers. */
  score: number;
  checklist: ChecklistResult[];
}

export interface QualityReport {
  original: QualityScore;
  draft: QualityScore | null;
  refined: QualityScore | null;
}

/** Strips markdown decoration so headings, bullets and bold earn nothing by themselves. */
function plainWords(text: string): string {
  return text
    .replace(/[#*_`>~|]+/g, ' ')
    .replace(/^\s*[-+]\s+/gm, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export function scorePrompt(text: string, mode: Mode): QualityScore {
  const words = plainWords(text);
  const checklist = CHECKLISTS[mode].map((item) => ({
    id: item.id,
    label: item.label,
    covered: words.length > 0 && item.patterns.some((pattern) => pattern.test(words)),
  }));
  const covered = checklist.filter((item) => item.covered).length;
  return { score: Math.round((covered / checklist.length) * 100), checklist };
}

export function qualityReport(
  mode: Mode,
  original: string,
  draft: string | null,
  refined: string | null,
): QualityReport {
  return {
    original: scorePrompt(original, mode),
    draft: draft === null ? null : scorePrompt(draft, mode),
    refined: refined === null ? null : scorePrompt(refined, mode),
  };
}
