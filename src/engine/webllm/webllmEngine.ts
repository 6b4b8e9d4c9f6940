/**
 * WebLLM's own MLCEngine as Nook drives it (mlcEngine.ts): one engine for chat and a second one
 * for the embedding model, so searching a document never unloads the chat model. Runs inside the
 * worker.
 */
import { MLCEngine } from '@mlc-ai/web-llm';
import type { ChatCompletionRequestStreaming, ModelRecord } from '@mlc-ai/web-llm';
import type {
  EmbedderBackend,
  LoadedTokenizer,
  MLCEngineLike,
  ResumableBackend,
} from './mlcEngine';
import { appConfigFor } from './webllmCompat';

/**
 * The tokenizer of a model the engine has loaded. MLCEngine keeps it on the model's pipeline
 * (`loadedModelIdToPipeline`, LLMChatPipeline / EmbeddingPipeline `tokenizer` and
 * `contextWindowSize`) without exposing it; reaching it costs nothing, where loading
 * @mlc-ai/web-tokenizers a second time would add 4.7 MB to the worker. Checked by shape, so a
 * WebLLM that moves it makes Nook fall back to its estimate, not fail.
 */
function pipelineTokenizer(engine: MLCEngine, modelId: string | undefined): LoadedTokenizer | null {
  if (modelId === undefined) return null;
  const pipelines = (engine as unknown as { loadedModelIdToPipeline?: unknown })
    .loadedModelIdToPipeline;
  if (!(pipelines instanceof Map)) return null;
  const pipeline = pipelines.get(modelId) as
    { tokenizer?: { encode?: unknown }; contextWindowSize?: unknown } | undefined;
  const tokenizer = pipeline?.tokenizer;
  const contextWindow = pipeline?.contextWindowSize;
  if (typeof tokenizer?.encode !== 'function' || typeof contextWindow !== 'number') return null;
  const encode = tokenizer.encode.bind(tokenizer) as (text: string) => Int32Array;
  return { encode, contextWindow };
}

class WebLLMEmbedder implements EmbedderBackend {
  private engine: MLCEngine | undefined;
  private modelId: string | undefined;

  async load(record: ModelRecord): Promise<void> {
    if (this.modelId === record.model_id) return;
    this.engine ??= new MLCEngine({ logLevel: 'WARN' });
    this.modelId = undefined;
    this.engine.setAppConfig(appConfigFor([record]));
    await this.engine.reload(record.model_id);
    this.modelId = record.model_id;
  }

  async embed(inputs: string[] | number[][]): Promise<number[][]> {
    if (!this.engine || this.modelId === undefined) throw new Error('No embedding model loaded');
    const result = await this.engine.embeddings.create({ input: inputs, model: this.modelId });
    return result.data.map((d) => d.embedding);
  }

  tokenizer(): LoadedTokenizer | null {
    return this.engine ? pipelineTokenizer(this.engine, this.modelId) : null;
  }

  async unload(): Promise<void> {
    this.modelId = undefined;
    await this.engine?.unload();
  }
}

class RealMLCEngine implements MLCEngineLike {
  private readonly engine = new MLCEngine({ logLevel: 'WARN' });
  private loadedModelId: string | undefined;
  readonly embedder = new WebLLMEmbedder();
  readonly resumable: ResumableBackend | undefined;

  constructor() {
    const engine = this.engine as Partial<MLCEngine>;
    // Resumable generation arrived in WebLLM 0.2.86; before that these methods do not exist.
    this.resumable =
      typeof engine.listResumableSessions === 'function' &&
      typeof engine.resumeChatCompletion === 'function' &&
      typeof engine.deleteResumableSession === 'function'
        ? {
            list: () => this.engine.listResumableSessions(),
            resume: (sessionId, options) => this.engine.resumeChatCompletion(sessionId, options),
            remove: (sessionId) => this.engine.deleteResumableSession(sessionId),
          }
        : undefined;
  }

  setAppConfig(config: Parameters<MLCEngine['setAppConfig']>[0]) {
    this.engine.setAppConfig(config);
  }
  setInitProgressCallback(callback: Parameters<MLCEngine['setInitProgressCallback']>[0]) {
    this.engine.setInitProgressCallback(callback);
  }
  async reload(modelId: string) {
    this.loadedModelId = undefined;
    await this.engine.reload(modelId);
    this.loadedModelId = modelId;
  }
  chatCompletion(request: ChatCompletionRequestStreaming) {
    return this.engine.chatCompletion(request);
  }
  interruptGenerate() {
    void this.engine.interruptGenerate();
  }
  resetChat() {
    return this.engine.resetChat();
  }
  unload() {
    this.loadedModelId = undefined;
    return this.engine.unload();
  }
  tokenizer() {
    return pipelineTokenizer(this.engine, this.loadedModelId);
  }
}

/** WebLLM's own MLCEngine (one for chat, one for the embedding model). */
export function createMLCEngine(): MLCEngineLike {
  return new RealMLCEngine();
}
