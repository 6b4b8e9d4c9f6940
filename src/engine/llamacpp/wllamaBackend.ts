/**
 * Nook's llama.cpp backend: GGUF models run by llama.cpp compiled to WebAssembly (wllama 3, whose
 * worker this worker starts), on WebGPU where llama.cpp can use it and on the CPU otherwise.
 * What it relies on, as read in wllama's src/ and llama.cpp's server context:
 * - Wllama.loadModel() resolves even for a file llama.cpp could not load; the reason is only in
 *   its log, and the first request then aborts the engine. So the header is read first
 *   (ggufHeader.ts), and a load that left no vocabulary is failed with the log's own words.
 * - One slot (n_parallel 1) keeps the prompt cache (llama-server's cache_prompt, on by default)
 *   for the next request: a follow-up that starts with the same tokens reads only the new ones,
 *   and its final chunk's `timings` say how many were read (prompt_n) and reused (cache_n).
 * - A request's abortSignal makes the stream throw WllamaAbortError at the next token
 *   (Wllama.getResponse); the slot is released and keeps what was processed, and the next request
 *   works.
 * - A JSON schema is sent as a GBNF grammar of Nook's own writing (see structured()).
 * - reasoning_format "none" keeps a thinking model's <think> in the text, as WebLLM does.
 * - The wasm is Nook's own copy (served and precached with the app); wllama's CDN fallback for
 *   browsers without JSPI or Memory64 is turned off, and those browsers are told so.
 * Runs inside the engine worker. Must not import the store or any view.
 */
import {
  Wllama,
  WllamaAbortError,
  WllamaError,
  type ChatCompletionChunk,
  type ChatCompletionParams,
  type WllamaLogger,
} from '@wllama/wllama';
import wasmUrl from '@wllama/wllama/esm/wasm/wllama.wasm?url';
import type { Backend, LoadContext, StreamContext } from '../backend';
import { EngineFailure, type EngineError } from '../errors';
import type {
  CacheInfo,
  ChatRequest,
  ChatResult,
  EngineUsage,
  FinishReason,
  LoadProgress,
  StructuredRequest,
  StructuredResult,
} from '../protocol';
import type { EngineModel, GgufModel } from '../../models/engineModel';
import { readGgufHeader, type GgufProblem } from './ggufHeader';
import { jsonSchemaToGrammar } from './jsonSchemaGrammar';
import { deleteModel, downloadModel, modelStatus, saveModel, storedModel } from './ggufStore';

const MIB = 1024 * 1024;
/** The engine's log lines kept to explain a failure. */
const LOG_LINES = 200;
/** Threads llama.cpp decodes with at most; more rarely helps a small model. */
const MAX_THREADS = 8;

const cancelled = () => new EngineFailure({ code: 'aborted', detail: 'Cancelled' });

function ggufModelOf(model: EngineModel): GgufModel {
  if (model.engine !== 'llamacpp') throw new Error(`llama.cpp cannot load a ${model.engine} model`);
  return model;
}

/** wllama's default build needs JSPI and Memory64 (utils.needCompat); without them, no llama.cpp. */
function browserSupported(): boolean {
  if (typeof (WebAssembly as { Suspending?: unknown }).Suspending !== 'function') return false;
  try {
    new WebAssembly.Memory({
      address: 'i64',
      initial: 1n,
    } as unknown as WebAssembly.MemoryDescriptor);
    return true;
  } catch {
    return false;
  }
}

/** llama.cpp's WebGPU backend needs shader-f16; without it, it runs on the CPU. */
async function gpuCanRun(): Promise<boolean> {
  const gpu = (navigator as Navigator & { gpu?: GPU }).gpu;
  const adapter = await gpu?.requestAdapter().catch(() => null);
  return adapter?.features.has('shader-f16') ?? false;
}

function problemError(problem: GgufProblem, name: string): EngineError {
  switch (problem.kind) {
    case 'not-gguf':
      return {
        code: 'model-file-invalid',
        detail: `${name} is not a GGUF model file (it begins "${problem.start}").`,
      };
    case 'unsupported-version':
      return {
        code: 'model-unsupported',
        detail: `${name} is GGUF version ${problem.version}, which llama.cpp does not read.`,
      };
    case 'truncated':
      return {
        code: 'model-file-invalid',
        detail:
          problem.expectedBytes === null
            ? `${name} is cut off inside its header (${problem.bytes} bytes).`
            : `${name} is incomplete: ${problem.bytes} of ${problem.expectedBytes} bytes.`,
      };
  }
}

