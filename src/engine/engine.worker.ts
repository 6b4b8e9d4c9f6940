/**
 * The engine worker: owns the model (WebLLM's MLCEngine, or the scripted engine in the test build),
 * runs each request, and pushes progress and token batches to the UI thread. It drives the token
 * stream itself, so decoding never waits for the UI thread.
 * Must not import the store or any view.
 */
import { prebuiltAppConfig } from '@mlc-ai/web-llm';
import type { AppConfig, ChatCompletionChunk, ModelRecord } from '@mlc-ai/web-llm';
import { createBackend, type EngineBackend } from './backend';
import { diagnoseDownload } from './diagnoseDownload';
import { classifyError, EngineFailure } from './errors';
import { deleteModelCache, inspectModelCache } from './modelCache';
import type {
  ChatRequest,
  ChatResult,
  EngineUsage,
  FinishReason,
  ResultMap,
  RequestType,
  WorkerRequest,
  WorkerResponse,
} from './protocol';
import { TokenBatcher } from './tokenBatcher';

const scope = self as unknown as {
  postMessage(message: WorkerResponse): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<WorkerRequest>) => void): void;
};

function post(message: WorkerResponse): void {
  scope.postMessage(message);
}

function appConfigFor(records: ModelRecord[]): AppConfig {
  return { model_list: records, cacheBackend: 'indexeddb' };
}

let backend: Promise<EngineBackend> | undefined;
function getBackend(): Promise<EngineBackend> {
  backend ??= createBackend('');
  return backend;
}

/** What to do when the UI aborts the request that is running now. */
let abortRunning: { id: number; abort: () => void } | undefined;
const abortedIds = new Set<number>();
/** Requests received and not yet answered: an abort for anything else is stale and ignored. */
const inFlight = new Set<number>();

async function load(id: number, record: ModelRecord): Promise<ResultMap['load']> {
  const engine = await getBackend();
  engine.setAppConfig(appConfigFor([record]));
  engine.setInitProgressCallback((report) => post({ type: 'progress', id, report }));
  abortRunning = { id, abort: () => void engine.unload() };
  const started = performance.now();
  try {
    // WebLLM's reload() returns quietly when unload() cancels it; the abort flag tells them apart.
    await engine.reload(record.model_id);
  } catch (error) {
    const classified = classifyError(error);
    // Losing the device while allocating the model almost always means it did not fit in GPU memory.
    if (classified.code === 'device-lost') {
      await engine.unload().catch(() => undefined);
      throw new EngineFailure({ ...classified, code: 'out-of-memory' });
    }
    throw error;
  }
  if (abortedIds.has(id)) throw new EngineFailure({ code: 'aborted', detail: 'Load cancelled' });
  return { modelId: record.model_id, loadTimeS: (performance.now() - started) / 1000 };
}

function toUsage(usage: ChatCompletionChunk['usage']): EngineUsage | undefined {
  if (!usage) return undefined;
  return {
    promptTokens: usage.prompt_tokens,
    completionTokens: usage.completion_tokens,
    timeToFirstTokenS: usage.extra.time_to_first_token_s,
    prefillTokensPerS: usage.extra.prefill_tokens_per_s,
    decodeTokensPerS: usage.extra.decode_tokens_per_s,
    e2eLatencyS: usage.extra.e2e_latency_s,
  };
}

function toFinishReason(reason: string | null | undefined): FinishReason {
  return reason === 'length' ? 'length' : reason === 'abort' ? 'abort' : 'stop';
}

async function chat(id: number, request: ChatRequest): Promise<ChatResult> {
  const engine = await getBackend();
  abortRunning = { id, abort: () => engine.interruptGenerate() };
  // Sampling fields and ignore_eos are WebLLM request fields of the same names; enable_thinking
  // and the resumable journal go in extra_body, as WebLLM expects.
  const { enable_thinking, ...sampling } = request.options ?? {};
  const sessionId = engine.resumable ? request.resumableSessionId : undefined;
  const extra = {
    ...(enable_thinking !== undefined && { enable_thinking }),
    ...(sessionId !== undefined && { resumable: { enabled: true, sessionId } }),
  };
  const stream = await engine.chatCompletion({
    messages: request.messages,
    ...sampling,
    ...(Object.keys(extra).length > 0 && { extra_body: extra }),
    stream: true,
    stream_options: { include_usage: true },
  });
  const result = await relay(id, stream);
  // Finished or stopped on purpose: nothing will be resumed, so the journal can go.
  if (sessionId) await engine.resumable?.remove(sessionId).catch(() => undefined);
  return result;
}

