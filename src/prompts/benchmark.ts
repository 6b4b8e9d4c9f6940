/**
 * The benchmark's fixed prompt set. Results are comparable only within one version: change a
 * prompt, its length or the run counts, and BENCHMARK_VERSION goes up.
 */
import type { GenerationOptions } from '../engine/protocol';

export const BENCHMARK_VERSION = 1;

/** Runs per prompt: the first warms the GPU pipeline up and is not counted. */
export const WARM_UP_RUNS = 1;
export const MEASURED_RUNS = 3;

/** Every run generates exactly this many tokens (ignore_eos), so each does the same work. */
export const BENCHMARK_OUTPUT_TOKENS = 128;

export interface BenchmarkPrompt {
  id: 'short' | 'long';
  label: string;
  text: string;
}

const NOTES = [
  'The night train left the coast at ten and reached the mountain valley shortly after dawn.',
  'Passengers in the first carriage reported that the heating failed somewhere past the river bridge.',
  'The conductor walked the length of the train twice and wrote every complaint into a small notebook.',
  'At the third station a group of students boarded with bicycles, skis and a very large cello case.',
  'Breakfast was served from a trolley: bread, cheese, apples, and coffee that tasted faintly of smoke.',
  'Snow began to fall near the pass, lightly at first and then thick enough to hide the far slopes.',
  'The driver slowed to walking pace through the tunnel while crews cleared a fallen tree ahead.',
  'A child counted forty-one lights on the tunnel wall before the train came out into the sun again.',
];

/** About 1,000 tokens for common tokenizers (roughly four characters each). */
const LONG_TEXT = [
  'Here are forty numbered notes from a railway journey.',
  ...Array.from({ length: 40 }, (_, i) => `${i + 1}. ${NOTES[i % NOTES.length] ?? ''}`),
  'Summarize the journey in one paragraph, then list anything that went wrong.',
].join('\n');

export const BENCHMARK_PROMPTS: readonly BenchmarkPrompt[] = [
  {
    id: 'short',
    label: 'Short prompt',
    text: 'Write a short story about a lighthouse keeper who finds a message in a bottle.',
  },
  { id: 'long', label: 'Long prompt (~1,000 tokens)', text: LONG_TEXT },
];

export const BENCHMARK_OPTIONS: GenerationOptions = {
  max_tokens: BENCHMARK_OUTPUT_TOKENS,
  ignore_eos: true,
};
