import { describe, expect, it } from 'vitest';
import {
  MAX_RESULTS,
  mergeResults,
  restoreBenchmarkResult,
  restoreBenchmarkState,
  type BenchmarkResult,
} from './benchmarkStore';

const run = (decode: number) => ({
  promptTokens: 20,
  completionTokens: 128,
  timeToFirstTokenS: 0.05,
  prefillTokensPerS: 400,
  decodeTokensPerS: decode,
});

function result(id: string, createdAt: number): BenchmarkResult {
  return {
    id,
    benchmarkVersion: 1,
    createdAt,
    modelId: 'Llama-3.2-1B-Instruct-q4f32_1-MLC',
    device: 'google swiftshader',
    browser: 'Chromium 140',
    prompts: [{ promptId: 'short', runs: [run(99), run(100), run(101)] }],
  };
}

describe('restoreBenchmarkResult', () => {
  it('keeps a well-formed result as it is', () => {
    const stored = result('a', 1000);
    expect(restoreBenchmarkResult(structuredClone(stored))).toEqual(stored);
  });

  it('keeps fields it does not know (a newer version may have added them)', () => {
    const stored = { ...result('a', 1000), extra: 'x' };
    expect(restoreBenchmarkResult(stored)).toHaveProperty('extra', 'x');
  });

  it.each([
    ['not an object', 'a result'],
    ['no id', { ...result('a', 1), id: '' }],
    ['no model', { ...result('a', 1), modelId: 3 }],
    ['a version that is not a positive integer', { ...result('a', 1), benchmarkVersion: 1.5 }],
    ['no date', { ...result('a', 1), createdAt: 'yesterday' }],
    ['no prompts', { ...result('a', 1), prompts: [] }],
    ['a prompt without runs', { ...result('a', 1), prompts: [{ promptId: 'short', runs: [] }] }],
    [
      'a run with a figure that is not a number',
      {
        ...result('a', 1),
        prompts: [{ promptId: 'short', runs: [run(100), { ...run(1), decodeTokensPerS: 'fast' }] }],
      },
    ],
    [
      'a negative or infinite figure',
      { ...result('a', 1), prompts: [{ promptId: 'short', runs: [run(-1), run(Infinity)] }] },
    ],
  ])('rejects a result with %s', (_, value) => {
    expect(restoreBenchmarkResult(value)).toBeNull();
  });
});

describe('restoreBenchmarkState', () => {
  it('keeps the valid results, newest first, and drops the rest', () => {
    const state = restoreBenchmarkState({
      results: [result('old', 1), { broken: true }, result('new', 2)],
    });
    expect(state.results.map((r) => r.id)).toEqual(['new', 'old']);
  });

  it('reads anything else as no results', () => {
    expect(restoreBenchmarkState(undefined)).toEqual({ results: [] });
    expect(restoreBenchmarkState({ results: 'many' })).toEqual({ results: [] });
  });
});

describe('mergeResults', () => {
  it('lists each result once, newest first', () => {
    const merged = mergeResults([result('b', 2), result('a', 1)], [result('c', 3), result('a', 1)]);
    expect(merged.map((r) => r.id)).toEqual(['c', 'b', 'a']);
  });

  it(`keeps at most ${MAX_RESULTS} results, the newest`, () => {
    const many = Array.from({ length: MAX_RESULTS + 5 }, (_, i) => result(`r${i}`, i));
    const merged = mergeResults(many, []);
    expect(merged).toHaveLength(MAX_RESULTS);
    expect(merged[0]?.id).toBe(`r${MAX_RESULTS + 4}`);
  });
});
