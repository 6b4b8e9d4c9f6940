/**
 * TEST BUILD ONLY. A stand-in for WebLLM's MLCEngine that lives inside the real engine worker and
 * speaks the same API. Controlled by the page's query string (see parseScriptedOptions). Never
 * imported by the app build.
 *
 * It must behave like WebLLM, not like what Nook would wish WebLLM did. What it reproduces, each
 * after the WebLLM (0.2.86) function named:
 * - Progress in WebLLM's words: "Fetching param cache[i/n]", or "Loading model from cache[i/n]"
 *   when every shard is cached already, then "Loading GPU shader modules"
 *   (tvmjs fetchTensorCacheInternal, LLMChatPipeline.asyncLoadWebGPUPipelines).
 * - unload() during a download makes reload() throw "Failed to store <url> with error:
 *   Engine.unload() is called." (ArtifactIndexedDBCache.addToCache wraps the aborted fetch;
 *   MLCEngine.reload only swallows a DOMException AbortError). unload() after the download, while
 *   shaders compile, does not stop reload(): the model ends up loaded (MLCEngine.reloadInternal).
 * - A model imported from a folder loads from the cache alone: every file is read there as
 *   WebLLM reads it (importedFiles.ts); a file missing there is fetched from its made-up URL,
 *   which fails, and reload() throws "Failed to store <url> with error: TypeError: Failed to
 *   fetch" for the first file missing in the order WebLLM reads them.
 * - Allocating a big model can lose the device: DeviceLostError (MLCEngine.reloadInternal).
 * - KV-cache reuse: a request reads only its last message when the messages before it are exactly
 *   the conversation held from the previous reply, and that reply was not stopped or cut at the
 *   length limit; otherwise it reads the whole prompt. A resumable request always reads the whole
 *   prompt (MLCEngine.preparePrefillInput, ResumableGenerationCoordinator.prefillGeneration
 *   passing reuseKVCache: false). usage.prompt_tokens counts what was read
 *   (makeStreamUsageChunk, getCurRoundPrefillTotalTokens).
 * - Context overflow: the tokens read plus the tokens held over the window throw
 *   ContextWindowSizeExceededError(read, window) (LLMChatPipeline prefill); a reply that fills the
 *   window ends with finish_reason "length", as one that reaches max_tokens does
 *   (LLMChatPipeline.processNextToken).
 * - Streaming: the interrupt flag is cleared when the stream starts (MLCEngine.asyncGenerate); the
 *   token sampled by the prefill comes first and an interrupt is seen before each decode step
 *   (streamCurrentGeneration); then a finish chunk, then usage in a last chunk with no choices,
 *   only with stream_options.include_usage (makeStreamUsageChunk).
 * - Resumable sessions: a new session under an id that exists throws ResumableSessionExistsError,
 *   after the prefill (ResumableSessionStore.createNewSession from
 *   ResumableGenerationJournal.begin). A reply cut off by an error is journaled as aborted and
 *   stays resumable (closeStreamJournal), a finished one never is (probeReplayState). A continued
 *   stream restores by replaying the prompt and the emitted tokens, and only then clears the
 *   interrupt flag (restoreByTokenReplay, streamContinuation); without the journaled model loaded
 *   it recovers text only (resumeEager).
 * - Embeddings: a window of 512 tokens; one input over it throws
 *   EmbeddingExceedContextWindowSizeError for the whole batch (EmbeddingPipeline.embedStep).
 * - Structured replies (see structured.ts): response_format is checked as
 *   postInitAndCheckFields and the resumable coordinator check it, a schema that cannot be
 *   compiled fails at the prefill, and the reply is JSON in the schema's shape holding the values
 *   a test planted in the prompt.
 * - Images (see images.ts): content parts are checked before anything runs, and a model that is
 *   not a VLM refuses them with UserMessageContentErrorForNonVLM (postInitAndCheckFields); each
 *   image is fetched from its URL and decoded (getImageDataFromURL: a data: URL is fetched too,
 *   so the page's connect-src must allow data:), and counts in usage.prompt_tokens as the tokens
 *   of its embedding (LLMChatPipeline.getInputData, computeImageEmbedSize).
 */