/** Why llama.cpp could not load a model, from its log, in a sentence. */
function loadError(log: readonly string[]): EngineError {
  const line = (pattern: RegExp) => log.map((l) => pattern.exec(l)).find(Boolean);
  const architecture = line(/unknown model architecture: '([^']*)'/);
  if (architecture) {
    return {
      code: 'model-unsupported',
      detail: `This model's architecture, "${architecture[1]}", is one llama.cpp does not know.`,
    };
  }
  const memory = line(/out of memory|failed to allocate|cannot allocate|OOM/i);
  if (memory) return { code: 'out-of-memory', detail: memory.input.trim() };
  const damaged = line(/invalid magic|not within the file bounds|error loading model/i);
  return {
    code: 'model-file-invalid',
    detail: `llama.cpp could not load the model file${damaged ? `: ${damaged.input.replace(/^\w+: /, '').trim()}` : '.'}`,
  };
}

/** What a failed request means: too long for the context, out of memory, or a crashed engine. */
function requestError(error: unknown, log: readonly string[]): EngineFailure {
  const detail = error instanceof Error ? error.message : String(error);
  if (/exceeds the available context size|context size/i.test(detail)) {
    return new EngineFailure({ code: 'context-window-exceeded', detail });
  }
  if (error instanceof WllamaError && error.type === 'model_not_loaded') {
    return new EngineFailure({ code: 'model-not-loaded', detail });
  }
  const memory = log.find((l) => /out of memory|failed to allocate|OOM/i.test(l));
  if (/OOM|out of memory|allocate/i.test(detail) || memory) {
    return new EngineFailure({ code: 'out-of-memory', detail: memory ?? detail });
  }
  // The WebAssembly instance aborted (WllamaRuntimeError): the model must be loaded again.
  return new EngineFailure({ code: 'engine-crashed', detail: detail || 'llama.cpp stopped' });
}

interface ResultTimings {
  cache_n: number;
  prompt_n: number;
  prompt_ms: number;
  prompt_per_second: number;
  predicted_n: number;
  predicted_ms: number;
  predicted_per_second: number;
}

function toUsage(timings: ResultTimings): EngineUsage {
  return {
    promptTokens: timings.prompt_n,
    completionTokens: timings.predicted_n,
    timeToFirstTokenS: timings.prompt_ms / 1000,
    prefillTokensPerS: timings.prompt_per_second,
    decodeTokensPerS: timings.predicted_per_second,
    e2eLatencyS: (timings.prompt_ms + timings.predicted_ms) / 1000,
  };
}

function toFinishReason(reason: string | null | undefined): FinishReason {
  return reason === 'length' ? 'length' : 'stop';
}

export class WllamaBackend implements Backend {
  readonly engine = 'llamacpp';
  private wllama: Wllama | undefined;
  /** The next request reads its whole prompt again (after reset()). */
  private freshPrompt = false;
  private readonly log: string[] = [];
  private readonly logger: WllamaLogger;

  /** `options` (the test build's page query): llama_threads=N, llama_gpu=0. */
  constructor(private readonly options: URLSearchParams = new URLSearchParams()) {
    const keep =
      (level: string) =>
      (...args: unknown[]) => {
        this.log.push(`${level}: ${args.map(String).join(' ')}`);
        if (this.log.length > LOG_LINES) this.log.shift();
      };
    this.logger = {
      debug: keep('debug'),
      log: keep('log'),
      warn: keep('warn'),
      error: (...args: unknown[]) => {
        keep('error')(...args);
        console.error('llama.cpp:', ...args);
      },
    };
  }

  private threads(): number {
    const asked = Number(this.options.get('llama_threads'));
    if (asked > 0) return asked;
    // Several threads need SharedArrayBuffer, which needs a cross-origin isolated page.
    if (!self.crossOriginIsolated) return 1;
    return Math.max(1, Math.min(MAX_THREADS, Math.floor(navigator.hardwareConcurrency / 2)));
  }

