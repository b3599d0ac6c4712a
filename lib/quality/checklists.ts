import type { Mode } from '../prompts/modes';

export interface ChecklistItem {
  id: string;
  label: string;
  /** Any match counts the essential as covered. Words, never formatting. */
  patterns: RegExp[];
}

const OUTPUT_FORMAT: ChecklistItem = {
  id: 'output-format',
  label: 'Output format',
  patterns: [
    /\b(format|bullet|list|table|json|paragraphs?|summary|outline|in \d+ (words|sentences)|markdown|structured?|sections?|respond with|return|deliverable)\b/i,
  ],
};
const CONSTRAINTS: ChecklistItem = {
  id: 'constraints',
  label: 'Constraints',
  patterns: [
    /\b(must|should|avoid|do not|don't|without|only|limit|at most|at least|no more than|under \d+|constraints?|requirements?)\b/i,
  ],
};
const GOAL: ChecklistItem = {
  id: 'goal',
  label: 'Goal',
  patterns: [
    /\b(goal|aim|objective|purpose|so that|in order to|want to|task|need to|help me|determine|find|solve|decide)\b/i,
  ],
};
const CONTEXT: ChecklistItem = {
  id: 'context',
  label: 'Context',
  patterns: [
    /\b(context|background|because|given|for (a|an|my|the)|audience|situation|currently|i am|i'm|we are|our)\b/i,
  ],
};

/**
 * What an effective prompt of each kind covers. The score is the share of these essentials a text
 * mentions; it is a checklist, not a judge of prose, and it is documented as such in the README.
 */
export const CHECKLISTS: Record<Mode, ChecklistItem[]> = {
  general: [
    {
      id: 'task',
      label: 'Task',
      patterns: [
        /\b(write|make|build|explain|create|draft|summari[sz]e|list|compare|describe|generate|analy[sz]e|review|plan|translate|help|design|fix)\b/i,
      ],
    },
    CONTEXT,
    {
      id: 'role',
      label: 'Role or audience',
      patterns: [/\b(you are|act as|as an? |expert|audience|reader|for beginners|for (a|an) )/i],
    },
    CONSTRAINTS,
    OUTPUT_FORMAT,
    {
      id: 'tone',
      label: 'Tone or style',
      patterns: [
        /\b(tone|style|voice|formal|informal|friendly|concise|professional|casual|clear)\b/i,
      ],
    },
  ],
  reasoning: [
    GOAL,
    {
      id: 'givens',
      label: 'Givens',
      patterns: [/\b(given|assume|assuming|data|known|facts?|inputs?|information|values?)\b/i],
    },
    CONSTRAINTS,
    {
      id: 'steps',
      label: 'Step-by-step reasoning',
      patterns: [
        /\b(step[- ]by[- ]step|steps?|reason(ing)?|think through|walk through|show (your )?work|derive)\b/i,
      ],
    },
    {
      id: 'verification',
      label: 'Checks',
      patterns: [
        /\b(check|verify|validate|double-check|confirm|sanity|edge cases?|assumptions?)\b/i,
      ],
    },
    OUTPUT_FORMAT,
  ],
  research: [
    {
      id: 'question',
      label: 'Research question',
      patterns: [/\?|\b(question|investigate|research|find out|what|how|why|whether)\b/i],
    },
    {
      id: 'scope',
      label: 'Scope',
      patterns: [
        /\b(scope|focus|limit(ed)? to|between \d{4}|since \d{4}|time ?frame|region|period|last \d+ (years|months))\b/i,
      ],
    },
    {
      id: 'sources',
      label: 'Sources',
      patterns: [
        /\b(sources?|citations?|cite|references?|peer[- ]reviewed|studies|papers|evidence)\b/i,
      ],
    },
    {
      id: 'uncertainty',
      label: 'Uncertainty',
      patterns: [
        /\b(uncertain(ty)?|confidence|limitations?|conflicting|disagree|gaps?|caveats?)\b/i,
      ],
    },
    OUTPUT_FORMAT,
  ],
  socratic: [
    {
      id: 'topic',
      label: 'Topic',
      patterns: [/\b(understand|learn|topic|concept|subject|idea|about)\b/i],
    },
    {
      id: 'level',
      label: "Learner's level",
      patterns: [/\b(beginner|intermediate|advanced|level|student|novice|background|familiar)\b/i],
    },
    {
      id: 'questions',
      label: 'Guiding questions',
      patterns: [/\b(questions?|ask me|socratic|guide|prompt me)\b/i],
    },
    {
      id: 'no-answers',
      label: 'Withhold answers',
      patterns: [
        /\b(don't (give|tell)|do not (give|tell|reveal)|instead of (giving|telling)|without (giving|revealing)|let me (figure|work))\b/i,
      ],
    },
    {
      id: 'check',
      label: 'Checks understanding',
      patterns: [/\b(check (my )?understanding|assess|feedback|summari[sz]e what|confirm)\b/i],
    },
  ],
  video: [
    { id: 'subject', label: 'Subject', patterns: [/\b(a|an|the)\s+\w+/i] },
    { id: 'action', label: 'Action', patterns: [/\b\w+ing\b/i] },
    {
      id: 'setting',
      label: 'Setting',
      patterns: [
        /\b(in|on|at|inside|across|over|under|through)\s+(a|an|the)\s+\w+|\b(beach|city|forest|street|room|ocean|sky|desert|mountains?|studio|sunset|night)\b/i,
      ],
    },
    {
      id: 'camera',
      label: 'Camera',
      patterns: [
        /\b(camera|shot|close-?up|wide|tracking|dolly|pan(s|ning)?|zoom|aerial|drone|angle|framing|handheld|lens)\b/i,
      ],
    },
    {
      id: 'lighting',
      label: 'Lighting',
      patterns: [
        /\b(light(ing)?|lit|golden hour|sunlight|shadows?|backlit|glow|neon|soft light|moonlight)\b/i,
      ],
    },
    {
      id: 'style',
      label: 'Style',
      patterns: [
        /\b(style|cinematic|realistic|photoreal|animated|anime|film|35mm|documentary|vintage|aesthetic)\b/i,
      ],
    },
    {
      id: 'mood',
      label: 'Mood',
      patterns: [
        /\b(mood|atmosphere|feel(ing)?|serene|tense|joyful|playful|dramatic|calm|energetic|melanchol\w*|whimsical)\b/i,
      ],
    },
    {
      id: 'duration',
      label: 'Duration',
      patterns: [/\b\d+\s*(-| )?(s|sec|secs|seconds?|minutes?)\b|\bduration\b/i],
    },
  ],
  image: [
    { id: 'subject', label: 'Subject', patterns: [/\b(a|an|the)\s+\w+/i] },
    {
      id: 'composition',
      label: 'Composition',
      patterns: [
        /\b(composition|close-?up|portrait|wide|framing|centered|foreground|background|rule of thirds|angle|view)\b/i,
      ],
    },
    { id: 'setting', label: 'Setting', patterns: [/\b(in|on|at|inside)\s+(a|an|the)\s+\w+/i] },
    {
      id: 'lighting',
      label: 'Lighting',
      patterns: [/\b(light(ing)?|lit|golden hour|sunlight|shadows?|backlit|glow|studio light)\b/i],
    },
    {
      id: 'style',
      label: 'Style or medium',
      patterns: [
        /\b(style|photo(graph)?|illustration|painting|watercolou?r|oil|digital art|3d|render|sketch|cinematic|realistic)\b/i,
      ],
    },
    {
      id: 'palette',
      label: 'Colour palette',
      patterns: [/\b(colou?rs?|palette|tones?|hues?|pastel|vibrant|muted|monochrome)\b/i],
    },
    {
      id: 'aspect',
      label: 'Aspect ratio',
      patterns: [/\b\d+:\d+\b|\baspect ratio\b|\b(square|landscape|portrait) format\b/i],
    },
  ],
};
