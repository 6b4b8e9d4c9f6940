/**
 * What each model family is good at, in one table, for people choosing a model: the manager's
 * rows and picks read it, and no other code tests model names for it. How a model must be
 * prompted (system role, thinking) is a different matter: src/prompts/modelQuirks.ts.
 */
import type { CatalogEntry } from './catalog';

export interface Strengths {
  /** One line, in plain words. */
  goodAt: string;
  /** A current general chat model, worth suggesting; specialists and older generations are not. */
  suggest: boolean;
}

// First match wins, so variants (Coder, Math, Japanese…) come before their family.
const TABLE: ReadonlyArray<readonly [RegExp, Strengths]> = [
  [/Coder/i, { goodAt: 'Writing, fixing and explaining code', suggest: false }],
  [/Math/i, { goodAt: 'Math problems, worked step by step', suggest: false }],
  [
    /^DeepSeek-R1|-Reasoning-/i,
    { goodAt: 'Reasoning: thinks a problem through before it answers', suggest: false },
  ],
  [/-Base-/i, { goodAt: 'Continuing text (a base model, not tuned for chat)', suggest: false }],
  [/vision/i, { goodAt: 'Chat and reasoning; built to read images too', suggest: false }],
  [/^gemma-2-2b-jpn/i, { goodAt: 'Chat in Japanese', suggest: false }],
  [
    /^Qwen3/i,
    { goodAt: 'Reasoning and chat in many languages; thinking can be turned off', suggest: true },
  ],
  [/^Qwen2\.5-/i, { goodAt: 'Chat in many languages, and some code', suggest: true }],
  [/^Qwen/i, { goodAt: 'Chat in many languages (an older generation)', suggest: false }],
  [/^Llama-3\.[1-9]/i, { goodAt: 'Everyday chat, writing and summaries', suggest: true }],
  [/^Llama/i, { goodAt: 'Everyday chat (an older generation)', suggest: false }],
  [/^gemma(-[2-9]-|[3-9]-)/i, { goodAt: 'Chat and writing in many languages', suggest: true }],
  [/^gemma/i, { goodAt: 'Chat and writing (an older generation)', suggest: false }],
  [/^Phi-[3-9]/i, { goodAt: 'Reasoning and code, strong for its size', suggest: true }],
  [/^phi/i, { goodAt: 'Short answers and code in English (an older generation)', suggest: false }],
  [/Hermes/i, { goodAt: 'Following instructions, role-play and tools', suggest: false }],
  [/^Mistral/i, { goodAt: 'Everyday chat and writing', suggest: true }],
  [/^Ministral/i, { goodAt: 'Everyday chat in many languages', suggest: true }],
  [/^SmolLM/i, { goodAt: 'Quick answers to simple questions', suggest: true }],
  [/^OLMo/i, { goodAt: 'Everyday chat; fully open, down to its training data', suggest: true }],
  [/^TinyLlama/i, { goodAt: 'Simple chat; very small and quick', suggest: false }],
  [/^(stablelm|RedPajama)/i, { goodAt: 'Simple chat (an older generation)', suggest: false }],
];

const UNKNOWN: Strengths = { goodAt: 'General chat', suggest: false };
const CUSTOM: Strengths = { goodAt: 'A model you added', suggest: false };

export function strengthsOf(entry: CatalogEntry): Strengths {
  if (entry.custom) return CUSTOM;
  return TABLE.find(([pattern]) => pattern.test(entry.id))?.[1] ?? UNKNOWN;
}