  async load(model: EngineModel, { signal, progress }: LoadContext): Promise<{ device: string }> {
    const gguf = ggufModelOf(model);
    await this.unload();
    if (!browserSupported()) {
      throw new EngineFailure({
        code: 'engine-unsupported',
        detail: 'This browser lacks WebAssembly JSPI or Memory64, which llama.cpp needs here.',
      });
    }
    const started = performance.now();
    const report = (p: Omit<LoadProgress, 'elapsedS'>) =>
      progress({ ...p, elapsedS: (performance.now() - started) / 1000 });
    let file = await storedModel(gguf.id);
    if (!file) {
      if (!gguf.url) {
        throw new EngineFailure({
          code: 'model-file-invalid',
          detail: 'The model file is no longer on this device. Choose it again.',
        });
      }
      file = await downloadModel(
        { ...gguf, url: gguf.url },
        signal,
        ({ loadedBytes, totalBytes }) =>
          report({
            phase: 'downloading',
            fraction: totalBytes ? loadedBytes / totalBytes : 0,
            megabytes: loadedBytes / MIB,
            text: `Downloading ${(loadedBytes / MIB).toFixed(1)} MB`,
          }),
      );
    }
    report({
      phase: 'reading-cache',
      fraction: 0,
      megabytes: file.size / MIB,
      text: 'Starting llama.cpp',
    });
    const header = await readGgufHeader(file);
    if (!header.ok) return this.refuse(gguf.id, problemError(header.problem, 'The model file'));
    if (signal.aborted) throw cancelled();

    const gpu = this.options.get('llama_gpu') !== '0' && (await gpuCanRun());
    const contextWindow = Math.min(gguf.contextWindow, header.header.contextLength ?? Infinity);
    const wllama = new Wllama({ default: wasmUrl }, { logger: this.logger });
    // Never fetch a compat build from a CDN: browsers that need one are refused above.
    wllama.setCompat(null);
    this.wllama = wllama;
    this.log.length = 0;
    const onAbort = () => void wllama.exit();
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      await wllama.loadModel([file], {
        n_ctx: contextWindow,
        n_threads: this.threads(),
        n_parallel: 1,
        n_gpu_layers: gpu ? 999 : 0,
        reasoning_format: 'none',
      });
    } catch (error) {
      this.wllama = undefined;
      if (signal.aborted) throw cancelled();
      await wllama.exit().catch(() => undefined);
      return this.refuse(gguf.id, loadError([...this.log, String(error)]));
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
    if (signal.aborted) {
      await this.unload();
      throw cancelled();
    }
    if (!(wllama.getLoadedContextInfo().n_vocab > 0)) {
      const failure = loadError(this.log);
      await this.unload();
      return this.refuse(gguf.id, failure);
    }
    report({ phase: 'ready', fraction: 1, megabytes: file.size / MIB, text: 'Ready' });
    const offloaded = this.log.some((line) => /offloaded [1-9]\d*\/\d+ layers to GPU/.test(line));
    const threads = wllama.getNumThreads();
    return { device: offloaded ? 'WebGPU' : `CPU · ${threads} thread${threads === 1 ? '' : 's'}` };
  }

  /** A file llama.cpp cannot use is not kept: it would only fail again, and take room. */
  private async refuse(id: string, error: EngineError): Promise<never> {
    if (error.code !== 'out-of-memory') await deleteModel(id);
    throw new EngineFailure(error);
  }

  private loaded(): Wllama {
    if (!this.wllama?.isModelLoaded()) {
      throw new EngineFailure({ code: 'model-not-loaded', detail: 'No GGUF model is loaded' });
    }
    return this.wllama;
  }

  async chat(request: ChatRequest, context: StreamContext): Promise<ChatResult> {
    const { finishReason, timings } = await this.generate(request, {}, context);
    return {
      finishReason,
      reusedCache: (timings?.cache_n ?? 0) > 0,
      ...(timings && { usage: toUsage(timings) }),
    };
  }

