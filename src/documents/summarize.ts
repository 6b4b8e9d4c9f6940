/**
 * Summaries of documents longer than the model's context window, by map-reduce: each part is
 * summarized, then the summaries are combined in batches that fit, again and again until one
 * remains. The engine is injected, so this runs in tests without a model. Cancelling keeps what
 * was done.
 */
import type { ChatMessage } from '../engine/protocol';
import {
  combineSummariesPrompt,
  summarizePartPrompt,
  summarizeWholePrompt,
  type SummaryStyle,
} from '../prompts/documents';
import type { Chunk } from './chunk';

export interface SummarizeEngine {
  /** One completion. `onText` receives the reply as it streams (the final step shows it live). */
  complete(
    messages: ChatMessage[],
    options: { maxTokens: number; signal: AbortSignal; onText?: (text: string) => void },
  ): Promise<string>;
}

export interface SummaryProgress {
  phase: 'map' | 'reduce';
  /** 1 for the first round of combining, 2 for the next… (0 for map). */
  round: number;
  done: number;
  total: number;
}

export interface SummarizeOptions {
  name: string;
  paged: boolean;
  style: SummaryStyle;
  instruction: string;
  /** Tokens the model may read at once, prompt and answer included. */
  contextWindow: number;
  /** Counts a batch of texts (in one trip to the tokenizer); the answer counts any of them. */
  countTokens: (texts: string[]) => Promise<(text: string) => number>;
  engine: SummarizeEngine;
  signal: AbortSignal;
  onProgress?: (progress: SummaryProgress) => void;
  onFinalText?: (text: string) => void;
}

export type SummaryResult =
  | { complete: true; summary: string }
  /** Cancelled: the summaries of the parts done so far, in order. */
  | { complete: false; parts: string[]; partsTotal: number };

const PART_SUMMARY_TOKENS = 300;
const FINAL_SUMMARY_TOKENS = 700;
/** Room for the instructions around the text. */
const PROMPT_OVERHEAD_TOKENS = 250;
/** What frames each summary when summaries are combined: its quote tags and label. */
const SUMMARY_FRAME_TOKENS = 30;

/** How many tokens of document text one request can carry. */
export function chunkBudget(contextWindow: number): number {
  return Math.max(256, contextWindow - FINAL_SUMMARY_TOKENS - PROMPT_OVERHEAD_TOKENS);
}

/** Consecutive summaries grouped so each group's total fits the budget (at least one per group). */
export function batchToFit(
  summaries: string[],
  budget: number,
  count: (t: string) => number,
): string[][] {
  const batches: string[][] = [];
  let current: string[] = [];
  let size = 0;
  for (const summary of summaries) {
    const tokens = count(summary) + SUMMARY_FRAME_TOKENS;
    if (current.length > 0 && size + tokens > budget) {
      batches.push(current);
      current = [];
      size = 0;
    }
    current.push(summary);
    size += tokens;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

class Cancelled extends Error {}

export async function summarizeChunks(
  chunks: Chunk[],
  options: SummarizeOptions,
): Promise<SummaryResult> {
  const { engine, signal, name, style, instruction } = options;
  const budget = chunkBudget(options.contextWindow);
  const ask = async (messages: ChatMessage[], maxTokens: number, onText?: (t: string) => void) => {
    if (signal.aborted) throw new Cancelled();
    const text = await engine.complete(messages, { maxTokens, signal, onText });
    if (signal.aborted) throw new Cancelled();
    return text.trim();
  };

  const [only] = chunks;
  if (chunks.length === 1 && only) {
    options.onProgress?.({ phase: 'reduce', round: 1, done: 0, total: 1 });
    try {
      const summary = await ask(
        summarizeWholePrompt(name, only.text, style, instruction),
        FINAL_SUMMARY_TOKENS,
        options.onFinalText,
      );
      return { complete: true, summary };
    } catch (error) {
      if (error instanceof Cancelled) return { complete: false, parts: [], partsTotal: 1 };
      throw error;
    }
  }

  const parts: string[] = [];
  try {
    for (const [i, chunk] of chunks.entries()) {
      options.onProgress?.({ phase: 'map', round: 0, done: i, total: chunks.length });
      parts.push(
        await ask(
          summarizePartPrompt(name, chunk.text, chunk.pages, options.paged, instruction),
          PART_SUMMARY_TOKENS,
        ),
      );
    }
    let level = parts;
    for (let round = 1; ; round++) {
      const batches = batchToFit(level, budget, await options.countTokens(level));
      const final = batches.length === 1;
      const next: string[] = [];
      for (const [i, batch] of batches.entries()) {
        options.onProgress?.({ phase: 'reduce', round, done: i, total: batches.length });
        next.push(
          await ask(
            combineSummariesPrompt(name, batch, final, style, instruction),
            final ? FINAL_SUMMARY_TOKENS : PART_SUMMARY_TOKENS,
            final ? options.onFinalText : undefined,
          ),
        );
      }
      if (final) return { complete: true, summary: next[0] ?? '' };
      // Combining must shrink the list, or a pathological model could loop forever.
      level = next.length < level.length ? next : [next.join('\n\n')];
    }
  } catch (error) {
    if (error instanceof Cancelled) return { complete: false, parts, partsTotal: chunks.length };
    throw error;
  }
}
