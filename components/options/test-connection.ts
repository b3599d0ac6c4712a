import { browser } from 'wxt/browser';
import type { TestConnectionResult } from '../../lib/messaging/protocol';
import { sendRuntimeMessage } from '../../lib/messaging/runtime-messages';
import type { StageName } from '../../lib/settings/settings-store';

export type TestOutcome = { ok: true; text: string } | { ok: false; text: string };

const NO_ANSWER =
  'No answer from Prompt Relay’s background service. Reload the extension and try again.';

function isTestConnectionResult(value: unknown): value is TestConnectionResult {
  if (typeof value !== 'object' || value === null) return false;
  const result = value as Record<string, unknown>;
  if (result.ok === true) {
    return (
      (typeof result.firstTokenMs === 'number' || result.firstTokenMs === null) &&
      typeof result.answerMs === 'number' &&
      typeof result.model === 'string' &&
      typeof result.maxTokens === 'number'
    );
  }
  if (result.ok === false) {
    const error = result.error as { message?: unknown } | undefined;
    return typeof error === 'object' && error !== null && typeof error.message === 'string';
  }
  return false;
}

/** Words for a test result; never throws, whatever the background answers. */
export function describeTestResult(response: unknown): TestOutcome {
  if (!isTestConnectionResult(response)) return { ok: false, text: NO_ANSWER };
  if (response.ok) {
    const answer = `answer ${Math.round(response.answerMs)} ms`;
    if (response.firstTokenMs === null) {
      // A reasoning model may spend the test's few tokens thinking: connected, but no text.
      return {
        ok: true,
        text: `Connected — ${answer} (${response.model}), but no text within ${response.maxTokens} tokens: first token not measured.`,
      };
    }
    return {
      ok: true,
      text: `Connected — first token ${Math.round(response.firstTokenMs)} ms, ${answer} (${response.model})`,
    };
  }
  return { ok: false, text: response.error.message };
}

/** Asks the background to test a stage's saved settings, giving up after `limitMs`. */
export async function testConnection(stage: StageName, limitMs: number): Promise<TestOutcome> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const giveUp = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), limitMs);
  });
  try {
    const response: unknown = await Promise.race([
      sendRuntimeMessage((m) => browser.runtime.sendMessage(m), { type: 'test-connection', stage }),
      giveUp,
    ]);
    if (response === 'timeout') return { ok: false, text: NO_ANSWER };
    return describeTestResult(response);
  } catch {
    return { ok: false, text: NO_ANSWER };
  } finally {
    clearTimeout(timer);
  }
}
