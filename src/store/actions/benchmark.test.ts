import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ChatRequest, ChatResult } from '../../engine/protocol';
import { BENCHMARK_OUTPUT_TOKENS, MEASURED_RUNS, WARM_UP_RUNS } from '../../prompts/benchmark';

/** The engine, faked at its gateway: records calls, answers with usage that counts the runs. */
const calls: string[] = [];
let chatRuns = 0;
let onChat: (signal: AbortSignal | undefined) => Promise<ChatResult> | undefined;
const engine = {
  reset: vi.fn(async () => {
    calls.push('reset');
    return null;
  }),
  chat: vi.fn(async (request: ChatRequest, options?: { signal?: AbortSignal }) => {
    chatRuns++;
    calls.push(`chat:${request.options?.max_tokens}:${request.options?.ignore_eos}`);
    const custom = onChat(options?.signal);
    if (custom) return custom;
    return {
      finishReason: 'length',
      usage: {
        promptTokens: 10,
        completionTokens: BENCHMARK_OUTPUT_TOKENS,
        timeToFirstTokenS: 0.01 * chatRuns,
        prefillTokensPerS: 1000,
        decodeTokensPerS: chatRuns,
        e2eLatencyS: 1,
      },
      reusedCache: false,
    } satisfies ChatResult;
  }),
};
vi.mock('../../engine/client', () => ({ getEngine: () => ({ call: engine }) }));

const { runBenchmark, cancelBenchmark } = await import('./benchmark');
const { useBenchmarkStore } = await import('../benchmarkStore');
const { useChatStore } = await import('../chatStore');
const { useRuntimeStore } = await import('../runtimeStore');

const MODEL = 'Llama-3.2-1B-Instruct-q4f32_1-MLC';
const environment = { device: 'google swiftshader', browser: 'Chromium 140' };

describe('runBenchmark', () => {
  beforeEach(() => {
    calls.length = 0;
    chatRuns = 0;
    onChat = () => undefined;
    useBenchmarkStore.setState({ results: [] });
    useChatStore.setState({ selectedModelId: MODEL });
    useRuntimeStore.setState({
      engine: { status: 'ready', modelId: MODEL, loadTimeS: 1, device: 'WebGPU' },
      generation: null,
      documentJob: null,
      benchmarkJob: null,
    });
  });

  it('resets the engine before every run and keeps only the measured runs', async () => {
    const outcome = await runBenchmark(environment);
    expect(outcome.kind).toBe('done');
    const perPrompt = WARM_UP_RUNS + MEASURED_RUNS;
    const run = `chat:${BENCHMARK_OUTPUT_TOKENS}:true`;
    expect(calls).toEqual([
      ...Array.from({ length: 2 * perPrompt }, () => ['reset', run]).flat(),
      'reset',
    ]);
    if (outcome.kind !== 'done') return;
    const [short, long] = outcome.result.prompts;
    // Runs are numbered from 1; the first of each prompt is the warm-up.
    expect(short?.runs.map((r) => r.decodeTokensPerS)).toEqual([2, 3, 4]);
    expect(long?.runs.map((r) => r.decodeTokensPerS)).toEqual([6, 7, 8]);
    expect(outcome.result).toMatchObject({ modelId: MODEL, benchmarkVersion: 1, ...environment });
    expect(useBenchmarkStore.getState().results).toEqual([outcome.result]);
    expect(useRuntimeStore.getState().benchmarkJob).toBeNull();
  });

  it('refuses while a reply is being generated, and touches nothing', async () => {
    useRuntimeStore.setState({ generation: { conversationId: 'c', messageId: 'm' } });
    expect(await runBenchmark(environment)).toEqual({ kind: 'refused', reason: 'busy' });
    expect(calls).toEqual([]);
  });

  it('stops when cancelled mid-run and saves nothing', async () => {
    onChat = (signal) => {
      if (chatRuns < 3) return undefined;
      cancelBenchmark();
      expect(signal?.aborted).toBe(true);
      return Promise.resolve({ finishReason: 'abort', reusedCache: false });
    };
    expect(await runBenchmark(environment)).toEqual({ kind: 'cancelled' });
    expect(chatRuns).toBe(3);
    expect(useBenchmarkStore.getState().results).toEqual([]);
    expect(useRuntimeStore.getState().benchmarkJob).toBeNull();
  });

  it('reports progress as it goes', async () => {
    const seen: string[] = [];
    const stop = useRuntimeStore.subscribe((s) => {
      const job = s.benchmarkJob;
      if (job?.phase === 'running') seen.push(`${job.run}/${job.total}${job.warmUp ? 'w' : ''}`);
    });
    await runBenchmark(environment);
    stop();
    expect(seen).toEqual(['1/8w', '2/8', '3/8', '4/8', '5/8w', '6/8', '7/8', '8/8']);
  });
});
