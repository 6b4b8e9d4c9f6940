/**
 * Token counts for budgets (trimming a chat to the context window, cutting documents into parts,
 * the context meter): by the model's own tokenizer, which the engine worker has while that model is
 * loaded, and otherwise by the one estimate (lib/tokenEstimate.ts). Both are calibrated from what
 * the engine reports it read: characters per token for the estimate, and the chat template's tokens
 * around each message. Counts are kept per model for the session.
 */
import { getEngine } from '../../engine/client';
import type { ChatMessage } from '../../engine/protocol';
import type { TokenCounts } from '../../prompts/chat';
import { DEFAULT_CHARS_PER_TOKEN, estimateTokens } from '../../lib/tokenEstimate';

export interface TokenCounter extends TokenCounts {
  /** Whether every text asked about was counted by the model's tokenizer. */
  exact: boolean;
}

/** Before the engine has said: enough for the templates WebLLM's models use (ChatML, Llama 3, Gemma). */
const DEFAULT_PER_MESSAGE = 8;
/** Counts kept per model before the oldest are dropped. */
const MAX_KEPT = 20_000;
/** A prompt shorter than this says too little about characters per token. */
const MIN_CALIBRATION_CHARS = 200;

interface Calibration {
  charsPerToken: number;
  perMessage: number;
}

const calibrations = new Map<string, Calibration>();
const known = new Map<string, Map<string, number>>();

function calibrationOf(modelId: string): Calibration {
  return (
    calibrations.get(modelId) ?? {
      charsPerToken: DEFAULT_CHARS_PER_TOKEN,
      perMessage: DEFAULT_PER_MESSAGE,
    }
  );
}

function countsOf(modelId: string): Map<string, number> {
  let counts = known.get(modelId);
  if (!counts) known.set(modelId, (counts = new Map()));
  return counts;
}

/** A counter from what is known now: counts already made, else the calibrated estimate. */
export function knownTokens(modelId: string, texts: readonly string[]): TokenCounter {
  const counts = countsOf(modelId);
  const { charsPerToken, perMessage } = calibrationOf(modelId);
  return {
    exact: texts.every((t) => counts.has(t)),
    perMessage,
    count: (text) => counts.get(text) ?? estimateTokens(text, charsPerToken),
  };
}

/** A counter for `texts` (and, by estimate, any other text), asking the tokenizer for new ones. */
export async function countTokens(
  modelId: string,
  texts: readonly string[],
): Promise<TokenCounter> {
  const counts = countsOf(modelId);
  const missing = [...new Set(texts)].filter((t) => !counts.has(t));
  if (missing.length > 0) {
    const answer = await getEngine()
      .call.countTokens({ modelId, texts: missing })
      .catch(() => null);
    if (answer) {
      if (counts.size + missing.length > MAX_KEPT) counts.clear();
      missing.forEach((text, i) => counts.set(text, answer[i] ?? estimateTokens(text)));
    }
  }
  return knownTokens(modelId, texts);
}

/**
 * Learns from a request the engine read in full (not extending its KV cache) how many tokens it
 * took: the template's share per message where the tokenizer counted every message, and
 * characters per token for the estimate.
 */
export function calibrate(modelId: string, messages: readonly ChatMessage[], promptTokens: number) {
  if (messages.length === 0 || promptTokens <= 0) return;
  const counts = countsOf(modelId);
  const chars = messages.reduce((sum, m) => sum + m.content.length, 0);
  const content = messages.map((m) => counts.get(m.content));
  const previous = calibrationOf(modelId);
  const counted = content.every((c) => c !== undefined)
    ? content.reduce((sum, c) => sum + (c ?? 0), 0)
    : undefined;
  const perMessage =
    counted === undefined
      ? previous.perMessage
      : Math.max(0, Math.ceil((promptTokens - counted) / messages.length));
  const contentTokens = promptTokens - perMessage * messages.length;
  const charsPerToken =
    chars >= MIN_CALIBRATION_CHARS && contentTokens > 0
      ? Math.max(1, chars / contentTokens)
      : previous.charsPerToken;
  calibrations.set(modelId, { charsPerToken, perMessage });
}
