import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../engine/protocol';
import type { Chunk } from './chunk';
import {
  batchToFit,
  chunkBudget,
  summarizeChunks,
  type SummarizeEngine,
  type SummaryProgress,
} from './summarize';

const chunks = (n: number): Chunk[] =>
  Array.from({ length: n }, (_, i) => ({
    index: i,
    text: `Part ${i} text.`,
    pages: [i + 1, i + 1],
    start: i * 10,
  }));

/** Replies "S(<what it was given>)" so tests can see how summaries were combined. */
function fakeEngine(log: ChatMessage[][] = []): SummarizeEngine {
  return {
    async complete(messages, { onText }) {
      log.push(messages);
      const user = messages.find((m) => m.role === 'user')?.content ?? '';
      const parts = [...user.matchAll(/Part (\d+)/g)].map((m) => m[1]).join(',');
      const reply = `S(${parts})`;
      onText?.(reply);
      return reply;
    },
  };
}

const count = (t: string) => Math.ceil(t.length / 3);

const base = {
  name: 'doc.pdf',
  paged: true,
  style: 'key-points' as const,
  instruction: 'dates',
  contextWindow: 4096,
  countTokens: async () => count,
};

describe('summarizeChunks', () => {
  it('summarizes a short document in one step', async () => {
    const log: ChatMessage[][] = [];
    const result = await summarizeChunks(chunks(1), {
      ...base,
      engine: fakeEngine(log),
      signal: new AbortController().signal,
    });
    expect(result.complete).toBe(true);
    expect(log).toHaveLength(1);
    expect(log[0]?.[1]?.content).toContain('bulleted list');
    expect(log[0]?.[0]?.content).toContain('Focus on: dates');
  });

  it('maps every part, then reduces until one summary is left, reporting each step', async () => {
    const steps: SummaryProgress[] = [];
    const log: ChatMessage[][] = [];
    // Summaries that are big relative to the budget force several rounds of combining.
    const engine: SummarizeEngine = {
      async complete(messages) {
        log.push(messages);
        return 'x'.repeat(2500);
      },
    };
    const result = await summarizeChunks(chunks(12), {
      ...base,
      engine,
      signal: new AbortController().signal,
      onProgress: (p) => steps.push(p),
    });
    expect(result).toEqual({ complete: true, summary: 'x'.repeat(2500) });
    expect(steps.filter((s) => s.phase === 'map')).toHaveLength(12);
    const rounds = new Set(steps.filter((s) => s.phase === 'reduce').map((s) => s.round));
    expect(rounds.size).toBeGreaterThan(1);
    expect(steps.at(-1)).toMatchObject({ phase: 'reduce', total: 1 });
    // Every request fits in the context window.
    for (const messages of log) {
      const tokens = messages.reduce((sum, m) => sum + count(m.content), 0);
      expect(tokens).toBeLessThan(base.contextWindow);
    }
  });

  it('keeps the parts done so far when cancelled', async () => {
    const controller = new AbortController();
    let calls = 0;
    const engine: SummarizeEngine = {
      async complete() {
        if (++calls === 3) controller.abort();
        return `summary ${calls}`;
      },
    };
    const result = await summarizeChunks(chunks(6), { ...base, engine, signal: controller.signal });
    expect(result).toEqual({ complete: false, parts: ['summary 1', 'summary 2'], partsTotal: 6 });
  });

  it('passes engine failures on', async () => {
    const engine: SummarizeEngine = {
      async complete() {
        throw new Error('device lost');
      },
    };
    await expect(
      summarizeChunks(chunks(3), { ...base, engine, signal: new AbortController().signal }),
    ).rejects.toThrow('device lost');
  });
});

describe('batchToFit', () => {
  it('groups consecutive summaries under the budget, at least one per group', () => {
    const count = (t: string) => t.length;
    // Each summary also costs its frame (30 tokens): 34 + 32 fit in 80, a third does not.
    expect(batchToFit(['aaaa', 'bb', 'cccc', 'dddddddddddddddddddd'], 80, count)).toEqual([
      ['aaaa', 'bb'],
      ['cccc'],
      ['dddddddddddddddddddd'],
    ]);
  });

  it('leaves room for the answer and instructions', () => {
    expect(chunkBudget(4096)).toBeLessThan(4096 - 500);
    expect(chunkBudget(100)).toBe(256);
  });
});
