/**
 * What the engine worker does with each request. It owns the backend (WebLLM, or the scripted
 * engine in the test build), runs engine work one request at a time, answers pings, catalog, cache
 * and token-count questions at once, and pushes progress and token batches as they come, driving
 * the token stream itself so decoding never waits for the UI thread. Everything it needs from the
 * world comes in through HostDeps, so unit tests drive it with a fake backend.
 * Must not import the store or any view.
 */
import type { AppConfig, ChatCompletionChunk, ModelRecord } from '@mlc-ai/web-llm';
import type { EngineBackend, LoadedTokenizer, ResumableBackend } from './backend';
import { classifyError, EngineFailure, type EngineError } from './errors';
import { ImageUrls } from './imageParts';
import type { CacheInfo } from './modelCache';
import {
  REQUESTS,
  type ChatMessage,
  type ChatRequest,
  type ChatResult,
  type EngineUsage,
  type FinishReason,
  type Params,
  type RequestType,
  type Result,
  type WorkerRequest,
  type WorkerResponse,
} from './protocol';
import { TokenBatcher } from './tokenBatcher';

export interface HostDeps {
  post(message: WorkerResponse): void;
  createBackend(pageQuery: string): Promise<EngineBackend>;
  /** WebLLM's prebuilt model records. */
  catalog(): ModelRecord[];
  appConfigFor(records: ModelRecord[]): AppConfig;
  inspectCache(record: ModelRecord, config: AppConfig): Promise<CacheInfo>;
  deleteCache(record: ModelRecord, config: AppConfig): Promise<void>;
  /** Adds what a second look at a failed download tells (its HTTP status, being offline). */
  diagnose(error: EngineError): Promise<EngineError>;
}

type Request = Exclude<WorkerRequest, { type: 'abort' }>;

const cancelled = () => new EngineFailure({ code: 'aborted', detail: 'Cancelled' });

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

/**
 * An input cut to the embedding model's window, as token ids: one input over the window makes
 * WebLLM refuse the whole batch (EmbeddingPipeline.embedStep throws
 * EmbeddingExceedContextWindowSizeError), and 1,200 characters of Chinese or code can be well over
 * 512 tokens.
 */
function fitWindow(tokenizer: LoadedTokenizer, text: string): number[] {
  const ids = Array.from(tokenizer.encode(text));
  return ids.length > tokenizer.contextWindow ? ids.slice(0, tokenizer.contextWindow) : ids;
}

/** compareConversationObject: the same role, text and images (by their bytes' id), in order. */
function sameMessage(a: ChatMessage, b: ChatMessage | undefined): boolean {
  const imagesA = a.images ?? [];
  const imagesB = b?.images ?? [];
  return (
    a.role === b?.role &&
    a.content === b.content &&
    imagesA.length === imagesB.length &&
    imagesA.every((image, i) => image.id === imagesB[i]?.id)
  );
}

interface Relayed {
  finishReason: FinishReason;
  usage?: EngineUsage;
  /** The reply as streamed, which is the reply WebLLM keeps in its conversation. */
  text: string;
}

class EngineHost {
  private backend: Promise<EngineBackend> | undefined;
  /** What to do when the UI aborts the request that is running now. */
  private abortRunning: { id: number; abort: () => void } | undefined;
  private readonly abortedIds = new Set<number>();
  /** Requests received and not yet answered: an abort for anything else is stale and ignored. */
  private readonly inFlight = new Set<number>();
  private queue: Promise<unknown> = Promise.resolve();
  private loadedModelId: string | undefined;
  /**
   * The conversation the chat model's KV cache holds after a reply that finished normally, or
   * null when none is known to be held. MLCEngine.preparePrefillInput reuses the cache only when a
   * request's messages before the last are exactly this (compareConversationObject), and never
   * after a reply that was stopped or cut at the length limit.
   */
  private held: ChatMessage[] | null = null;
  private readonly imageUrls = new ImageUrls();

  constructor(private readonly deps: HostDeps) {}

  receive(request: WorkerRequest): void {
    if (request.type === 'abort') {
      if (!this.inFlight.has(request.target)) return;
      this.abortedIds.add(request.target);
      if (this.abortRunning?.id === request.target) this.abortRunning.abort();
      return;
    }
    this.inFlight.add(request.id);
    if (REQUESTS[request.type].queued) {
      this.queue = this.queue.then(() => this.answer(request));
    } else {
      void this.answer(request);
    }
  }

  private getBackend(): Promise<EngineBackend> {
    this.backend ??= this.deps.createBackend('');
    return this.backend;
  }

