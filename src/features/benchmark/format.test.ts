import { describe, expect, it } from 'vitest';
import type { BenchmarkResult } from '../../store/benchmarkStore';
import {
  formatMsSummary,
  formatRateSummary,
  resultsToJson,
  resultsToMarkdown,
  summarizePrompt,
} from './format';

const run = (ttft: number, prefill: number, decode: number) => ({
  promptTokens: 1040,
  completionTokens: 128,
  timeToFirstTokenS: ttft,
  prefillTokensPerS: prefill,
  decodeTokensPerS: decode,
});

const result: BenchmarkResult = {
  id: 'r1',
  benchmarkVersion: 1,
  createdAt: Date.UTC(2026, 10, 21, 10, 2),
  modelId: 'Llama-3.2-1B-Instruct-q4f32_1-MLC',
  device: 'google swiftshader',
  browser: 'Chromium 140 | headless',
  prompts: [
    { promptId: 'short', runs: [run(0.05, 400, 101), run(0.04, 420, 99.5), run(0.06, 380, 100)] },
    { promptId: 'long', runs: [run(0.52, 2000, 95), run(0.5, 2080, 96), run(0.55, 1890, 94.25)] },
  ],
};

describe('summarizePrompt', () => {
  it('gives the median and spread of each figure over the runs', () => {
    const s = summarizePrompt(result.prompts[0]!);
    expect(s.label).toBe('Short prompt');
    expect(s.runs).toBe(3);
    expect(s.decodeTokensPerS).toEqual({ median: 100, min: 99.5, max: 101, count: 3 });
    expect(s.timeToFirstTokenS.median).toBe(0.05);
    expect(formatRateSummary(s.decodeTokensPerS)).toBe('100 tokens/s (99.5–101)');
    expect(formatMsSummary(s.timeToFirstTokenS)).toBe('50 ms (40–60)');
  });
});

describe('resultsToMarkdown', () => {
  const markdown = resultsToMarkdown([result]);
  const lines = markdown.trim().split('\n');
  const table = lines.filter((l) => l.startsWith('|'));

  it('is a Markdown table: a header, a separator, one row per result and prompt', () => {
    expect(table).toHaveLength(4);
    const columns = (line: string) => line.match(/(?<!\\)\|/g)!.length - 1;
    for (const line of table) expect(columns(line)).toBe(12);
    expect(table[1]).toMatch(/^\| --- (\| --- )+\|$/);
    expect(table[0]).toContain('| Decode, tokens/s |');
  });

  it('writes each figure as median (min–max)', () => {
    expect(table[2]).toBe(
      '| Llama-3.2-1B-Instruct-q4f32_1-MLC | Short prompt | 1040 | 128 | 50 (40–60) | 400 (380–420) | 100 (99.5–101) | WebLLM · WebGPU | google swiftshader | Chromium 140 \\| headless | 2026-11-21 10:02 UTC | v1 |',
    );
    expect(table[3]).toContain('| 95.0 (94.3–96.0) |');
  });

  it('escapes pipes so a cell cannot break the table', () => {
    expect(table[2]).toContain('Chromium 140 \\| headless');
  });
});

describe('resultsToJson', () => {
  it('carries the raw runs and the summaries', () => {
    const parsed = JSON.parse(resultsToJson([result])) as {
      results: {
        modelId: string;
        date: string;
        prompts: { figures: { decodeTokensPerS: object }; runs: unknown[] }[];
      }[];
    };
    const [first] = parsed.results;
    expect(first?.modelId).toBe(result.modelId);
    expect(first?.date).toBe('2026-11-21T10:02:00.000Z');
    expect(first?.prompts[0]?.figures.decodeTokensPerS).toEqual({
      median: 100,
      min: 99.5,
      max: 101,
    });
    expect(first?.prompts[0]?.runs).toHaveLength(3);
  });
});
