/**
 * The seam between the engine worker's host (host.ts) and an engine: WebLLM (webllm/) or
 * llama.cpp through wllama (llamacpp/). The host runs requests one at a time, routes them to the
 * engine that holds the loaded model, batches streamed text and answers the page; a backend does
 * what its engine needs to keep Nook's promises (what a Stop leaves, when the KV cache is reused,
 * what a cancelled download leaves behind). Types only.
 */
import type {
  CacheInfo,
  ChatRequest,
  ChatResult,
  FolderFile,
  LoadProgress,
  StoredFolder,
  StructuredRequest,
  StructuredResult,
} from './protocol';
import type { EngineKind, EngineModel } from '../models/engineModel';

export interface LoadContext {
  /** Tripped by Cancel: the load stops, and leaves no model loaded and nothing half-stored. */
  signal: AbortSignal;
  progress(progress: LoadProgress): void;
}

export interface StreamContext {
  /** Tripped by Stop: the reply ends with what came, finishReason "abort". */
  signal: AbortSignal;
  /** One decoded token's text, as it comes. */
  token(text: string): void;
}

export interface ResumeContext extends StreamContext {
  /** The reply as the engine's journal recovered it, before new tokens follow. */
  recovered(text: string): void;
}

export interface Backend {
  readonly engine: EngineKind;
  /** Loads the model (downloading it the first time); resolves with where it runs, in words. */
  load(model: EngineModel, context: LoadContext): Promise<{ device: string }>;
  /** Streams a reply from the loaded model. */
  chat(request: ChatRequest, context: StreamContext): Promise<ChatResult>;
  /**
   * A reply the engine holds to a JSON schema while it generates; it forgets the conversation it
   * held (the next chat request is read in full).
   */
  structured(request: StructuredRequest, context: StreamContext): Promise<StructuredResult>;
  /** Continues a journaled reply; null when the engine has nothing to resume. */
  resume(sessionId: string, context: ResumeContext): Promise<ChatResult | null>;
  /** Forgets the conversation the engine holds (the next request is read in full). */
  reset(): Promise<void>;
  unload(): Promise<void>;
  /** Counts by the loaded model's own tokenizer, where the engine lets Nook reach it. */
  countTokens(texts: string[]): number[] | null;
  cacheStatus(models: EngineModel[]): Promise<Record<string, CacheInfo>>;
  deleteCache(model: EngineModel): Promise<void>;
  /**
   * Checks a model file chosen on this computer and stores it as the model's, as if downloaded;
   * only engines whose models are single files can (llama.cpp).
   */
  storeFile?(model: EngineModel, file: Blob, signal: AbortSignal): Promise<CacheInfo>;
  /**
   * Checks a model folder chosen on this computer and stores it as the model's, as if
   * downloaded; only engines whose models are folders can (WebLLM).
   */
  storeFolder?(
    model: EngineModel,
    files: FolderFile[],
    context: LoadContext,
  ): Promise<StoredFolder>;
}