/**
 * Continues a reply journaled by WebLLM's resumable generation: first the text it recovered,
 * then new tokens. null when there is nothing to resume, so the caller can fall back.
 */
async function resume(id: number, sessionId: string): Promise<ChatResult | null> {
  const engine = await getBackend();
  const resumable = engine.resumable;
  if (!resumable) return null;
  const probe = (await resumable.list()).find((s) => s.sessionId === sessionId);
  if (!probe?.resumable) return null;
  const recovered = await resumable.resume(sessionId, { continueGeneration: false });
  if ('recoveredText' in recovered) post({ type: 'recovered', id, text: recovered.recoveredText });
  abortRunning = { id, abort: () => engine.interruptGenerate() };
  const continued = await resumable.resume(sessionId, { continueGeneration: true, stream: true });
  if (!(Symbol.asyncIterator in continued)) return null;
  const result = await relay(id, continued);
  await resumable.remove(sessionId).catch(() => undefined);
  return result;
}

/** Drives a stream to its end, posting token batches as they come. */
async function relay(id: number, stream: AsyncIterable<ChatCompletionChunk>): Promise<ChatResult> {
  const batcher = new TokenBatcher((text, tokens) => post({ type: 'tokens', id, text, tokens }));
  let finishReason: FinishReason = 'stop';
  let usage: EngineUsage | undefined;
  try {
    for await (const chunk of stream) {
      const choice = chunk.choices[0];
      if (choice?.delta.content) batcher.push(choice.delta.content);
      if (choice?.finish_reason) finishReason = toFinishReason(choice.finish_reason);
      usage = toUsage(chunk.usage) ?? usage;
    }
  } finally {
    batcher.flush();
  }
  if (abortedIds.has(id)) finishReason = 'abort';
  return { finishReason, ...(usage && { usage }) };
}

async function cacheStatus(records: ModelRecord[]): Promise<ResultMap['cache-status']> {
  const config = appConfigFor(records);
  const entries = await Promise.all(
    records.map(async (r) => [r.model_id, await inspectModelCache(r, config)] as const),
  );
  return Object.fromEntries(entries);
}

async function run(
  request: Exclude<WorkerRequest, { type: 'abort' }>,
): Promise<ResultMap[RequestType]> {
  switch (request.type) {
    case 'init':
      backend = createBackend(request.pageQuery);
      return { backend: (await backend).kind };
    case 'ping':
      return null;
    case 'catalog':
      return structuredClone(prebuiltAppConfig.model_list);
    case 'load':
      return load(request.id, request.record);
    case 'chat':
      return chat(request.id, request.request);
    case 'resume':
      return resume(request.id, request.sessionId);
    case 'embed':
      return (await getBackend()).embed(request.record, request.texts);
    case 'reset':
      await (await getBackend()).resetChat();
      return null;
    case 'unload':
      await (await getBackend()).unload();
      return null;
    case 'cache-status':
      return cacheStatus(request.records);
    case 'cache-delete':
      await deleteModelCache(request.record, appConfigFor([request.record]));
      return null;
  }
}

/** Engine work runs one request at a time; a failure answers its own request and no other. */
let queue: Promise<unknown> = Promise.resolve();
const queued: ReadonlySet<RequestType> = new Set([
  'load',
  'chat',
  'resume',
  'embed',
  'reset',
  'unload',
  'cache-delete',
]);

async function answer(request: Exclude<WorkerRequest, { type: 'abort' }>): Promise<void> {
  const { id } = request;
  try {
    if (abortedIds.has(id)) throw new EngineFailure({ code: 'aborted', detail: 'Cancelled' });
    post({ type: 'result', id, value: await run(request) });
  } catch (err) {
    post({ type: 'error', id, error: await diagnoseDownload(classifyError(err)) });
  } finally {
    if (abortRunning?.id === id) abortRunning = undefined;
    abortedIds.delete(id);
    inFlight.delete(id);
  }
}

scope.addEventListener('message', (event) => {
  const request = event.data;
  if (request.type === 'abort') {
    if (!inFlight.has(request.target)) return;
    abortedIds.add(request.target);
    if (abortRunning?.id === request.target) abortRunning.abort();
    return;
  }
  inFlight.add(request.id);
  if (queued.has(request.type)) {
    queue = queue.then(() => answer(request));
  } else {
    void answer(request);
  }
});
