/**
 * What the engine worker does with each request: one handler per request of protocol.ts's table,
 * served by the workers' bridge (src/workers/serve.ts), which gives each an AbortSignal and a way
 * to report events. It owns the backend (WebLLM, or the scripted engine in the test build), runs
 * engine work one request at a time, answers pings, catalog, cache and token-count questions at
 * once, and pushes progress and token batches as they come, driving the token stream itself so
 * decoding never waits for the UI thread. Everything it needs from the world comes in through
 * HostDeps, so unit tests drive it with a fake backend.
 * Must not import the store or any view.
 */
import type { AppConfig, ChatCompletionChunk, ModelRecord } from '@mlc-ai/web-llm';
import type { EngineBackend, LoadedTokenizer, ResumableBackend } from './backend';
import { classifyError, EngineFailure, type EngineError } from './errors';
import { ImageUrls } from './webllm/imageParts';
import type { CacheInfo } from './webllm/modelCache';
import type { CallContext, Handlers } from '../workers/serve';
import {
  REQUESTS,
  type ChatMessage,
  type ChatRequest,
  type ChatResult,
  type EngineEvent,
  type EngineRequests,
  type EngineUsage,
  type FinishReason,
  type RequestType,
  type Result,
} from './protocol';
import { TokenBatcher } from './tokenBatcher';

export interface HostDeps {
  createBackend(pageQuery: string): Promise<EngineBackend>;
  /** WebLLM's prebuilt model records. */
  catalog(): ModelRecord[];
  appConfigFor(records: ModelRecord[]): AppConfig;
  inspectCache(record: ModelRecord, config: AppConfig): Promise<CacheInfo>;
  deleteCache(record: ModelRecord, config: AppConfig): Promise<void>;
  /** Adds what a second look at a failed download tells (its HTTP status, being offline). */
  diagnose(error: EngineError): Promise<EngineError>;
}

