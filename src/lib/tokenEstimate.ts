/**
 * The one token estimate, for when the model's own tokenizer is not at hand: characters divided by
 * characters per token. Three is deliberately pessimistic for English prose (about four in the
 * usual tokenizers), close for code and numbers; callers pass a ratio calibrated from what the
 * engine reported instead once they have one (store/session/tokenCounts.ts).
 */
export const DEFAULT_CHARS_PER_TOKEN = 3;

export function estimateTokens(text: string, charsPerToken = DEFAULT_CHARS_PER_TOKEN): number {
  return Math.ceil(text.length / charsPerToken);
}
