/**
 * The message protocol between the UI thread (client.ts) and the engine worker (engine.worker.ts).
 * Discriminated unions both ways; every request carries an id, every answer names the id it answers.
 * Type-only imports from WebLLM: this module is shared by both threads and must stay tiny.
 */
import type { InitProgressReport, ModelRecord } from '@mlc-ai/web-llm';
import type { EngineError } from './errors';
import type { CacheInfo } from './modelCache';

export type ChatRole = 'system' | 'user' | 'assistant';

export interface ChatMessage {
  role: ChatRole;
  content: string;
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

/** Usage as WebLLM reports it in the last chunk of a stream, renamed to our conventions. */
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
   * The request extended the conversation the engine already held, so WebLLM read only the new
   * message (usage.promptTokens counts just those tokens).
   */
  reusedCache: boolean;
}

export interface LoadResult {
  modelId: string;
  /** Wall time of the load inside the worker. */
  loadTimeS: number;
}

/** What each request resolves to; the client's `call` is typed by this map. */
export interface ResultMap {
  init: { backend: 'webllm' | 'scripted' };
  /** The heartbeat: a worker that stops answering is dead. */
  ping: null;
  catalog: ModelRecord[];
  load: LoadResult;
  chat: ChatResult;
  /**
   * One vector per text, from an embedding model (loaded from the cache on first use). Texts longer
   * than the model's window are cut to fit it.
   */
  embed: number[][];
  /** Frees the embedding model's GPU memory. */
  'unload-embedder': null;
  /** Token counts by the loaded model's own tokenizer; null when that model's tokenizer is not loaded. */
  'count-tokens': number[] | null;
  /** null when the engine has nothing to resume under that id. */
  resume: ChatResult | null;
  reset: null;
  unload: null;
  'cache-status': Record<string, CacheInfo>;
  'cache-delete': null;
}

export type WorkerRequest =
  /** Sent once. `pageQuery` is the page's query string: only the test build reads it. */
  | { type: 'init'; id: number; pageQuery: string }
  | { type: 'ping'; id: number }
  | { type: 'catalog'; id: number }
  | { type: 'load'; id: number; record: ModelRecord }
  | { type: 'chat'; id: number; request: ChatRequest }
  | { type: 'resume'; id: number; sessionId: string }
  | { type: 'embed'; id: number; record: ModelRecord; texts: string[] }
  | { type: 'unload-embedder'; id: number }
  | { type: 'count-tokens'; id: number; modelId: string; texts: string[] }
  | { type: 'reset'; id: number }
  | { type: 'unload'; id: number }
  | { type: 'cache-status'; id: number; records: ModelRecord[] }
  | { type: 'cache-delete'; id: number; record: ModelRecord }
  /** Abort request `target`: a load is cancelled (engine.unload), a chat interrupted. */
  | { type: 'abort'; target: number };

export type RequestType = Exclude<WorkerRequest['type'], 'abort'>;

export type WorkerResponse =
  | { type: 'progress'; id: number; report: InitProgressReport }
  /** A batch of streamed text; `tokens` counts the chunks it holds (one per decoded token). */
  | { type: 'tokens'; id: number; text: string; tokens: number }
  /** Resuming: the reply as the engine's journal recovered it, before new tokens follow. */
  | { type: 'recovered'; id: number; text: string }
  | { type: 'result'; id: number; value: ResultMap[RequestType] }
  | { type: 'error'; id: number; error: EngineError };