  /**
   * A reply held to a JSON schema, sent as a GBNF grammar Nook writes (jsonSchemaToGrammar).
   * llama.cpp's server would take the schema in response_format (oaicompat_chat_params_parse in
   * tools/server/server-common.cpp) and convert it itself, but on the chat path this build wraps
   * the result in the template's generation prompt and fails to start the sampler (see
   * jsonSchemaGrammar.ts); a `grammar` (a SamplingParams field in wllama) is used as it is. The
   * grammar is a sampler: the prompt cache (cache_prompt) is reused by tokens whatever it is.
   */
  async structured(request: StructuredRequest, context: StreamContext): Promise<StructuredResult> {
    let text = '';
    const { finishReason, timings } = await this.generate(
      request,
      { grammar: jsonSchemaToGrammar(request.schema) },
      { signal: context.signal, token: (delta) => ((text += delta), context.token(delta)) },
    );
    return { text, finishReason, ...(timings && { usage: toUsage(timings) }) };
  }

  /** Streams one request: Nook's messages and options as wllama's OpenAI-style parameters. */
  private async generate(
    request: ChatRequest | StructuredRequest,
    format: Pick<ChatCompletionParams, 'grammar'>,
    { signal, token }: StreamContext,
  ): Promise<{ finishReason: FinishReason; timings?: ResultTimings }> {
    const wllama = this.loaded();
    const { enable_thinking, repetition_penalty, ...sampling } = request.options ?? {};
    const params = {
      // llama.cpp runs GGUF models as text models here: images are not sent to it.
      messages: request.messages.map(({ role, content }) => ({ role, content })),
      ...sampling,
      ...(repetition_penalty !== undefined && { repeat_penalty: repetition_penalty }),
      ...(enable_thinking !== undefined && { chat_template_kwargs: { enable_thinking } }),
      ...format,
      cache_prompt: !this.freshPrompt,
      stream: true,
      stream_options: { include_usage: true },
      abortSignal: signal,
    } as ChatCompletionParams & { stream: true };
    this.freshPrompt = false;
    let finishReason: FinishReason = 'stop';
    let timings: ResultTimings | undefined;
    try {
      const stream = await wllama.createChatCompletion(params);
      for await (const chunk of stream as AsyncIterable<ChatCompletionChunk>) {
        const choice = chunk.choices[0];
        const delta = choice?.delta.content;
        if (delta) token(delta);
        if (choice?.finish_reason) finishReason = toFinishReason(choice.finish_reason);
        if (chunk.timings) timings = chunk.timings;
      }
    } catch (error) {
      if (signal.aborted || error instanceof WllamaAbortError) return { finishReason: 'abort' };
      const failure = requestError(error, this.log);
      if (failure.code === 'engine-crashed' || failure.code === 'out-of-memory') {
        await this.unload();
      }
      throw failure;
    }
    return { finishReason, ...(timings && { timings }) };
  }

  async resume(): Promise<null> {
    // llama.cpp keeps no journal of a reply: a cut-off reply is continued by asking again.
    return null;
  }

  async reset(): Promise<void> {
    this.freshPrompt = true;
  }

  async unload(): Promise<void> {
    const wllama = this.wllama;
    this.wllama = undefined;
    await wllama?.exit();
  }

  countTokens(): null {
    // wllama 3 offers no tokenizer call: Nook counts with its calibrated estimate.
    return null;
  }

  async cacheStatus(models: EngineModel[]): Promise<Record<string, CacheInfo>> {
    const entries = await Promise.all(
      models.map(ggufModelOf).map(async (m) => [m.id, await modelStatus(m)] as const),
    );
    return Object.fromEntries(entries);
  }

  async deleteCache(model: EngineModel): Promise<void> {
    await deleteModel(ggufModelOf(model).id);
  }

  /** A file that is not a whole GGUF is refused before anything is written. */
  async storeFile(model: EngineModel, file: Blob, signal: AbortSignal): Promise<CacheInfo> {
    const { id } = ggufModelOf(model);
    const header = await readGgufHeader(file);
    if (!header.ok) throw new EngineFailure(problemError(header.problem, 'The chosen file'));
    if (signal.aborted) throw cancelled();
    const stored = await saveModel(id, file, signal);
    return { state: 'complete', bytes: stored.size };
  }
}
