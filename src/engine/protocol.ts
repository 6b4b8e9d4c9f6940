/**
 * The requests the UI thread (client.ts) makes of the engine worker (engine.worker.ts, host.ts),
 * as one table; the wire format is the workers' own (src/workers/wire.ts). Everything here is the
 * same for both engines, WebLLM and llama.cpp, but for the model records each loads.
 * Type-only imports from WebLLM: this module is shared by both threads and must stay tiny.
 */
import type { ModelRecord } from '@mlc-ai/web-llm';
import type { GpuCapabilities } from '../models/capabilities';
import type { EngineModel, GgufModel, WebLLMModel } from '../models/engineModel';
import type { RequestSpec } from '../workers/wire';

export type LoadPhase =
  | 'starting'
  | 'downloading'
  /** Copying a model chosen on this computer into the engine's store. */
  | 'storing'
  | 'reading-cache'
  | 'compiling-shaders'
  | 'ready';

/** A load's progress, in phases a person understands, whichever engine loads. */
export interface LoadProgress {
  phase: LoadPhase;
  /** 0..1 within the phase. */
  fraction: number;
  /** Megabytes (MiB) fetched or read so far, when known. */
  megabytes: number | null;
  elapsedS: number;
  text: string;
}

/** What of a model is on this device. */
export interface CacheInfo {
  /** partial: a download stopped midway (or the cache is damaged): offer Repair. */
  state: 'complete' | 'partial' | 'absent';
  /** Bytes of the model's weights on this device. */
  bytes: number;
}

export type ChatRole = 'system' | 'user' | 'assistant';

/**
 * An image a user message carries: its stored bytes (a Blob clones to the worker without a copy)
 * and the size it was scaled to. `id` names the bytes (their SHA-256), so the worker can tell the
 * same image from another without reading it.
 */
export interface ChatImage {
  id: string;
  blob: Blob;
  width: number;
  height: number;
}

export interface ChatMessage {
  role: ChatRole;
  content: string;
  /** User messages only, for a model that can see (catalog entry `vision`). */
  images?: readonly ChatImage[];
}

export interface GenerationOptions {
  temperature?: number;
  top_p?: number;
  max_tokens?: number;
  repetition_penalty?: number;
  /** Reasoning models that can switch thinking off (Qwen3). */
  enable_thinking?: boolean;
  /**
   * Ignore the stop token and stop strings and generate exactly `max_tokens` tokens (WebLLM's
   * request field of that name). For benchmarks: a fixed amount of work whatever the model says.
   */
  ignore_eos?: boolean;
}

/**
 * Where WebLLM offers crash-resumable generation, a reply may be journaled under `sessionId`, so a
 * reply cut off by a crash or a closed tab can be resumed (see 'resume'). The worker journals only
 * a request that WebLLM prefills from scratch anyway: a journaled request never reuses the KV cache
 * (ResumableGenerationCoordinator.prefillGeneration passes reuseKVCache: false), so journaling a
 * follow-up turn would make it read the whole chat again. Journals other than those in `keep`
 * (replies still waiting to be continued) are left over from earlier replies and are deleted.
 */
export interface JournalRequest {
  sessionId: string;
  keep: readonly string[];
}

export interface ChatRequest {
  messages: ChatMessage[];
  options?: GenerationOptions;
  journal?: JournalRequest;
}

/** A JSON Schema, as plain data (it crosses to the worker and is sent on to the engine). */
export type JsonSchema = { readonly [key: string]: unknown };

/**
 * A reply the engine constrains, token by token, to JSON that `schema` accepts: WebLLM compiles
 * it with xgrammar (response_format json_object + schema), llama.cpp turns it into a GBNF grammar
 * (json_schema_to_grammar). A one-off request: it never journals, and it leaves no conversation
 * for the next chat request to extend.
 */
export interface StructuredRequest {
  messages: ChatMessage[];
  schema: JsonSchema;
  options?: GenerationOptions;
}

export interface StructuredResult {
  /** The reply's text: JSON the schema accepts, unless it was stopped or cut at the length limit. */
  text: string;
  finishReason: FinishReason;
  usage?: EngineUsage;
}

/** Usage as the engine reports it at the end of a stream, renamed to our conventions. */
export interface EngineUsage {
  promptTokens: number;
  completionTokens: number;
  timeToFirstTokenS: number;
  prefillTokensPerS: number;
  decodeTokensPerS: number;
  e2eLatencyS: number;
}

export type FinishReason = 'stop' | 'length' | 'abort';

export interface ChatResult {
  finishReason: FinishReason;
  usage?: EngineUsage;
  /**
   * The request extended what the engine already held in its KV cache, so it read only the new
   * tokens (usage.promptTokens counts just those).
   */
  reusedCache: boolean;
}

