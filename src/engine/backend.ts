/**
 * The engine the worker drives: WebLLM's MLCEngine in the app, or the scripted stand-in in the test
 * build. The scripted engine's import sits behind a compile-time constant, so the production bundle
 * does not contain it (e2e/bundle.spec.ts checks the built files).
 * Runs inside the worker only.
 */
import { MLCEngine } from '@mlc-ai/web-llm';
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

/** The part of WebLLM's MLCEngineInterface that Nook uses; the scripted engine implements it too. */
export interface EngineBackend {
  readonly kind: 'webllm' | 'scripted';
  setAppConfig(config: AppConfig): void;
  setInitProgressCallback(callback: InitProgressCallback): void;
  reload(modelId: string): Promise<void>;
  chatCompletion(
    request: ChatCompletionRequestStreaming,
  ): Promise<AsyncIterable<ChatCompletionChunk>>;
  interruptGenerate(): void;
  resetChat(): Promise<void>;
  unload(): Promise<void>;
  /** Embeds texts with an embedding model, which lives beside the chat model. */
  embed(record: ModelRecord, texts: string[]): Promise<number[][]>;
  /** Crash-resumable generation (WebLLM 0.2.86+); absent where the engine has none. */
  resumable?: {
    list(): Promise<ResumeProbeResult[]>;
    resume(
      sessionId: string,
      options: ResumeChatCompletionOptions,
    ): Promise<ResumeResult | AsyncIterable<ChatCompletionChunk>>;
    remove(sessionId: string): Promise<void>;
  };
}

class WebLLMBackend implements EngineBackend {
  readonly kind = 'webllm';
  private readonly engine = new MLCEngine({ logLevel: 'WARN' });
  /** A second engine, so embedding a question never unloads the chat model. */
  private embedder: { engine: MLCEngine; modelId: string } | undefined;
  setAppConfig(config: AppConfig) {
    this.engine.setAppConfig(config);
  }
  setInitProgressCallback(callback: InitProgressCallback) {
    this.engine.setInitProgressCallback(callback);
  }
  reload(modelId: string) {
    return this.engine.reload(modelId);
  }
  chatCompletion(request: ChatCompletionRequestStreaming) {
    return this.engine.chatCompletion(request);
  }
  interruptGenerate() {
    this.engine.interruptGenerate();
  }
  resetChat() {
    return this.engine.resetChat();
  }
  unload() {
    return this.engine.unload();
  }
  async embed(record: ModelRecord, texts: string[]) {
    if (this.embedder?.modelId !== record.model_id) {
      const engine = this.embedder?.engine ?? new MLCEngine({ logLevel: 'WARN' });
      engine.setAppConfig({ model_list: [record], cacheBackend: 'indexeddb' });
      await engine.reload(record.model_id);
      this.embedder = { engine, modelId: record.model_id };
    }
    const result = await this.embedder.engine.embeddings.create({
      input: texts,
      model: record.model_id,
    });
    return result.data.map((d) => d.embedding);
  }
  readonly resumable = {
    list: () => this.engine.listResumableSessions(),
    resume: (sessionId: string, options: ResumeChatCompletionOptions) =>
      this.engine.resumeChatCompletion(sessionId, options),
    remove: (sessionId: string) => this.engine.deleteResumableSession(sessionId),
  };
}

export async function createBackend(pageQuery: string): Promise<EngineBackend> {
  if (import.meta.env.MODE === 'e2e') {
    const params = new URLSearchParams(pageQuery);
    // The test build runs the scripted engine unless a test asks for the real WebLLM path.
    if (params.get('engine') !== 'webllm') {
      const { ScriptedEngine, parseScriptedOptions } = await import('./scripted/scriptedEngine');
      return new ScriptedEngine(parseScriptedOptions(params));
    }
  }
  return new WebLLMBackend();
}
