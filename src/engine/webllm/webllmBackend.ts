/**
 * Nook's WebLLM backend: Nook's requests (backend.ts) as WebLLM's MLCEngine takes them (or the
 * scripted stand-in, which behaves as MLCEngine does; mlcEngine.ts). It keeps what WebLLM's own
 * behaviour requires of a caller: which conversation the KV cache holds, journals for resumable
 * replies, images as the same data URLs every turn, a Stop raised again after WebLLM clears it,
 * and a cancelled download that reports a cancel. Runs inside the worker.
 */
import type { AppConfig, ChatCompletionChunk, ModelRecord } from '@mlc-ai/web-llm';
import type { Backend, LoadContext, ResumeContext, StreamContext } from '../backend';
import { classifyError, EngineFailure } from '../errors';
import type {
  CacheInfo,
  ChatMessage,
  ChatRequest,
  ChatResult,
  EngineUsage,
  FinishReason,
  FolderFile,
  GenerationOptions,
  StoredFolder,
  StructuredRequest,
  StructuredResult,
} from '../protocol';
import type { EngineModel } from '../../models/engineModel';
import { ImageUrls } from './imageParts';
import { parseLoadProgress } from './loadProgress';
import type { LoadedTokenizer, MLCEngineLike, ResumableBackend } from './mlcEngine';
import type { LibraryProblem } from './modelLibrary';

/** What the backend needs of WebLLM beside the engine: its config and its cache, passed in for tests. */
export interface WebLLMDeps {
  appConfigFor(records: ModelRecord[]): AppConfig;
  inspectCache(record: ModelRecord, config: AppConfig): Promise<CacheInfo>;
  deleteCache(record: ModelRecord, config: AppConfig): Promise<void>;
  /** What keeps tvmjs from starting the library WebLLM cached for a model (modelLibrary.ts). */
  cachedLibraryProblem(modelLibUrl: string): Promise<LibraryProblem | null>;
  /** Checks a chosen MLC folder and stores it in the cache under the record's URLs (mlcFolderStore). */
  importFolder(
    record: ModelRecord,
    files: FolderFile[],
    signal: AbortSignal,
    onProgress: (written: number, total: number) => void,
  ): Promise<StoredFolder>;
}

export const cancelled = () => new EngineFailure({ code: 'aborted', detail: 'Cancelled' });

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

/**
 * Nook's options as WebLLM's request fields: sampling fields and ignore_eos have the same names;
 * enable_thinking goes in extra_body, as WebLLM expects.
 */
function requestFields(options: GenerationOptions = {}) {
  const { enable_thinking, ...sampling } = options;
  return { sampling, extra: enable_thinking !== undefined ? { enable_thinking } : {} };
}

function recordOf(model: EngineModel): ModelRecord {
  if (model.engine !== 'webllm') throw new Error(`WebLLM cannot load a ${model.engine} model`);
  return model.record;
}

interface Relayed {
  finishReason: FinishReason;
  usage?: EngineUsage;
  /** The reply as streamed, which is the reply WebLLM keeps in its conversation. */
  text: string;
}

export class WebLLMBackend implements Backend {
  readonly engine = 'webllm';
  private loadedModelId: string | undefined;
  /**
   * The conversation the chat model's KV cache holds after a reply that finished normally, or
   * null when none is known to be held. MLCEngine.preparePrefillInput reuses the cache only when a
   * request's messages before the last are exactly this (compareConversationObject), and never
   * after a reply that was stopped or cut at the length limit.
   */
  private held: ChatMessage[] | null = null;
  private readonly imageUrls = new ImageUrls();

  constructor(
    private readonly mlc: MLCEngineLike,
    private readonly deps: WebLLMDeps,
  ) {}