import type {
  AppConfig,
  ChatCompletionChunk,
  ChatCompletionMessageParam,
  ChatCompletionRequestStreaming,
  InitProgressCallback,
  ModelRecord,
  ResumeChatCompletionOptions,
  ResumeProbeResult,
  ResumeResult,
} from '@mlc-ai/web-llm';
import type {
  EmbedderBackend,
  LoadedTokenizer,
  MLCEngineLike,
  ResumableBackend,
} from '../mlcEngine';
import { isImportedModelUrl } from '../../../models/importedModel';
import { readImportedModel } from '../importedFiles';
import { inspectModelCache } from '../modelCache';
import { modelFileUrl } from '../modelUrls';
import { scriptedEmbedding } from './embedding';
import {
  checkContentParts,
  imageParts,
  measureImages,
  textOf,
  type MeasuredImages,
} from './images';
import { journal, type JournalEntry } from './journal';
import { named } from './named';
import { defaultReply, echoReply, splitTokens, syntheticReply } from './replies';
import { scriptedDownload } from './scriptedDownload';
import { checkResponseFormat, jsonTokens, plantedJson, wantsJson } from './structured';
import { scriptedDecode, scriptedEncode } from './tokenizer';

export interface ScriptedOptions {
  /** Exact reply text; otherwise the default reply, or a synthetic one of `tokens` tokens. */
  reply?: string;
  tokens?: number;
  tokensPerSecond: number;
  /** How fast the prompt is "read" before the first token. */
  prefillTokensPerSecond: number;
  loadMs: number;
  /** Reply with the prompt as the engine received it, so tests can see what was sent. */
  echo: boolean;
  /** Really download the model's shards from its URL (see scriptedDownload) instead of pretending. */
  download: boolean;
  /** Whether Nook can reach the loaded model's tokenizer (scripted_tokenizer=0: it cannot). */
  tokenizer: boolean;
  fault: ScriptedFault | null;
}

/**
 * Failures to reproduce on demand (scripted_fault): the GPU lost after N tokens of a reply, the
 * worker dying after N tokens, or loads failing for lack of GPU memory (models of 1 GB or more).
 * Each happens once per page, like the rare event it stands for, except oom-on-load.
 */
export type ScriptedFault =
  | { kind: 'device-lost'; afterTokens: number }
  | { kind: 'worker-crash'; afterTokens: number }
  | { kind: 'oom-on-load' };

export function parseFault(value: string | null): ScriptedFault | null {
  if (value === 'oom-on-load') return { kind: value };
  const match = /^(device-lost|worker-crash)@(\d+)$/.exec(value ?? '');
  if (!match) return null;
  return { kind: match[1] as 'device-lost' | 'worker-crash', afterTokens: Number(match[2]) };
}

/** The model size from which oom-on-load fails a load. */
const OOM_FROM_MB = 1000;
/** A chat template's tokens around each message (ChatML: <|im_start|>role\n … <|im_end|>\n). */
const TOKENS_PER_MESSAGE = 4;
/** The assistant's reply header that ends every prompt. */
const REPLY_HEADER_TOKENS = 3;
/** WebLLM's embedding models (snowflake-arctic-embed, ctx512). */
const EMBEDDING_WINDOW = 512;

function positiveNumber(value: string | null, fallback: number): number {
  const n = value === null ? NaN : Number(value);
  return Number.isFinite(n) && n > 0 ? n : fallback;
}