type Context = CallContext<EngineEvent>;

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

  private getBackend(): Promise<EngineBackend> {
    this.backend ??= this.deps.createBackend('');
    return this.backend;
  }

  /** Engine work runs one request at a time, in order; one aborted while it waits never runs. */
  private enqueue<R>(signal: AbortSignal, work: () => Promise<R>): Promise<R> {
    const turn = this.queue.then(() => {
      if (signal.aborted) throw cancelled();
      return work();
    });
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  /** How each request of protocol.ts's table is answered. */
  private readonly work: {
    [K in RequestType]: (
      params: EngineRequests[K]['params'],
      context: Context,
    ) => Promise<Result<K>>;
  } = {
    init: async ({ pageQuery }) => {
      this.backend = this.deps.createBackend(pageQuery);
      return { backend: (await this.backend).kind };
    },
    ping: async () => null,
    catalog: async () => structuredClone(this.deps.catalog()),
    load: ({ record }, context) => this.load(context, record),
    chat: (request, context) => this.chat(context, request),
    resume: ({ sessionId }, context) => this.resume(context, sessionId),
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

  /** The handlers the bridge serves: queued requests wait for their turn (protocol.ts). */
  readonly handlers = Object.fromEntries(
    (Object.keys(REQUESTS) as RequestType[]).map((type) => {
      const work = this.work[type] as (params: unknown, context: Context) => Promise<unknown>;
      const handler = REQUESTS[type].queued
        ? (params: unknown, context: Context) =>
            this.enqueue(context.signal, () => work(params, context))
        : work;
      return [type, handler];
    }),
  ) as Handlers<EngineRequests>;

  /** A failure answers its own request and no other, with what a second look tells. */
  readonly toError = (error: unknown): Promise<EngineError> =>
    this.deps.diagnose(classifyError(error));

  private async load({ signal, emit }: Context, record: ModelRecord): Promise<Result<'load'>> {
    const engine = await this.getBackend();
    engine.setAppConfig(this.deps.appConfigFor([record]));
    engine.setInitProgressCallback((report) => emit({ type: 'progress', report }));
    this.held = null;
    this.loadedModelId = undefined;
    // MLCEngine.unload() during reload() aborts the download: that is how Cancel works.
    signal.addEventListener('abort', () => void engine.unload(), { once: true });
    const started = performance.now();
    try {
      await engine.reload(record.model_id);
    } catch (error) {
      // Cancelling a download does not look like an abort: with the IndexedDB cache the fetch
      // rejects with unload()'s reason, wrapped as "Failed to store <url> with error: Engine.unload()
      // is called." (ArtifactIndexedDBCache.addToCache), which MLCEngine.reload() passes on.
      if (signal.aborted) throw cancelled();
      const classified = classifyError(error);
      // Losing the device while allocating the model almost always means it did not fit.
      if (classified.code === 'device-lost') {
        await engine.unload().catch(() => undefined);
        throw new EngineFailure({ ...classified, code: 'out-of-memory' });
      }
      throw error;
    }
    if (signal.aborted) {
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

  private async chat(context: Context, request: ChatRequest): Promise<ChatResult> {
    const engine = await this.getBackend();
    const reusedCache = this.extendsHeld(request.messages);
    this.held = null;
    // Journal only what is prefilled from scratch anyway (see JournalRequest).
    const journal = engine.resumable && !reusedCache ? request.journal : undefined;
    if (journal && engine.resumable) await this.pruneJournals(engine.resumable, journal.keep);
    context.signal.addEventListener('abort', () => engine.interruptGenerate(), { once: true });
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
    const { text, ...result } = await this.relay(context, engine, stream);
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
  private async resume(context: Context, sessionId: string): Promise<ChatResult | null> {
    const engine = await this.getBackend();
    const resumable = engine.resumable;
    if (!resumable) return null;
    this.held = null;
    const probe = (await resumable.list()).find((s) => s.sessionId === sessionId);
    if (!probe?.resumable) return null;
    const recovered = await resumable.resume(sessionId, { continueGeneration: false });
    if ('recoveredText' in recovered) {
      context.emit({ type: 'recovered', text: recovered.recoveredText });
    }
    const finish = async (result: Omit<Relayed, 'text'>): Promise<ChatResult> => {
      await resumable.remove(sessionId).catch(() => undefined);
      return { ...result, reusedCache: false };
    };
    if (context.signal.aborted) return finish({ finishReason: 'abort' });
    context.signal.addEventListener('abort', () => engine.interruptGenerate(), { once: true });
    const continued = await resumable.resume(sessionId, { continueGeneration: true, stream: true });
    if (!(Symbol.asyncIterator in continued)) return null;
    const { text: _text, ...result } = await this.relay(context, engine, continued);
    return finish(result);
  }

  /** Drives a stream to its end, posting token batches as they come. */
  private async relay(
    { signal, emit }: Context,
    engine: EngineBackend,
    stream: AsyncIterable<ChatCompletionChunk>,
  ): Promise<Relayed> {
    const batcher = new TokenBatcher((text, tokens) => emit({ type: 'tokens', text, tokens }));
    let finishReason: FinishReason = 'stop';
    let usage: EngineUsage | undefined;
    let text = '';
    try {
      for await (const chunk of stream) {
        // WebLLM clears its interrupt flag when a stream starts (MLCEngine.asyncGenerate; for a
        // resumed reply ResumableGenerationCoordinator.streamContinuation, after restoring its
        // state), so a Stop that came before is raised again.
        if (signal.aborted) engine.interruptGenerate();
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
    if (signal.aborted) finishReason = 'abort';
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

/** The engine's request handlers, and how a failure is reported, for serveRequests. */
export function createEngineHost(deps: HostDeps): {
  handlers: Handlers<EngineRequests>;
  toError(error: unknown): Promise<EngineError>;
} {
  const host = new EngineHost(deps);
  return { handlers: host.handlers, toError: host.toError };
}