  async load(model: EngineModel, { signal, progress }: LoadContext): Promise<{ device: string }> {
    const record = recordOf(model);
    const engine = this.mlc;
    engine.setAppConfig(this.deps.appConfigFor([record]));
    engine.setInitProgressCallback((report) => progress(parseLoadProgress(report)));
    this.held = null;
    this.loadedModelId = undefined;
    // MLCEngine.unload() during reload() aborts the download: that is how Cancel works.
    const onAbort = () => void engine.unload();
    signal.addEventListener('abort', onAbort, { once: true });
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
      // A library that compiles but is not one tvmjs can start fails with a TypeError that names
      // nothing (see modelLibrary.ts). By then reload() has cached it, and it can tell.
      if (
        classified.code === 'unknown' &&
        (await this.deps.cachedLibraryProblem(record.model_lib).catch(() => null))
      ) {
        throw new EngineFailure({ code: 'model-library-invalid', detail: classified.detail });
      }
      throw error;
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
    if (signal.aborted) {
      // A cancel after the download (while shaders compile) does not stop reload(): the model is
      // loaded now, and must not stay in GPU memory behind an idle screen.
      await engine.unload();
      throw cancelled();
    }
    this.loadedModelId = record.model_id;
    return { device: 'WebGPU' };
  }

  /** Whether WebLLM will read only the last message, extending the conversation it holds. */
  private extendsHeld(messages: readonly ChatMessage[]): boolean {
    const held = this.held;
    if (!held || messages.length !== held.length + 1) return false;
    return held.every((m, i) => sameMessage(m, messages[i]));
  }

  async chat(request: ChatRequest, context: StreamContext): Promise<ChatResult> {
    const engine = this.mlc;
    const reusedCache = this.extendsHeld(request.messages);
    this.held = null;
    // Journal only what is prefilled from scratch anyway (see JournalRequest).
    const journal = engine.resumable && !reusedCache ? request.journal : undefined;
    if (journal && engine.resumable) await this.pruneJournals(engine.resumable, journal.keep);
    // The resumable journal goes in extra_body too.
    const { sampling, extra: thinking } = requestFields(request.options);
    const extra = {
      ...thinking,
      ...(journal && { resumable: { enabled: true, sessionId: journal.sessionId } }),
    };
    const stream = await engine.chatCompletion({
      messages: await this.imageUrls.toRequestMessages(request.messages),
      ...sampling,
      ...(Object.keys(extra).length > 0 && { extra_body: extra }),
      stream: true,
      stream_options: { include_usage: true },
    });
    const { text, ...result } = await this.relay(context, stream);
    if (result.finishReason === 'stop') {
      this.held = [...request.messages, { role: 'assistant', content: text }];
    }
    // Finished or stopped on purpose: nothing will be resumed, so the journal can go.
    if (journal) await engine.resumable?.remove(journal.sessionId).catch(() => undefined);
    return { ...result, reusedCache };
  }