export function parseScriptedOptions(params: URLSearchParams): ScriptedOptions {
  const reply = params.get('scripted_reply') ?? undefined;
  const tokens = params.has('scripted_tokens')
    ? Math.round(positiveNumber(params.get('scripted_tokens'), 1))
    : undefined;
  return {
    ...(reply !== undefined && { reply }),
    ...(tokens !== undefined && { tokens }),
    tokensPerSecond: positiveNumber(params.get('scripted_tps'), 50),
    prefillTokensPerSecond: positiveNumber(params.get('scripted_prefill_tps'), 2000),
    loadMs: params.has('scripted_load_ms') ? Number(params.get('scripted_load_ms')) || 0 : 1500,
    echo: params.get('scripted_echo') === '1',
    download: params.get('scripted_download') === '1',
    tokenizer: params.get('scripted_tokenizer') !== '0',
    // A restarted worker (after a crash) must not crash again: the fault has happened.
    fault: params.has('nook_restarted') ? null : parseFault(params.get('scripted_fault')),
  };
}

const FAKE_MODEL_MB = 600;
const FAKE_SHARDS = 20;
const FAKE_SHADERS = 8;
/** The reason MLCEngine.unload() aborts a reload with. */
const UNLOAD_REASON = 'Engine.unload() is called.';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type Turn = { role: string; content: string };

/** compareConversationObject compares image URLs too: the content parts, written out, do. */
const turn = (m: ChatCompletionMessageParam): Turn => ({
  role: m.role,
  content: typeof m.content === 'string' ? m.content : JSON.stringify(m.content),
});
const messageTokens = (m: ChatCompletionMessageParam, images: MeasuredImages) =>
  scriptedEncode(textOf(m)).length +
  TOKENS_PER_MESSAGE +
  imageParts(m).reduce((sum, url) => sum + (images.get(url)?.tokens ?? 0), 0);
const promptTokens = (messages: readonly ChatCompletionMessageParam[], images: MeasuredImages) =>
  messages.reduce((sum, m) => sum + messageTokens(m, images), REPLY_HEADER_TOKENS);

/** compareConversationObject: same roles and texts, in the same order. */
function sameTurns(a: readonly Turn[], b: readonly Turn[]): boolean {
  return (
    a.length === b.length && a.every((t, i) => t.role === b[i]?.role && t.content === b[i]?.content)
  );
}

type Finish = 'stop' | 'length' | 'abort';

interface StreamPlan {
  model: string;
  /** Tokens read before the first new one (the prefill, or the replay of a resumed reply). */
  readTokens: number;
  tokens: string[];
  maxTokens: number;
  ignoreEos?: boolean;
  startAt?: number;
  /** The journal entry to write as tokens come. */
  journaled?: JournalEntry;
  /** When the request began, and the prefill (or restore) the first token waits for. */
  started: number;
  prefilled: Promise<unknown>;
  /** Called after the last token: how the reply ended and its text. */
  onEnd(finish: Finish, text: string, emitted: number): void;
}

export class ScriptedEngine implements MLCEngineLike {
  private progress: InitProgressCallback | undefined;
  private loadedModel: string | undefined;
  private loadGeneration = 0;
  private interrupted = false;
  private contextWindow = Infinity;
  private modelUrl = '';
  private vramMB = 0;
  private modelType: number | undefined;
  private config: AppConfig | undefined;
  private download: AbortController | undefined;
  private downloading = false;
  /** LLMChatPipeline's conversation after the last reply, the tokens its KV cache holds, and how it ended. */
  private conversation: Turn[] | null = null;
  private filledTokens = 0;
  private lastFinish: Finish | null = null;
  private embedderModel: string | undefined;

  constructor(private readonly options: ScriptedOptions) {}

  /** Like WebLLM, the context window comes from the model record's overrides. */
  setAppConfig(config: AppConfig): void {
    const record = config.model_list[0];
    const size = record?.overrides?.context_window_size;
    this.contextWindow = typeof size === 'number' ? size : Infinity;
    this.modelUrl = record?.model ?? '';
    this.vramMB = record?.vram_required_MB ?? 0;
    this.modelType = record?.model_type;
    this.config = config;
  }

