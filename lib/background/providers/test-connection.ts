import type { TestConnectionResult } from '../../messaging/protocol';
import { extraBodyFor } from '../../settings/provider-presets';
import type { StageName } from '../../settings/settings-store';
import { streamChat } from './chat-stream';
import { savedStage, underDeadline } from './saved-stage';

/** The test's whole prompt: any model answers it in a token or two. */
export const TEST_PROMPT = 'Reply with OK.';

/**
 * Enough for "OK" from any chat model, and small because Groq's free tier counts `max_tokens`
 * against tokens per minute before it runs a request (field notes).
 */
export const TEST_MAX_TOKENS = 8;

/**
 * A reasoning model (asked for a reasoning effort) spends tokens thinking before its first word;
 * 8 would end it before the answer and leave the first token unmeasured. Not measured live here
 * (no provider is reachable from CI): a few dozen at low effort is the providers' own example.
 */
export const TEST_MAX_TOKENS_REASONING = 128;

/**
 * "Test connection": a tiny streamed chat request to the saved endpoint, through the pipeline's
 * own client and the preset's request body for this stage, timed to the first text and to the
 * end. Costs a few tokens. Without a key bound to the saved base URL's origin nothing is sent.
 */
export async function testConnection(stage: StageName): Promise<TestConnectionResult> {
  const saved = await savedStage(stage);
  if (!saved.ok) return { ok: false, error: saved.error };
  const { config } = saved;
  const extraBody = extraBodyFor(config.preset, stage, config.baseUrl);
  const maxTokens = 'reasoning_effort' in extraBody ? TEST_MAX_TOKENS_REASONING : TEST_MAX_TOKENS;
  const startedAt = performance.now();
  let firstTokenAt: number | null = null;
  const outcome = await underDeadline(saved, stage, config.timeoutMs, (signal) =>
    streamChat({
      endpoint: config,
      messages: [{ role: 'user', content: TEST_PROMPT }],
      maxTokens,
      extraBody,
      signal,
      onDelta: () => {
        firstTokenAt ??= performance.now();
      },
    }),
  );
  if (!outcome.ok) return { ok: false, error: outcome.error };
  const answeredAt = performance.now();
  return {
    ok: true,
    firstTokenMs: firstTokenAt === null ? null : Math.round(firstTokenAt - startedAt),
    answerMs: Math.round(answeredAt - startedAt),
    model: config.model,
    maxTokens,
  };
}
