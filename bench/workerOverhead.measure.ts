// @vitest-environment node
/**
 * Nook's own work per token in the engine worker, for each engine: the host (queue, token
 * batching, messages to the page, serialized as postMessage serializes them) and the engine's
 * backend (WebLLM's: interrupt checks, usage, the conversation it keeps; llama.cpp's: its chunks,
 * timings), driven by a stand-in engine that yields tokens at a steady pace and does no work of
 * its own. CPU time per token, minus the same stream consumed by nothing but a loop. On a fast
 * GPU the engine worker's CPU work paces decoding (~30 ms a token was seen on an H200), so this is
 * the budget Nook spends of it. Run by `npm run bench` (bench/worker-overhead.mjs).
 */
import { writeFileSync } from 'node:fs';
import type { ChatCompletionChunk } from '@mlc-ai/web-llm';
import { it } from 'vitest';
import type { Backend } from '../src/engine/backend';
import type { EngineError } from '../src/engine/errors';
import { createEngineHost } from '../src/engine/host';
import { WllamaBackend } from '../src/engine/llamacpp/wllamaBackend';
import type { EngineRequests } from '../src/engine/protocol';
import type { EngineModel } from '../src/models/engineModel';
import type { MLCEngineLike } from '../src/engine/webllm/mlcEngine';
import { WebLLMBackend } from '../src/engine/webllm/webllmBackend';
import { serveRequests } from '../src/workers/serve';
import type { CallMessage, ReplyMessage } from '../src/workers/wire';

const TOKENS = 2000;
const ROUNDS = 3;
/** A token every this many ms: about the pace of a fast GPU, so batching works as it does there. */
const PACE_MS = 1;

const pause = () => new Promise((resolve) => setTimeout(resolve, PACE_MS));

async function* webllmChunks(): AsyncGenerator<ChatCompletionChunk> {
  const chunk = (content: string, finish: 'stop' | null = null): ChatCompletionChunk => ({
    id: 'c',
    object: 'chat.completion.chunk',
    created: 0,
    model: 'm',
    choices: [{ index: 0, delta: { content }, finish_reason: finish, logprobs: null }],
  });
  for (let i = 0; i < TOKENS; i++) {
    await pause();
    yield chunk(' word');
  }
  yield chunk('', 'stop');
}

async function* wllamaChunks() {
  for (let i = 0; i < TOKENS; i++) {
    await pause();
    yield { choices: [{ index: 0, delta: { content: ' word' }, finish_reason: null }] };
  }
  yield {
    choices: [{ index: 0, delta: {}, finish_reason: 'stop' }],
    timings: {
      cache_n: 0,
      prompt_n: 10,
      prompt_ms: 5,
      prompt_per_second: 2000,
      predicted_n: TOKENS,
      predicted_ms: TOKENS,
      predicted_per_second: 1000,
    },
  };
}

function webllmBackend(): Backend {
  const mlc = {
    setAppConfig() {},
    setInitProgressCallback() {},
    async reload() {},
    chatCompletion: async () => webllmChunks(),
    interruptGenerate() {},
    async resetChat() {},
    async unload() {},
    tokenizer: () => null,
    embedder: {} as MLCEngineLike['embedder'],
  } satisfies MLCEngineLike;
  return new WebLLMBackend(mlc, {
    appConfigFor: (records) => ({ model_list: records }),
    inspectCache: async () => ({ state: 'complete', bytes: 0 }),
    cachedLibraryProblem: async () => null,
    importFolder: async () => ({ bytes: 0 }),
    deleteCache: async () => {},
  });
}

/** llama.cpp's backend with wllama's stream stood in for; its load is skipped (it needs a file). */
function llamacppBackend(): Backend {
  const backend = new WllamaBackend();
  const wllama = { isModelLoaded: () => true, createChatCompletion: async () => wllamaChunks() };
  Object.assign(backend, { wllama });
  return Object.assign(Object.create(backend) as Backend, {
    load: async () => ({ device: 'CPU' }),
  });
}

const MODELS: Record<'webllm' | 'llamacpp', EngineModel> = {
  webllm: { engine: 'webllm', record: { model: 'm', model_id: 'm', model_lib: 'l' } },
  llamacpp: { engine: 'llamacpp', id: 'g', contextWindow: 2048 },
};

/** CPU milliseconds to stream one reply through the host and the backend, as the page gets it. */
async function throughHost(engine: 'webllm' | 'llamacpp'): Promise<number> {
  const backend = engine === 'webllm' ? webllmBackend() : llamacppBackend();
  const host = createEngineHost({
    createBackend: (async () => backend) as never,
    diagnose: async (error) => error,
  });
  let receive: (message: CallMessage<EngineRequests>) => void = () => undefined;
  const done = new Map<number, () => void>();
  serveRequests<EngineRequests, EngineError>(
    {
      postMessage: (reply: ReplyMessage<EngineRequests, EngineError>) => {
        structuredClone(reply);
        if (reply.kind !== 'event') done.get(reply.id)?.();
      },
      addEventListener: (_type, listener) => {
        receive = (data) => listener({ data } as MessageEvent<CallMessage<EngineRequests>>);
      },
    },
    host.handlers,
    { toError: host.toError },
  );
  const call = (id: number, message: CallMessage<EngineRequests>) =>
    new Promise<void>((resolve) => {
      done.set(id, resolve);
      receive(message);
    });
  await call(1, { kind: 'call', id: 1, type: 'load', params: { model: MODELS[engine] } });
  const before = process.cpuUsage();
  await call(2, {
    kind: 'call',
    id: 2,
    type: 'chat',
    params: { messages: [{ role: 'user', content: 'Hi' }] },
  });
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}

/** CPU milliseconds for the stand-in stream alone: what the engine's pace itself costs here. */
async function alone(engine: 'webllm' | 'llamacpp'): Promise<number> {
  const before = process.cpuUsage();
  for await (const chunk of engine === 'webllm' ? webllmChunks() : wllamaChunks()) void chunk;
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1] ?? 0;

it('measures Nook’s CPU time per token in the engine worker, for each engine', async () => {
  const figures: Record<string, { microsecondsPerToken: number; runs: number[] }> = {};
  for (const engine of ['webllm', 'llamacpp'] as const) {
    const runs: number[] = [];
    // Interleaved, so drift in machine speed hits both sides alike.
    for (let i = 0; i < ROUNDS; i++) {
      const nook = await throughHost(engine);
      const base = await alone(engine);
      runs.push(((nook - base) * 1000) / TOKENS);
    }
    figures[engine] = { microsecondsPerToken: Math.round(median(runs) * 10) / 10, runs };
  }
  const out = process.env.NOOK_OVERHEAD_OUT;
  if (out) writeFileSync(out, JSON.stringify({ tokens: TOKENS, paceMs: PACE_MS, figures }));
  else console.log(figures);
}, 120_000);