  /** tvmjs fetchTensorCacheInternal's `cacheOnly`: every weight shard is in WebLLM's cache. */
  private async weightsCached(): Promise<boolean> {
    const record = this.config?.model_list[0];
    if (!record || !this.config || typeof indexedDB === 'undefined') return false;
    return (await inspectModelCache(record, this.config)).state === 'complete';
  }

  setInitProgressCallback(callback: InitProgressCallback): void {
    this.progress = callback;
  }

  private resetConversation(): void {
    this.conversation = null;
    this.filledTokens = 0;
    this.lastFinish = null;
  }

  async reload(modelId: string): Promise<void> {
    await this.unload();
    const generation = ++this.loadGeneration;
    const started = performance.now();
    const elapsed = () => Math.round((performance.now() - started) / 100) / 10;
    const stepMs = this.options.loadMs / (FAKE_SHARDS + FAKE_SHADERS);
    if (this.options.fault?.kind === 'oom-on-load' && this.vramMB >= OOM_FROM_MB) {
      await sleep(stepMs * FAKE_SHARDS);
      throw named(
        'DeviceLostError',
        'The WebGPU device was lost while loading the model. This issue often occurs due to running out of memory (OOM).',
      );
    }
    const record = this.config?.model_list[0];
    // Files that can only come from the cache are read from there, as WebLLM reads them.
    if (record && isImportedModelUrl(this.modelUrl)) await readImportedModel(record);
    this.download = new AbortController();
    this.downloading = true;
    try {
      if (this.options.download) {
        await scriptedDownload(this.modelUrl, this.progress, this.download.signal);
      } else {
        // Read from the cache, not fetched: WebLLM says so in other words (and Nook counts the
        // load as one from this device).
        const cached = await this.weightsCached();
        for (let shard = 1; shard <= FAKE_SHARDS; shard++) {
          await sleep(stepMs);
          if (generation !== this.loadGeneration) {
            const url = modelFileUrl(this.modelUrl, `params_shard_${shard - 1}.bin`);
            throw new Error(`Failed to store ${url} with error: ${UNLOAD_REASON}`);
          }
          const fraction = shard / FAKE_SHARDS;
          const megabytes = Math.ceil(fraction * FAKE_MODEL_MB);
          const done = `${Math.floor(fraction * 100)}% completed, ${elapsed()} secs elapsed.`;
          this.progress?.({
            progress: fraction,
            timeElapsed: elapsed(),
            text: cached
              ? `Loading model from cache[${shard}/${FAKE_SHARDS}]: ${megabytes}MB loaded. ${done}`
              : `Fetching param cache[${shard}/${FAKE_SHARDS}]: ${megabytes}MB fetched. ${done}`,
          });
        }
      }
    } finally {
      this.downloading = false;
    }
    // From here on unload() cannot stop the load.
    for (let shader = 1; shader <= FAKE_SHADERS; shader++) {
      await sleep(stepMs);
      this.progress?.({
        progress: shader / FAKE_SHADERS,
        timeElapsed: elapsed(),
        text: `Loading GPU shader modules[${shader}/${FAKE_SHADERS}]: ${Math.floor((shader / FAKE_SHADERS) * 100)}% completed`,
      });
    }
    this.loadedModel = modelId;
    this.resetConversation();
    this.progress?.({
      progress: 1,
      timeElapsed: elapsed(),
      text: 'Finish loading on WebGPU - scripted',
    });
  }

  private requireModel(): string {
    if (this.loadedModel) return this.loadedModel;
    throw named('ModelNotLoadedError', 'Model not loaded before calling chatCompletion().');
  }

  async chatCompletion(
    request: ChatCompletionRequestStreaming,
  ): Promise<AsyncIterable<ChatCompletionChunk>> {
    const model = this.requireModel();
    checkContentParts(request.messages, model, this.modelType);
    checkResponseFormat(request);
    const images = await measureImages(request.messages);
    return this.respond(model, request, images);
  }

