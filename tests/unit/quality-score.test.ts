import { describe, expect, it } from 'vitest';
import { qualityReport, scorePrompt } from '../../lib/quality/quality-score';

describe('quality score', () => {
  it('scores a bare video idea low and a complete one high', () => {
    const bare = scorePrompt('cat video', 'video');
    const full = scorePrompt(
      'A ginger cat surfing a turquoise wave at a beach at sunset, slow tracking shot from a drone, warm golden hour lighting, cinematic 35mm style, joyful playful mood, 10 seconds.',
      'video',
    );
    expect(bare.score).toBeLessThan(30);
    expect(full.score).toBe(100);
    expect(full.checklist.map((c) => c.id)).toEqual([
      'subject',
      'action',
      'setting',
      'camera',
      'lighting',
      'style',
      'mood',
      'duration',
    ]);
  });

  it('gives no points for length or markdown decoration', () => {
    const plain = scorePrompt('Explain recursion.', 'general');
    const decorated = scorePrompt(
      `# Explain recursion.\n\n**Explain recursion.**\n- ${'very '.repeat(200)}`,
      'general',
    );
    expect(decorated.score).toBe(plain.score);
  });

  it('reports the original, draft and refinement separately', () => {
    const report = qualityReport('reasoning', 'solve x', 'Goal: solve for x step by step.', null);
    expect(report.original.score).toBeLessThan(report.draft!.score);
    expect(report.refined).toBeNull();
  });

  it('scores empty text zero', () => {
    expect(scorePrompt('', 'image').score).toBe(0);
  });
});