  /** A failure answers its own request and no other. */
  private async answer(request: Request): Promise<void> {
    const { id } = request;
    try {
      if (this.abortedIds.has(id)) throw cancelled();
      this.deps.post({
        type: 'result',
        id,
        value: (await this.run(request)) as Result<RequestType>,
      });
    } catch (err) {
      this.deps.post({ type: 'error', id, error: await this.deps.diagnose(classifyError(err)) });
    } finally {
      if (this.abortRunning?.id === id) this.abortRunning = undefined;
      this.abortedIds.delete(id);
      this.inFlight.delete(id);
    }
  }

  /** How each request of protocol.ts's table is answered. */
  private readonly handlers: {
    [K in RequestType]: (params: Params<K>, id: number) => Promise<Result<K>>;
  } = {
    init: async ({ pageQuery }) => {
      this.backend = this.deps.createBackend(pageQuery);
      return { backend: (await this.backend).kind };
    },
    ping: async () => null,
    catalog: async () => structuredClone(this.deps.catalog()),
    load: ({ record }, id) => this.load(id, record),
    chat: (request, id) => this.chat(id, request),
    resume: ({ sessionId }, id) => this.resume(id, sessionId),
    embed: ({ record, texts }) => this.embed(record, texts),
    unloadEmbedder: async () => {
      await (await this.getBackend()).embedder.unload();
      return null;
    },
    countTokens: ({ modelId, texts }) => this.countTokens(modelId, texts),
    reset: async () => {
      this.held = null;
      await (await this.getBackend()).resetChat();
      return null;
    },
    unload: async () => {
      this.held = null;
      this.loadedModelId = undefined;
      await (await this.getBackend()).unload();
      return null;
    },
    cacheStatus: async ({ records }) => {
      const config = this.deps.appConfigFor(records);
      const entries = await Promise.all(
        records.map(async (r) => [r.model_id, await this.deps.inspectCache(r, config)] as const),
      );
      return Object.fromEntries(entries);
    },
    cacheDelete: async ({ record }) => {
      await this.deps.deleteCache(record, this.deps.appConfigFor([record]));
      return null;
    },
  };

  private run(request: Request): Promise<unknown> {
    // The request's type picks its handler; TypeScript cannot follow that pairing through a union.
    const handler = this.handlers[request.type] as (
      params: unknown,
      id: number,
    ) => Promise<unknown>;
    return handler(request.params, request.id);
  }

  private async load(id: number, record: ModelRecord): Promise<Result<'load'>> {
    const engine = await this.getBackend();
    engine.setAppConfig(this.deps.appConfigFor([record]));
    engine.setInitProgressCallback((report) => this.deps.post({ type: 'progress', id, report }));
    this.held = null;
    this.loadedModelId = undefined;
    this.abortRunning = { id, abort: () => void engine.unload() };
    const started = performance.now();
    try {
      await engine.reload(record.model_id);
    } catch (error) {
      // Cancelling a download does not look like an abort: with the IndexedDB cache the fetch
      // rejects with unload()'s reason, wrapped as "Failed to store <url> with error: Engine.unload()
      // is called." (ArtifactIndexedDBCache.addToCache), which MLCEngine.reload() passes on.
      if (this.abortedIds.has(id)) throw cancelled();
      const classified = classifyError(error);
      // Losing the device while allocating the model almost always means it did not fit.
      if (classified.code === 'device-lost') {
        await engine.unload().catch(() => undefined);
        throw new EngineFailure({ ...classified, code: 'out-of-memory' });
      }
      throw error;
    }
    if (this.abortedIds.has(id)) {
      // A cancel after the download (while shaders compile) does not stop reload(): the model is
      // loaded now, and must not stay in GPU memory behind an idle screen.
      await engine.unload();
      throw cancelled();
    }
    this.loadedModelId = record.model_id;
    return { modelId: record.model_id, loadTimeS: (performance.now() - started) / 1000 };
  }

  /** Whether WebLLM will read only the last message, extending the conversation it holds. */
  private extendsHeld(messages: readonly ChatMessage[]): boolean {
    const held = this.held;
    if (!held || messages.length !== held.length + 1) return false;
    return held.every((m, i) => sameMessage(m, messages[i]));
  }

