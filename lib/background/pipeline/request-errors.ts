import { PipelineError, type ErrorInfo } from '../../errors/error-codes';

/** Larger prompts are refused with words rather than silently truncated. */
export const MAX_PROMPT_CHARS = 20_000;

function requestError(
  code: 'empty-prompt' | 'too-long' | 'no-keys',
  message: string,
): PipelineError {
  return new PipelineError({ code, message, stage: 'request', retryable: false });
}

/** Throws the words for a prompt that will not be sent: empty, or too long. */
export function checkPrompt(prompt: string): void {
  if (!prompt.trim())
    throw requestError('empty-prompt', 'There is no text to optimize. Type a prompt first.');
  if (prompt.length > MAX_PROMPT_CHARS) {
    throw requestError(
      'too-long',
      `This prompt has ${prompt.length.toLocaleString('en')} characters; Prompt Relay optimizes up to ${MAX_PROMPT_CHARS.toLocaleString('en')}. Shorten it or optimize a selection.`,
    );
  }
}

export function noKeysError(): PipelineError {
  return requestError(
    'no-keys',
    'No API keys yet. Add a Draft or Refinement API key in Prompt Relay settings to start.',
  );
}

/**
 * A model that refuses ("I can't help with that.") gave no prompt: its answer must never land in
 * the field as if it were one, nor be cached. Checked on the complete text only.
 */
export function refusalError(
  stage: 'draft' | 'refinement',
  answer: string,
  draftKept: boolean,
): PipelineError {
  const excerpt = answer.trim().replace(/\s+/g, ' ').slice(0, 120);
  return new PipelineError({
    code: 'model-refused',
    stage,
    retryable: true,
    // Without a draft the field goes back to the original; after one, the draft stays.
    message: !draftKept
      ? `The model declined to rewrite this prompt (it answered “${excerpt}”). Your text is unchanged.`
      : `The refinement model declined to rewrite it (it answered “${excerpt}”).`,
  });
}

/** Every failure as the words the user reads; anything unforeseen as an internal error. */
export function errorInfoOf(error: unknown): ErrorInfo {
  if (error instanceof PipelineError) return error.toInfo();
  return {
    code: 'internal',
    message: 'Something went wrong inside Prompt Relay. Try again.',
    stage: 'request',
    retryable: true,
  };
}