  /**
   * A reply held to a JSON schema. WebLLM takes the schema as a string, in response_format with
   * type "json_object" (postInitAndCheckFieldsChatCompletion throws InvalidResponseFormatError for
   * a schema under any other type), and compiles it with xgrammar as the prefill starts
   * (LLMChatPipeline.prepareGrammarMatcherForSampling, keyed by the schema's text, so the same
   * schema is compiled once; one xgrammar cannot compile throws GrammarMatcherInitError). The
   * matcher masks every sampled token from the first on (LLMChatPipeline.sampleFromRawLogits),
   * so a thinking model cannot open a <think> block: callers send enable_thinking false, which
   * puts the empty block in the prompt instead (LLMChatPipeline.forwardPrefill). The grammar is
   * no part of what preparePrefillInput compares, so it does not stop KV-cache reuse; but this
   * reply is not the chat's, so nothing is held for the next chat request. Never journaled:
   * resumable generation refuses grammar-constrained formats
   * (ResumableGenerationCoordinator.normalizeForRequest).
   */
  async structured(request: StructuredRequest, context: StreamContext): Promise<StructuredResult> {
    const engine = this.mlc;
    this.held = null;
    const { sampling, extra } = requestFields(request.options);
    const stream = await engine.chatCompletion({
      messages: await this.imageUrls.toRequestMessages(request.messages),
      ...sampling,
      ...(Object.keys(extra).length > 0 && { extra_body: extra }),
      response_format: { type: 'json_object', schema: JSON.stringify(request.schema) },
      stream: true,
      stream_options: { include_usage: true },
    });
    return this.relay(context, stream);
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
  async resume(sessionId: string, context: ResumeContext): Promise<ChatResult | null> {
    const { resumable } = this.mlc;
    if (!resumable) return null;
    this.held = null;
    const probe = (await resumable.list()).find((s) => s.sessionId === sessionId);
    if (!probe?.resumable) return null;
    const recovered = await resumable.resume(sessionId, { continueGeneration: false });
    if ('recoveredText' in recovered) context.recovered(recovered.recoveredText);
    const finish = async (result: Omit<Relayed, 'text'>): Promise<ChatResult> => {
      await resumable.remove(sessionId).catch(() => undefined);
      return { ...result, reusedCache: false };
    };
    if (context.signal.aborted) return finish({ finishReason: 'abort' });
    const continued = await resumable.resume(sessionId, { continueGeneration: true, stream: true });
    if (!(Symbol.asyncIterator in continued)) return null;
    const { text: _text, ...result } = await this.relay(context, continued);
    return finish(result);
  }

  /** Drives a stream to its end, handing on each token's text. */
  private async relay(
    { signal, token }: StreamContext,
    stream: AsyncIterable<ChatCompletionChunk>,
  ): Promise<Relayed> {
    const engine = this.mlc;
    const onStop = () => engine.interruptGenerate();
    signal.addEventListener('abort', onStop, { once: true });
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
          token(delta);
          text += delta;
        }
        if (choice?.finish_reason) finishReason = toFinishReason(choice.finish_reason);
        usage = toUsage(chunk.usage) ?? usage;
      }
    } finally {
      signal.removeEventListener('abort', onStop);
    }
    if (signal.aborted) finishReason = 'abort';
    return { finishReason, text, ...(usage && { usage }) };
  }

  async reset(): Promise<void> {
    this.held = null;
    await this.mlc.resetChat();
  }

  async unload(): Promise<void> {
    this.held = null;
    this.loadedModelId = undefined;
    await this.mlc.unload();
  }

  countTokens(texts: string[]): number[] | null {
    const tokenizer = this.loadedModelId === undefined ? null : this.mlc.tokenizer();
    return tokenizer ? texts.map((t) => tokenizer.encode(t).length) : null;
  }

  async cacheStatus(models: EngineModel[]): Promise<Record<string, CacheInfo>> {
    const records = models.map(recordOf);
    const config = this.deps.appConfigFor(records);
    const entries = await Promise.all(
      records.map(async (r) => [r.model_id, await this.deps.inspectCache(r, config)] as const),
    );
    return Object.fromEntries(entries);
  }

  async deleteCache(model: EngineModel): Promise<void> {
    const record = recordOf(model);
    await this.deps.deleteCache(record, this.deps.appConfigFor([record]));
  }

  async storeFolder(
    model: EngineModel,
    files: FolderFile[],
    { signal, progress }: LoadContext,
  ): Promise<StoredFolder> {
    const started = performance.now();
    return this.deps.importFolder(recordOf(model), files, signal, (written, total) =>
      progress({
        phase: 'storing',
        fraction: total > 0 ? written / total : 1,
        megabytes: written / 2 ** 20,
        elapsedS: (performance.now() - started) / 1000,
        text: `Copied ${Math.round(written / 2 ** 20)} of ${Math.round(total / 2 ** 20)} MB`,
      }),
    );
  }

  /** One vector per text, by one of WebLLM's embedding models, loaded beside the chat model. */
  async embed(record: ModelRecord, texts: string[]): Promise<number[][]> {
    const { embedder } = this.mlc;
    await embedder.load(record);
    const tokenizer = embedder.tokenizer();
    return embedder.embed(tokenizer ? texts.map((t) => fitWindow(tokenizer, t)) : texts);
  }

  unloadEmbedder(): Promise<void> {
    return this.mlc.embedder.unload();
  }
}
