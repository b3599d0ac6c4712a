// Whether a model's complete answer is a refusal ("I can't help with that") rather than a prompt.
// Conservative on purpose: a missed refusal only shows the user the refusal, while a false one
// would throw away a good prompt. So it takes all three of: a short answer, a refusal opening,
// and a refusal object right after it ("help with", "assist", "comply"), which keeps real prompts
// such as "I can't decide between…" or "I'm unable to sleep — write…" out.

/**
 * Refusals are a sentence or three; optimized prompts are longer (each mode asks for 75+ words),
 * and a prompt that happens to open like a refusal goes on to say what it wants.
 */
export const MAX_REFUSAL_CHARS = 400;

// Built from parts (apostrophes are normalized first, matching is case-insensitive):
// [apology] then "as an AI…, I cannot …", or "I can't"-like + what is refused, or "I must
// decline". What is refused must END the clause ("help with that.", "fulfill this request as it…"):
// "I can't help with that project alone…", "I can't comply with the new rules", "I can't do this
// anymore" and "I can't help but wonder" are prompts. Only "do THAT" counts ("I can't do this."
// opens prompts too).
const APOLOGY = String.raw`(?:(?:i'm|i am)(?: really| very| so)? sorry|sorry|i apologi[sz]e|apologies|unfortunately|i'm afraid)[,.!]?\s+(?:but\s+)?`;
const AS_AN_AI = String.raw`as an ai(?: language model| model| assistant)?,?\s+`;
const CANNOT = String.raw`i(?: can't| cannot| can not| won't| will not| must decline to| have to decline to|'m unable to|'m not able to|'m not going to| am unable to| am not able to| am not going to)`;
const END = String.raw`(?=\s*(?:[.!,;:\u2013\u2014]|$)|\s+(?:as it|as that|because|since|due to)\b)`;
const NOUN = String.raw`(?:requests?|content|information|task|topic|one|(?:kind|type|sort) of (?:request|content|thing))`;
const OBJECT = String.raw`(?:(?:that|this|it)(?:\s+${NOUN})?|(?:such|these|those|your|the)\s+${NOUN})${END}`;
const GERUND = String.raw`(?:creating|writing|generating|producing|making|providing|sharing)\b`;
const HELP = String.raw`(?:help|assist)(?:\s+you)?(?:\s+(?:with|on)\s+(?:${OBJECT}|${GERUND}|anything like that\b)|${END})`;
const VERB = String.raw`(?:comply with|fulfil{1,2}|provide|create|generate|write|produce|make|continue with|engage in|engage with|participate in|respond to|support|process|complete)`;
const ADVICE = String.raw`(?:provide|give|offer|share)\s+(?:information|instructions|guidance|assistance|advice|details)(?:\s+or\s+\w+)?\s+(?:on|about|for)\s+(?:how to|creating|making|building|illegal|harmful|dangerous)\b`;
const REFUSED = String.raw`(?:\s*[.!]?$|\s+(?:${HELP}|be able to ${HELP}|${VERB}\s+${OBJECT}|do that(?: for you)?${END}|comply${END}|${ADVICE}))`;

const REFUSAL_OPENING = new RegExp(
  String.raw`^(?:${APOLOGY})?(?:${AS_AN_AI}i (?:can't|cannot|can not|am unable|am not able|'m unable|'m not able|do not|don't|won't)|(?:${AS_AN_AI})?${CANNOT}${REFUSED}|i (?:must|have to|will have to) (?:respectfully )?decline(?:\s+${OBJECT}|${END}))`,
  'i',
);

/** Straight apostrophes, no leading quotes or emphasis marks, single spaces. */
function normalized(text: string): string {
  return text
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .replace(/^[\s"'“”*_>#`]+/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** True only for a short answer that opens by refusing; call it on the complete answer. */
export function isModelRefusal(text: string): boolean {
  const answer = normalized(text);
  if (!answer || answer.length > MAX_REFUSAL_CHARS) return false;
  return REFUSAL_OPENING.test(answer);
}
