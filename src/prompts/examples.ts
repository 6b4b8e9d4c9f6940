/** What an empty chat and presentation mode offer to ask with one click: short, varied, quick to answer. */
export const EXAMPLE_PROMPTS: readonly string[] = [
  'Explain how a rainbow forms, in three sentences.',
  'Write a haiku about a computer that keeps secrets.',
  'Give me three ideas for a rainy Sunday afternoon.',
  'What is the difference between weather and climate?',
];
