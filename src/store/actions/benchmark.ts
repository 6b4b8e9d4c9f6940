/**
 * Runs the benchmark: the fixed prompt set (src/prompts/benchmark.ts) on the chosen model, straight
 * through the engine and into no chat. Each prompt gets warm-up runs, then measured runs; the
 * engine's context is reset before every run, so no run reuses another's KV cache. Figures are the
 * engine's own usage reports. Progress is in runtimeStore.benchmarkJob; the result is saved in the
 * benchmark store.
 */
import { getEngine } from '../../engine/client';
import { classifyError, type EngineError } from '../../engine/errors';
import type { EngineUsage } from '../../engine/protocol';
import { newId } from '../../lib/ids';
import {
  BENCHMARK_OPTIONS,
  BENCHMARK_PROMPTS,
  BENCHMARK_VERSION,
  MEASURED_RUNS,
  WARM_UP_RUNS,
} from '../../prompts/benchmark';
import {
  addBenchmarkResult,
  benchmarkHydrated,
  type BenchmarkResult,
  type BenchmarkRun,
  useBenchmarkStore,
} from '../benchmarkStore';
import { loadedRunsOn } from '../catalog';
import { useChatStore } from '../chatStore';
import { useRuntimeStore } from '../runtimeStore';
import { cancelLoad, ensureModelLoaded } from '../session/loadModel';
import { followFasterEngine, type FollowedEngine } from './followFasterEngine';

export type BenchmarkOutcome =
  /** `followed`: the faster engine's build the chosen model became, where this result settled it. */
  | { kind: 'done'; result: BenchmarkResult; followed: FollowedEngine | null }
  | { kind: 'cancelled' }
  /** Not started: something else is using the engine, or there is no model to run. */
  | { kind: 'refused'; reason: 'busy' | 'no-model' | 'running' }
  | { kind: 'failed'; error: EngineError };

export interface BenchmarkEnvironment {
  device: string;
  browser: string;
}

let running: AbortController | null = null;

/** Why the engine cannot be used for a benchmark now, if it cannot. */
export function benchmarkBlocker(): 'busy' | 'running' | null {
  if (running) return 'running';
  const { generation, documentJob } = useRuntimeStore.getState();
  return generation || documentJob?.kind === 'summarize' ? 'busy' : null;
}

function toRun(usage: EngineUsage): BenchmarkRun {
  return {
    promptTokens: usage.promptTokens,
    completionTokens: usage.completionTokens,
    timeToFirstTokenS: usage.timeToFirstTokenS,
    prefillTokensPerS: usage.prefillTokensPerS,
    decodeTokensPerS: usage.decodeTokensPerS,
  };
}

export async function runBenchmark(environment: BenchmarkEnvironment): Promise<BenchmarkOutcome> {
  const blocker = benchmarkBlocker();
  if (blocker) return { kind: 'refused', reason: blocker };
  const modelId = useChatStore.getState().selectedModelId;
  if (!modelId) return { kind: 'refused', reason: 'no-model' };
  const controller = new AbortController();
  const { signal } = controller;
  running = controller;
  try {
    useRuntimeStore.setState({ benchmarkJob: { phase: 'loading', modelId } });
    const stopLoad = () => cancelLoad();
    signal.addEventListener('abort', stopLoad);
    const loaded = await ensureModelLoaded(modelId);
    signal.removeEventListener('abort', stopLoad);
    if (signal.aborted) return { kind: 'cancelled' };
    if (!loaded) {
      const { engine } = useRuntimeStore.getState();
      if (engine.status === 'error') return { kind: 'failed', error: engine.error };
      const detail =
        engine.status === 'elsewhere'
          ? 'Nook is running a model in another tab; take over there first.'
          : 'The model could not be loaded.';
      return { kind: 'failed', error: { code: 'unknown', detail } };
    }
    const engine = getEngine();
    const perPrompt = WARM_UP_RUNS + MEASURED_RUNS;
    const total = BENCHMARK_PROMPTS.length * perPrompt;
    const prompts = [];
    for (const [p, prompt] of BENCHMARK_PROMPTS.entries()) {
      const runs: BenchmarkRun[] = [];
      for (let i = 0; i < perPrompt; i++) {
        const warmUp = i < WARM_UP_RUNS;
        useRuntimeStore.setState({
          benchmarkJob: {
            phase: 'running',
            modelId,
            run: p * perPrompt + i + 1,
            total,
            promptLabel: prompt.label,
            warmUp,
          },
        });
        await engine.call.reset({}, { signal });
        const result = await engine.call.chat(
          { messages: [{ role: 'user', content: prompt.text }], options: BENCHMARK_OPTIONS },
          { signal },
        );
        if (signal.aborted || result.finishReason === 'abort') return { kind: 'cancelled' };
        if (!result.usage) {
          return {
            kind: 'failed',
            error: { code: 'unknown', detail: 'The engine reported no usage figures.' },
          };
        }
        if (!warmUp) runs.push(toRun(result.usage));
      }
      prompts.push({ promptId: prompt.id, runs });
    }
    // Leave no benchmark prompt in the engine's context for the next chat to trip over.
    await engine.call.reset({}).catch(() => undefined);
    const runsOn = loadedRunsOn();
    const result: BenchmarkResult = {
      id: newId(),
      benchmarkVersion: BENCHMARK_VERSION,
      createdAt: Date.now(),
      modelId,
      ...environment,
      ...(runsOn && { runsOn }),
      prompts,
    };
    await benchmarkHydrated();
    const before = useBenchmarkStore.getState().results;
    addBenchmarkResult(result);
    return { kind: 'done', result, followed: followFasterEngine(before) };
  } catch (err) {
    const error = classifyError(err);
    if (error.code === 'aborted' || signal.aborted) return { kind: 'cancelled' };
    return { kind: 'failed', error };
  } finally {
    if (running === controller) running = null;
    useRuntimeStore.setState({ benchmarkJob: null });
  }
}

export function cancelBenchmark(): void {
  running?.abort();
}
