/**
 * WebLLM's engine as Nook's WebLLM backend (webllmBackend.ts) drives it: the part of MLCEngine it
 * uses, implemented by WebLLM's own MLCEngine (createMLCEngine below) in the app, or by the
 * scripted stand-in (scripted/scriptedEngine.ts) in the test build. Both are held to what WebLLM
 * does; the backend relies on nothing else.
 */
import type {
  AppConfig,
  ChatCompletionChunk,
  ChatCompletionRequestStreaming,
  InitProgressCallback,
  ModelRecord,
  ResumeChatCompletionOptions,
  ResumeProbeResult,
  ResumeResult,
} from '@mlc-ai/web-llm';

/** A loaded model's own tokenizer, and how many tokens the model reads at once. */
export interface LoadedTokenizer {
  encode(text: string): ArrayLike<number>;
  contextWindow: number;
}

/** The embedding model, which lives beside the chat model so that a search never unloads it. */
export interface EmbedderBackend {
  /** Loads the model (from WebLLM's cache, downloading it the first time); a no-op when loaded. */
  load(record: ModelRecord): Promise<void>;
  /** WebLLM's embeddings.create: texts or token ids; one input over the window throws. */
  embed(inputs: string[] | number[][]): Promise<number[][]>;
  tokenizer(): LoadedTokenizer | null;
  unload(): Promise<void>;
}

/** Crash-resumable generation (WebLLM 0.2.86+). */
export interface ResumableBackend {
  list(): Promise<ResumeProbeResult[]>;
  resume(
    sessionId: string,
    options: ResumeChatCompletionOptions,
  ): Promise<ResumeResult | AsyncIterable<ChatCompletionChunk>>;
  remove(sessionId: string): Promise<void>;
}

/** The part of WebLLM's MLCEngineInterface that Nook uses. */
export interface MLCEngineLike {
  setAppConfig(config: AppConfig): void;
  setInitProgressCallback(callback: InitProgressCallback): void;
  reload(modelId: string): Promise<void>;
  chatCompletion(
    request: ChatCompletionRequestStreaming,
  ): Promise<AsyncIterable<ChatCompletionChunk>>;
  interruptGenerate(): void;
  resetChat(): Promise<void>;
  unload(): Promise<void>;
  /** The chat model's tokenizer once it is loaded, where the engine lets Nook reach it. */
  tokenizer(): LoadedTokenizer | null;
  readonly embedder: EmbedderBackend;
  /** Absent where the engine has no resumable generation (WebLLM before 0.2.86). */
  readonly resumable?: ResumableBackend;
}
