/** The kinds of prompt Prompt Relay knows how to optimize. */
export const MODES = ['general', 'reasoning', 'research', 'socratic', 'video', 'image'] as const;
export type Mode = (typeof MODES)[number];

export interface WordRange {
  min: number;
  max: number;
}

export const MODE_LABELS: Record<Mode, string> = {
  general: 'General',
  reasoning: 'Reasoning',
  research: 'Research',
  socratic: 'Socratic',
  video: 'Video generation',
  image: 'Image generation',
};

/** Default target length of the draft, per mode (words). */
export const DEFAULT_DRAFT_LENGTH: Record<Mode, WordRange> = {
  general: { min: 100, max: 150 },
  reasoning: { min: 100, max: 150 },
  research: { min: 100, max: 150 },
  socratic: { min: 100, max: 150 },
  video: { min: 75, max: 125 },
  image: { min: 40, max: 80 },
};

export function isMode(value: unknown): value is Mode {
  return typeof value === 'string' && (MODES as readonly string[]).includes(value);
}
