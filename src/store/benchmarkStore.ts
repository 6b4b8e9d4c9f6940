/**
 * The persisted benchmark results: what each run of the benchmark measured, on which model,
 * device and browser. Saved in IndexedDB like the chats; validated on read, so a damaged or
 * foreign entry is dropped rather than shown. Only the engine's measured runs are stored: medians
 * and spreads are derived from them when shown or copied.
 */
import { isRecord } from '../lib/isRecord';
import { createPersistedStore } from './persistedStore';
import { restored } from './preserve';
import { notify } from './runtimeStore';

/** One measured run, as the engine reported it. */
export interface BenchmarkRun {
  promptTokens: number;
  completionTokens: number;
  timeToFirstTokenS: number;
  prefillTokensPerS: number;
  decodeTokensPerS: number;
}

export interface BenchmarkPromptResult {
  /** The prompt's id in the prompt set of `benchmarkVersion` (src/prompts/benchmark.ts). */
  promptId: string;
  runs: BenchmarkRun[];
}

export interface BenchmarkResult {
  id: string;
  /** The prompt set's version: results compare only within one. */
  benchmarkVersion: number;
  /** Date.now() when it finished. */
  createdAt: number;
  modelId: string;
  /** The GPU adapter, as the browser names it. */
  device: string;
  browser: string;
  /** Which engine ran the model, and on what ("llama.cpp · CPU · 2 threads"). */
  runsOn?: string;
  prompts: BenchmarkPromptResult[];
}

export interface PersistedBenchmarkState {
  /** Newest first. */
  results: BenchmarkResult[];
}

export const BENCHMARK_STATE_VERSION = 1;
/** Older results beyond this many are dropped. */
export const MAX_RESULTS = 100;

const RESULT_FIELDS: Record<keyof BenchmarkResult, true> = {
  id: true,
  benchmarkVersion: true,
  createdAt: true,
  modelId: true,
  device: true,
  browser: true,
  runsOn: true,
  prompts: true,
};

const isFigure = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;
const isText = (v: unknown): v is string => typeof v === 'string' && v.length > 0;

function restoreRun(value: unknown): BenchmarkRun | null {
  if (!isRecord(value)) return null;
  const { promptTokens, completionTokens, timeToFirstTokenS, prefillTokensPerS, decodeTokensPerS } =
    value;
  if (
    !isFigure(promptTokens) ||
    !isFigure(completionTokens) ||
    !isFigure(timeToFirstTokenS) ||
    !isFigure(prefillTokensPerS) ||
    !isFigure(decodeTokensPerS)
  )
    return null;
  return { promptTokens, completionTokens, timeToFirstTokenS, prefillTokensPerS, decodeTokensPerS };
}

function restorePromptResult(value: unknown): BenchmarkPromptResult | null {
  if (!isRecord(value) || !isText(value.promptId) || !Array.isArray(value.runs)) return null;
  const runs = value.runs.map(restoreRun);
  // A result with a damaged run would report a wrong median: drop it whole.
  if (runs.length === 0 || runs.some((r) => r === null)) return null;
  return { promptId: value.promptId, runs: runs as BenchmarkRun[] };
}

/** A stored result if it is complete and well-formed, otherwise null. */
export function restoreBenchmarkResult(value: unknown): BenchmarkResult | null {
  if (!isRecord(value)) return null;
  const { id, benchmarkVersion, createdAt, modelId, device, browser } = value;
  if (!isText(id) || !isText(modelId) || typeof device !== 'string') return null;
  if (typeof browser !== 'string' || !Array.isArray(value.prompts)) return null;
  if (!Number.isInteger(benchmarkVersion) || (benchmarkVersion as number) < 1) return null;
  if (!isFigure(createdAt)) return null;
  const prompts = value.prompts.map(restorePromptResult);
  if (prompts.length === 0 || prompts.some((p) => p === null)) return null;
  return restored(
    value,
    {
      id,
      benchmarkVersion: benchmarkVersion as number,
      createdAt,
      modelId,
      device,
      browser,
      ...(typeof value.runsOn === 'string' && { runsOn: value.runsOn }),
      prompts: prompts as BenchmarkPromptResult[],
    },
    RESULT_FIELDS,
  );
}

/** Both lists as one, each result once (by id), newest first, at most MAX_RESULTS. */
export function mergeResults(
  a: readonly BenchmarkResult[],
  b: readonly BenchmarkResult[],
): BenchmarkResult[] {
  const byId = new Map<string, BenchmarkResult>();
  for (const result of [...a, ...b]) if (!byId.has(result.id)) byId.set(result.id, result);
  return [...byId.values()].sort((x, y) => y.createdAt - x.createdAt).slice(0, MAX_RESULTS);
}

export function restoreBenchmarkState(persisted: unknown): PersistedBenchmarkState {
  const stored = isRecord(persisted) && Array.isArray(persisted.results) ? persisted.results : [];
  const results = stored
    .map(restoreBenchmarkResult)
    .filter((r): r is BenchmarkResult => r !== null);
  return { ...(isRecord(persisted) && persisted), results: mergeResults(results, []) };
}

const benchmarkStore = createPersistedStore<PersistedBenchmarkState>({
  name: 'nook-benchmarks',
  version: BENCHMARK_STATE_VERSION,
  initial: { results: [] },
  restore: restoreBenchmarkState,
  merge: (stored, current) => {
    const results = mergeResults(current.results, stored.results);
    // Re-reading what is already shown changes nothing, so nothing re-renders.
    const same =
      results.length === current.results.length &&
      results.every((r, i) => r.id === current.results[i]?.id);
    return same ? current : { ...current, results };
  },
  // Another tab may have saved results since this one read them: writes merge, never overwrite.
  mergeBeforeWrite: (stored, next) => ({
    ...next,
    results: mergeResults(next.results, stored.results),
  }),
  storage: {
    debounceMs: 0,
    onStorageError: () =>
      notify('error', 'Benchmark results cannot be saved on this device right now.'),
  },
});

export const useBenchmarkStore = benchmarkStore.useStore;
export const benchmarkHydration = benchmarkStore.hydration;

/** Resolves once saved results have been read, so a new one cannot overwrite them. */
export function benchmarkHydrated(): Promise<void> {
  if (benchmarkHydration.isDone()) return Promise.resolve();
  return new Promise((resolve) => {
    const stop = benchmarkHydration.subscribe(() => {
      stop();
      resolve();
    });
  });
}

export function addBenchmarkResult(result: BenchmarkResult): void {
  useBenchmarkStore.setState((s) => ({ results: mergeResults([result], s.results) }));
}
