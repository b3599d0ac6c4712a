import { describe, expect, it } from 'vitest';
import { isModelRefusal } from '../../lib/background/pipeline/model-refusal';

const refusals = [
  "I can't help with that.",
  'I can’t help with that.',
  "I can't help with that request.",
  'I cannot assist with that.',
  'I cannot assist.',
  "I'm sorry, but I can't help with that.",
  'I’m sorry, but I can’t assist with that request.',
  "I'm sorry, but I can't.",
  "I'm really sorry, but I'm not able to help with this.",
  "Sorry, I can't do that.",
  "Sorry, but I can't help you with that.",
  'I am unable to help with that request.',
  "I'm unable to assist with creating that content.",
  'I am not able to provide that.',
  "I won't be able to help with this.",
  'I will not be able to assist with that request.',
  "I won't create that.",
  'I cannot fulfill this request.',
  "I can't comply with that request.",
  "I can't comply.",
  'I cannot provide information on how to bypass security systems.',
  "I can't provide instructions for making weapons.",
  'As an AI language model, I cannot generate explicit content.',
  "As an AI, I don't have personal opinions, so I can't rewrite this.",
  "I'm sorry, but as an AI language model, I cannot help with that.",
  'Unfortunately, I cannot support this request.',
  "I'm afraid I can't do that.",
  'I apologize, but I cannot continue with this.',
  'I must decline this request.',
  'I must decline.',
  'I cannot fulfill this request as it asks for private information about a real person.',
  "I can't provide that information.",
  "I can't help with that kind of request.",
  'I CAN’T HELP WITH THAT.',
  '"I can\'t help with that."',
  '  \n  I can’t assist with that.  ',
  "**I'm sorry, but I can't help with that.**",
  "I can't help with that. If you have another question or need help with a different prompt, I'd be happy to help!",
  'I’m sorry, but I can’t help with creating content that depicts real people in sexual situations. If you’d like, I can help you write a prompt for a different, consenting fictional scene instead.',
];

const prompts = [
  '',
  'Write a haiku about autumn.',
  "I can't decide between two laptops: compare the MacBook Air M3 and the Dell XPS 13 for a student.",
  'I cannot figure out why my code throws a null pointer exception in the login handler. Explain the likely causes.',
  'Sorry to bother you, but can you write a short poem about rain?',
  "I'm unable to sleep — write a bedtime story about a sleepy dragon, 300 words, calm tone.",
  'I’m unable to sleep — write a bedtime story.',
  "I can't help but wonder why the sky is blue. Explain it to a ten-year-old.",
  "I can't help with my son's math homework because I forgot algebra. Explain quadratic equations simply.",
  "I can't comply with the new GDPR rules on my small shop site. What must I change?",
  "I can't do this anymore. Write an encouraging note to a tired nurse.",
  'I cannot write good cover letters. Draft one for a junior data analyst role.',
  'I must decline an invitation to a wedding politely. Write the message.',
  "I won't be able to attend the meeting tomorrow; write a polite email to my manager.",
  'I am unable to access my account after the update. Write a support ticket describing the problem.',
  'I am not able to provide a reference for my former intern. Write a kind note explaining why.',
  "Sorry, I can't explain this well, but I want a logo with a fox and a moon.",
  "I can't help with that project alone. Plan the work for a team of three.",
  'I cannot write this essay by Friday. Make a study plan for the week.',
  "I can't provide information about my income yet. Write a polite note to my landlord.",
  'I must decline that invitation politely. Write the message.',
  "I can't do this. Write me a pep talk.",
  'As an AI researcher, I need a summary of recent work on sparse attention.',
  "I'm sorry for the late reply. Write a friendly follow-up email to a client.",
  // A refusal-shaped opening in a long text is a prompt that goes on to say what it wants.
  "I can't help with that project alone. " +
    'Plan the work for a team of three over six weeks, with milestones, owners and risks. '.repeat(
      8,
    ),
  "I'm sorry, but I can't help with that. ".repeat(12),
];

describe('model refusals', () => {
  it.each(refusals)('counts %j as a refusal', (text) => {
    expect(isModelRefusal(text)).toBe(true);
  });

  it.each(prompts)('does not count %j', (text) => {
    expect(isModelRefusal(text)).toBe(false);
  });
});