export interface LoadResult {
  modelId: string;
  /** Wall time of the load inside the worker. */
  loadTimeS: number;
  /** Where it runs, in words: "WebGPU", "CPU · 2 threads". */
  device: string;
}

/** A request's parameters and result (types only), and whether it waits for the engine's queue. */
interface EngineRequestSpec<P, R> {
  /** Engine work runs one request at a time, in order; the rest is answered at once. */
  queued: boolean;
  types?: { params: P; result: R };
}

/** A request that sends nothing but its type and id. */
type NoParams = Record<never, never>;

const spec = <P, R>(queued: boolean): EngineRequestSpec<P, R> => ({ queued });

/**
 * Every request the UI thread can make of the engine worker: what it sends, what it resolves to,
 * and whether it takes its turn in the engine's queue. The message types, the client's `call`
 * methods and the host's handler table all follow from it: a new request is a line here and its
 * handler in host.ts (which the compiler then asks for).
 */
export const REQUESTS = {
  /** Sent once. `pageQuery` is the page's query string: only the test build reads it. */
  init: spec<{ pageQuery: string }, null>(false),
  /** The heartbeat: a worker that stops answering is dead. */
  ping: spec<NoParams | undefined, null>(false),
  /** What WebGPU offers here, asked where the engines use it (engine/gpuProbe.ts says why). */
  probeGpu: spec<NoParams, GpuCapabilities>(false),
  /** Loads a model of either engine, unloading whatever model either engine held. */
  load: spec<{ model: EngineModel }, LoadResult>(true),
  /** Streams a reply; aborting interrupts generation and resolves with finishReason "abort". */
  chat: spec<ChatRequest, ChatResult>(true),
  /** A reply held to a JSON schema as it is generated; aborting ends it with finishReason "abort". */
  structured: spec<StructuredRequest, StructuredResult>(true),
  /** Continues a journaled reply (see ChatRequest.journal); null when there is none to resume. */
  resume: spec<{ sessionId: string }, ChatResult | null>(true),
  /**
   * One vector per text, from one of WebLLM's embedding models (loaded from the cache on first
   * use). Texts longer than the model's window are cut to fit it.
   */
  embed: spec<{ record: ModelRecord; texts: string[] }, number[][]>(true),
  /** Frees the embedding model's GPU memory. */
  unloadEmbedder: spec<NoParams, null>(true),
  /** Counts by `modelId`'s own tokenizer while it is loaded; null otherwise. */
  countTokens: spec<{ modelId: string; texts: string[] }, number[] | null>(false),
  reset: spec<NoParams, null>(true),
  unload: spec<NoParams, null>(true),
  /** What of each model is on this device, by model id. */
  cacheStatus: spec<{ models: EngineModel[] }, Record<string, CacheInfo>>(false),
  cacheDelete: spec<{ model: EngineModel }, null>(true),
  /** Stores a GGUF file chosen on this computer as the model's, once it is checked. */
  storeModelFile: spec<{ model: GgufModel; file: File }, CacheInfo>(false),
  /**
   * Checks an MLC model folder chosen on this computer and stores it in WebLLM's cache as the
   * model's (under its made-up URLs, models/importedModel.ts); reports progress as it copies.
   */
  storeModelFolder: spec<{ model: WebLLMModel; files: FolderFile[] }, StoredFolder>(false),
} satisfies Record<string, EngineRequestSpec<unknown, unknown>>;

export type RequestType = keyof typeof REQUESTS;
type TypesOf<K extends RequestType> = NonNullable<(typeof REQUESTS)[K]['types']>;
export type Params<K extends RequestType> = TypesOf<K>['params'];
export type Result<K extends RequestType> = TypesOf<K>['result'];

/** A file of a chosen folder, by its path inside the folder. */
export interface FolderFile {
  path: string;
  file: File;
}

/** What a stored folder gave: its bytes, and its config's context window where it says. */
export interface StoredFolder {
  bytes: number;
  contextWindow?: number;
}

/** What the worker reports while a request runs. */
export type EngineEvent =
  /** Loading: how far it is. */
  | { type: 'progress'; progress: LoadProgress }
  /** A batch of streamed text; `tokens` counts the chunks it holds (one per decoded token). */
  | { type: 'tokens'; text: string; tokens: number }
  /** Resuming: the reply as the engine's journal recovered it, before new tokens follow. */
  | { type: 'recovered'; text: string };

/** The table as the workers' bridge takes it. */
export type EngineRequests = {
  [K in RequestType]: RequestSpec<Params<K>, Result<K>, EngineEvent>;
};
