import type { TokenUsage } from '../../messaging/protocol';

/** Public list prices in USD per million tokens (input, output), as of 2026; unknown models cost null. */
const PRICES: Record<string, { input: number; output: number }> = {
  'llama-3.1-8b-instant': { input: 0.05, output: 0.08 },
  'llama-3.3-70b-versatile': { input: 0.59, output: 0.79 },
  'gpt-4o-mini': { input: 0.15, output: 0.6 },
  'gpt-4o': { input: 2.5, output: 10 },
  'gpt-4.1-mini': { input: 0.4, output: 1.6 },
  'gpt-4.1-nano': { input: 0.1, output: 0.4 },
};

export function estimateCostUsd(
  calls: { model: string | null; usage: TokenUsage | null }[],
): number | null {
  let total = 0;
  let any = false;
  for (const { model, usage } of calls) {
    if (!model || !usage) continue;
    const price = PRICES[model];
    if (!price) return null;
    total += (usage.promptTokens * price.input + usage.completionTokens * price.output) / 1_000_000;
    any = true;
  }
  return any ? total : null;
}
