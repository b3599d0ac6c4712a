import type { ChatMessage } from '../background/providers/chat-stream';
import type { PromptContext } from '../messaging/protocol';
import type { Mode, WordRange } from './modes';

/** Part of the cache key: a change to any template below must bump it. */
export const TEMPLATE_VERSION = 1;

/** Groq's free tier counts max_tokens against tokens per minute before running a request. */
export const DRAFT_MAX_TOKENS = 300;
export const REFINEMENT_MAX_TOKENS = 1200;

const MODE_GUIDANCE: Record<Mode, string> = {
  general:
    'The prompt is for a general chat assistant. Make the task, the context, the constraints and the expected output format explicit; give the assistant a fitting role when it helps.',
  reasoning:
    'The prompt asks a model to reason. State the goal, the givens and constraints, ask for step-by-step reasoning with checks of intermediate results, and say what form the final answer takes.',
  research:
    'The prompt asks for research. State the precise question, scope and time frame, which kinds of sources to prefer and how to cite them, how to treat uncertainty, and the shape of the deliverable.',
  socratic:
    'The prompt asks for a Socratic tutor. Say what the learner wants to understand and their level, ask the model to guide with questions one at a time instead of giving answers, and to check understanding.',
  video:
    'The prompt is for a text-to-video model. Describe the subject, the action, the setting, camera movement and framing, lighting, visual style, mood and duration in vivid concrete prose.',
  image:
    'The prompt is for a text-to-image model. Describe the subject, composition and framing, setting, lighting, style or medium, colour palette and aspect ratio in concrete visual terms.',
};

const OUTPUT_RULES =
  'Keep the language of the original prompt. Keep every fact, name, number and requirement it contains; invent no new facts about the user. Answer with the rewritten prompt only: plain text, no preface, no commentary, no quotation marks around it, no markdown headings.';

function contextLines(context: PromptContext | undefined): string {
  if (!context) return '';
  const lines: string[] = [];
  if (context.pageTitle) lines.push(`Page title: ${context.pageTitle}`);
  if (context.pageUrl) lines.push(`Page: ${context.pageUrl}`);
  if (context.fieldHint) lines.push(`Field: ${context.fieldHint}`);
  return lines.length ? `\n\nWhere the prompt will be used:\n${lines.join('\n')}` : '';
}

function fenced(label: string, text: string): string {
  return `${label}:\n<<<\n${text}\n>>>`;
}

export function draftMessages(
  prompt: string,
  mode: Mode,
  length: WordRange,
  context?: PromptContext,
): ChatMessage[] {
  return [
    {
      role: 'system',
      content: `Mode: ${mode}\nYou rewrite a user's prompt into a clearer, more effective prompt, fast. ${MODE_GUIDANCE[mode]} Aim for ${length.min}–${length.max} words. ${OUTPUT_RULES}`,
    },
    { role: 'user', content: fenced('Original prompt', prompt) + contextLines(context) },
  ];
}

export function refinementMessages(
  prompt: string,
  draft: string | null,
  mode: Mode,
  context?: PromptContext,
): ChatMessage[] {
  const draftPart = draft
    ? ' You also get a quick draft rewrite. Use what it gets right, but work from the original: drop anything in the draft the original does not support, and fix what the draft missed.'
    : '';
  const user = draft
    ? `${fenced('Original prompt', prompt)}\n\n${fenced('Draft', draft)}`
    : fenced('Original prompt', prompt);
  return [
    {
      role: 'system',
      content: `Mode: ${mode}\nYou are an expert prompt engineer. Rewrite the user's prompt into the most effective prompt for its purpose.${draftPart} ${MODE_GUIDANCE[mode]} Be specific and complete but not padded. ${OUTPUT_RULES}`,
    },
    { role: 'user', content: user + contextLines(context) },
  ];
}