  /** MLCEngine.asyncGenerate: the work begins when the stream is first read. */
  private async *respond(
    model: string,
    request: ChatCompletionRequestStreaming,
    images: MeasuredImages,
  ): AsyncGenerator<ChatCompletionChunk> {
    this.interrupted = false;
    const messages = request.messages;
    const history = messages.slice(0, -1).map(turn);
    const last = messages[messages.length - 1];
    if (!last) throw new Error('Messages must not be empty');
    const resumable = request.extra_body?.resumable;
    const journaled = resumable?.enabled === true;
    const reuse =
      !journaled &&
      this.lastFinish !== 'abort' &&
      this.lastFinish !== 'length' &&
      this.conversation !== null &&
      history.length > 0 &&
      sameTurns(this.conversation, history);
    if (!reuse) {
      this.conversation = history;
      this.filledTokens = 0;
    }
    const readTokens = reuse
      ? messageTokens(last, images) + REPLY_HEADER_TOKENS
      : promptTokens(messages, images);
    if (readTokens + this.filledTokens > this.contextWindow) {
      this.resetConversation();
      throw named(
        'ContextWindowSizeExceededError',
        `Prompt tokens exceed context window size: number of prompt tokens: ${readTokens}; context window size: ${this.contextWindow}`,
      );
    }
    const maxTokens = request.max_tokens ?? Infinity;
    // Like WebLLM, ignore_eos runs to max_tokens whatever the reply would have been: a synthetic
    // reply of exactly that many tokens, cut off at the length limit.
    const ignoreEos = request.ignore_eos === true && Number.isFinite(maxTokens);
    const json = wantsJson(request);
    const reply = json
      ? plantedJson(request.response_format?.schema, textOf(last))
      : ignoreEos
        ? syntheticReply(maxTokens)
        : this.options.echo
          ? echoReply(request, images)
          : (this.options.reply ??
            (this.options.tokens ? syntheticReply(this.options.tokens) : defaultReply));
    const tokens = json ? jsonTokens(reply) : splitTokens(reply);
    let entry: JournalEntry | undefined;
    const started = performance.now();
    const prefill = sleep((readTokens / this.options.prefillTokensPerSecond) * 1000);
    if (journaled) {
      const sessionId = resumable.sessionId ?? crypto.randomUUID();
      await prefill;
      if (await journal.get(sessionId)) {
        this.resetConversation();
        throw named(
          'ResumableSessionExistsError',
          `Resumable session already exists: ${sessionId}`,
        );
      }
      entry = {
        sessionId,
        modelId: model,
        messages,
        promptTokens: readTokens,
        tokens,
        emitted: 0,
        state: 'running',
      };
      await journal.save(entry);
    }
    yield* this.stream({
      model,
      readTokens,
      tokens,
      maxTokens,
      ignoreEos,
      ...(entry && { journaled: entry }),
      started,
      prefilled: prefill,
      onEnd: (finish, replyText, emitted) => {
        this.conversation = [...history, turn(last), { role: 'assistant', content: replyText }];
        this.filledTokens += readTokens + emitted;
        this.lastFinish = finish;
      },
    });
  }