  private async chat(id: number, request: ChatRequest): Promise<ChatResult> {
    const engine = await this.getBackend();
    const reusedCache = this.extendsHeld(request.messages);
    this.held = null;
    // Journal only what is prefilled from scratch anyway (see JournalRequest).
    const journal = engine.resumable && !reusedCache ? request.journal : undefined;
    if (journal && engine.resumable) await this.pruneJournals(engine.resumable, journal.keep);
    this.abortRunning = { id, abort: () => engine.interruptGenerate() };
    // Sampling fields and ignore_eos are WebLLM request fields of the same names; enable_thinking
    // and the resumable journal go in extra_body, as WebLLM expects.
    const { enable_thinking, ...sampling } = request.options ?? {};
    const extra = {
      ...(enable_thinking !== undefined && { enable_thinking }),
      ...(journal && { resumable: { enabled: true, sessionId: journal.sessionId } }),
    };
    const stream = await engine.chatCompletion({
      messages: await this.imageUrls.toRequestMessages(request.messages),
      ...sampling,
      ...(Object.keys(extra).length > 0 && { extra_body: extra }),
      stream: true,
      stream_options: { include_usage: true },
    });
    const { text, ...result } = await this.relay(id, engine, stream);
    if (result.finishReason === 'stop') {
      this.held = [...request.messages, { role: 'assistant', content: text }];
    }
    // Finished or stopped on purpose: nothing will be resumed, so the journal can go.
    if (journal) await engine.resumable?.remove(journal.sessionId).catch(() => undefined);
    return { ...result, reusedCache };
  }

  /** Deletes journals left by earlier replies (regenerated, deleted, or finished elsewhere). */
  private async pruneJournals(resumable: ResumableBackend, keep: readonly string[]) {
    const wanted = new Set(keep);
    const sessions = await resumable.list().catch(() => []);
    for (const { sessionId } of sessions) {
      if (!wanted.has(sessionId)) await resumable.remove(sessionId).catch(() => undefined);
    }
  }

  /**
   * Continues a reply journaled by WebLLM's resumable generation: first the text it recovered,
   * then new tokens. null when there is nothing to resume, so the caller can fall back.
   */
  private async resume(id: number, sessionId: string): Promise<ChatResult | null> {
    const engine = await this.getBackend();
    const resumable = engine.resumable;
    if (!resumable) return null;
    this.held = null;
    const probe = (await resumable.list()).find((s) => s.sessionId === sessionId);
    if (!probe?.resumable) return null;
    const recovered = await resumable.resume(sessionId, { continueGeneration: false });
    if ('recoveredText' in recovered) {
      this.deps.post({ type: 'recovered', id, text: recovered.recoveredText });
    }
    const finish = async (result: Omit<Relayed, 'text'>): Promise<ChatResult> => {
      await resumable.remove(sessionId).catch(() => undefined);
      return { ...result, reusedCache: false };
    };
    if (this.abortedIds.has(id)) return finish({ finishReason: 'abort' });
    this.abortRunning = { id, abort: () => engine.interruptGenerate() };
    const continued = await resumable.resume(sessionId, { continueGeneration: true, stream: true });
    if (!(Symbol.asyncIterator in continued)) return null;
    const { text: _text, ...result } = await this.relay(id, engine, continued);
    return finish(result);
  }

  /** Drives a stream to its end, posting token batches as they come. */
  private async relay(
    id: number,
    engine: EngineBackend,
    stream: AsyncIterable<ChatCompletionChunk>,
  ): Promise<Relayed> {
    const batcher = new TokenBatcher((text, tokens) =>
      this.deps.post({ type: 'tokens', id, text, tokens }),
    );
    let finishReason: FinishReason = 'stop';
    let usage: EngineUsage | undefined;
    let text = '';
    try {
      for await (const chunk of stream) {
        // WebLLM clears its interrupt flag when a stream starts (MLCEngine.asyncGenerate; for a
        // resumed reply ResumableGenerationCoordinator.streamContinuation, after restoring its
        // state), so a Stop that came before is raised again.
        if (this.abortedIds.has(id)) engine.interruptGenerate();
        const choice = chunk.choices[0];
        const delta = choice?.delta.content;
        if (delta) {
          batcher.push(delta);
          text += delta;
        }
        if (choice?.finish_reason) finishReason = toFinishReason(choice.finish_reason);
        usage = toUsage(chunk.usage) ?? usage;
      }
    } finally {
      batcher.flush();
    }
    if (this.abortedIds.has(id)) finishReason = 'abort';
    return { finishReason, text, ...(usage && { usage }) };
  }

  private async embed(record: ModelRecord, texts: string[]): Promise<number[][]> {
    const { embedder } = await this.getBackend();
    await embedder.load(record);
    const tokenizer = embedder.tokenizer();
    return embedder.embed(tokenizer ? texts.map((t) => fitWindow(tokenizer, t)) : texts);
  }

  private async countTokens(modelId: string, texts: string[]): Promise<number[] | null> {
    const engine = await this.getBackend();
    const tokenizer = this.loadedModelId === modelId ? engine.tokenizer() : null;
    return tokenizer ? texts.map((t) => tokenizer.encode(t).length) : null;
  }
}

export function createEngineHost(deps: HostDeps): { receive(request: WorkerRequest): void } {
  const host = new EngineHost(deps);
  return { receive: (request) => host.receive(request) };
}