  readonly resumable: ResumableBackend = {
    // probeReplayState: any journal that did not finish can be continued.
    list: async (): Promise<ResumeProbeResult[]> =>
      (await journal.list()).map((entry) => ({
        sessionId: entry.sessionId,
        resumable: entry.state !== 'finished',
        modelId: entry.modelId,
        emittedTokens: entry.emitted,
        processedSeqLen: entry.promptTokens + entry.emitted,
        recoveryMode: entry.state === 'finished' ? 'none' : 'token_replay',
      })),
    resume: async (
      sessionId: string,
      options: ResumeChatCompletionOptions,
    ): Promise<ResumeResult | AsyncIterable<ChatCompletionChunk>> => {
      const entry = await journal.get(sessionId);
      if (!entry) throw new Error(`Resumable session not found: ${sessionId}`);
      const recovered: ResumeResult = {
        sessionId,
        recoveredText: entry.tokens.slice(0, entry.emitted).join(''),
        emittedTokens: entry.emitted,
        processedSeqLen: entry.promptTokens + entry.emitted,
        replayedTokens: 0,
        recoveryMode: 'text_only',
      };
      if (!options.continueGeneration || !options.stream) return recovered;
      if (entry.state === 'finished' || this.loadedModel !== entry.modelId) return recovered;
      return this.continueJournaled(entry);
    },
    remove: (sessionId: string) => journal.remove(sessionId),
  };

  /** ResumableGenerationCoordinator.resumeEager + streamContinuation, by token replay. */
  private async *continueJournaled(entry: JournalEntry): AsyncGenerator<ChatCompletionChunk> {
    const history = entry.messages.map(turn);
    this.resetConversation();
    const readTokens = entry.promptTokens + entry.emitted;
    const started = performance.now();
    // The restore replays the prompt and every emitted token before anything new comes…
    await sleep((readTokens / this.options.prefillTokensPerSecond) * 1000);
    // …and only then is the interrupt flag cleared: a Stop during the restore is forgotten.
    this.interrupted = false;
    const resumed = { ...entry, state: 'running' as const };
    yield* this.stream({
      model: entry.modelId,
      readTokens,
      tokens: entry.tokens,
      maxTokens: Infinity,
      startAt: entry.emitted,
      journaled: resumed,
      started,
      prefilled: Promise.resolve(),
      onEnd: (finish, replyText, emitted) => {
        this.conversation = [...history, { role: 'assistant', content: replyText }];
        this.filledTokens = readTokens + emitted;
        this.lastFinish = finish;
      },
    });
  }

  private async *stream({
    model,
    readTokens,
    tokens,
    maxTokens,
    ignoreEos = false,
    startAt = 0,
    journaled,
    started,
    prefilled,
    onEnd,
  }: StreamPlan): AsyncGenerator<ChatCompletionChunk> {
    const chunk = (
      content: string,
      finish: ChatCompletionChunk.Choice['finish_reason'],
    ): ChatCompletionChunk => ({
      id: 'scripted',
      object: 'chat.completion.chunk',
      created: Math.floor(Date.now() / 1000),
      model,
      choices: [
        { index: 0, delta: { role: 'assistant', content }, finish_reason: finish, logprobs: null },
      ],
    });
    await prefilled;
    const firstTokenAt = performance.now();
    const intervalMs = 1000 / this.options.tokensPerSecond;
    const room = this.contextWindow - this.filledTokens - readTokens;
    const limit = Math.min(tokens.length, startAt + maxTokens, startAt + Math.max(room, 1));
    let emitted = startAt;
    // Token records are written in order without holding the stream up (in 'exact' mode WebLLM
    // waits for each, but it reports decode speed without that wait): the stand-in keeps its set
    // speed, and a crash can lose the last few records, as it can with WebLLM's 'relaxed' mode.
    let journalWrites: Promise<void> = Promise.resolve();
    let finish: Finish = ignoreEos || limit < tokens.length ? 'length' : 'stop';
    try {
      // Tokens fall due on a fixed schedule; a late timer emits every token already due, so the
      // average speed holds even when timers are coarse. The first comes with the prefill.
      while (emitted < limit) {
        if (emitted > startAt && this.interrupted) {
          finish = 'abort';
          break;
        }
        const due = firstTokenAt + (emitted - startAt) * intervalMs;
        const wait = due - performance.now();
        if (wait > 1) await sleep(wait);
        if (emitted > startAt && this.interrupted) continue;
        yield chunk(tokens[emitted] ?? '', null);
        emitted++;
        if (journaled) {
          const entry = { ...journaled, emitted };
          journalWrites = journalWrites.then(() => journal.save(entry));
        }
        this.injectFault(emitted - startAt);
      }
    } catch (error) {
      // closeStreamJournal: an engine error ends the journal as aborted, so it stays resumable.
      await journalWrites;
      if (journaled) await journal.save({ ...journaled, emitted, state: 'aborted' });
      this.resetConversation();
      throw error;
    }
    await journalWrites;
    if (journaled) {
      await journal.save({
        ...journaled,
        emitted,
        state: finish === 'abort' ? 'aborted' : 'finished',
      });
    }
    onEnd(finish, tokens.slice(startAt, emitted).join(''), emitted - startAt);
    const finishedAt = performance.now();
    yield chunk('', finish);
    const written = emitted - startAt;
    const prefillS = (firstTokenAt - started) / 1000;
    const decodeS = Math.max(finishedAt - firstTokenAt, 1) / 1000;
    yield {
      ...chunk('', null),
      choices: [],
      usage: {
        prompt_tokens: readTokens,
        completion_tokens: written,
        total_tokens: readTokens + written,
        extra: {
          e2e_latency_s: (finishedAt - started) / 1000,
          prefill_tokens_per_s: readTokens / Math.max(prefillS, 0.001),
          decode_tokens_per_s: Math.max(written - 1, 0) / decodeS,
          time_to_first_token_s: prefillS,
          time_per_output_token_s: decodeS / Math.max(written, 1),
        },
      },
    };
  }

  private injectFault(emitted: number): void {
    const fault = this.options.fault;
    if (fault?.kind !== 'device-lost' && fault?.kind !== 'worker-crash') return;
    if (emitted !== fault.afterTokens) return;
    this.options.fault = null;
    if (fault.kind === 'device-lost') {
      this.loadedModel = undefined;
      throw named('DeviceLostError', 'Device was lost: the GPU stopped responding (simulated).');
    }
    // A crash: an uncaught error reaches the page as the worker's error event, and the worker ends.
    setTimeout(() => {
      throw new Error('Simulated engine worker crash');
    });
    setTimeout(() => self.close(), 10);
  }

  readonly embedder: EmbedderBackend = {
    load: async (record: ModelRecord) => {
      this.embedderModel = record.model_id;
    },
    embed: async (inputs: string[] | number[][]) => {
      if (this.embedderModel === undefined) throw new Error('No embedding model loaded');
      const ids = inputs.map((input) =>
        typeof input === 'string' ? scriptedEncode(input) : input,
      );
      const longest = Math.max(0, ...ids.map((i) => i.length));
      if (longest > EMBEDDING_WINDOW) {
        throw named(
          'EmbeddingExceedContextWindowSizeError',
          `The embedding model you are using only supports up to ${EMBEDDING_WINDOW} context size.However, an input in the batch has size ${longest}.`,
        );
      }
      return ids.map((i) => scriptedEmbedding(scriptedDecode(i)));
    },
    tokenizer: (): LoadedTokenizer | null =>
      this.embedderModel !== undefined && this.options.tokenizer
        ? { encode: scriptedEncode, contextWindow: EMBEDDING_WINDOW }
        : null,
    unload: async () => {
      this.embedderModel = undefined;
    },
  };

  tokenizer(): LoadedTokenizer | null {
    return this.loadedModel !== undefined && this.options.tokenizer
      ? { encode: scriptedEncode, contextWindow: this.contextWindow }
      : null;
  }

  interruptGenerate(): void {
    this.interrupted = true;
  }

  async resetChat(): Promise<void> {
    this.resetConversation();
  }

  /** Only a download can be cancelled (see the header). */
  async unload(): Promise<void> {
    if (this.downloading) {
      this.loadGeneration++;
      this.download?.abort(UNLOAD_REASON);
    }
    this.loadedModel = undefined;
    this.resetConversation();
  }
}
