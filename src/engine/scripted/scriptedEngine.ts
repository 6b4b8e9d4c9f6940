/**
 * TEST BUILD ONLY. A stand-in for WebLLM's MLCEngine that lives inside the real engine worker and
 * speaks the same API: progress reports in WebLLM's wording during a fake download, a streamed reply
 * at a set speed, interruption, and usage figures measured the way WebLLM measures them.
 * Controlled by the page's query string (see parseScriptedOptions). Never imported by the app build.
 */
import type {
  AppConfig,
  ChatCompletionChunk,
  ChatCompletionRequestStreaming,
  InitProgressCallback,
} from '@mlc-ai/web-llm';
import type { EngineBackend } from '../backend';
import { defaultReply, echoReply, splitTokens, syntheticReply } from './replies';
import { scriptedDownload } from './scriptedDownload';

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
}

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
  };
}

const FAKE_MODEL_MB = 600;
const FAKE_SHARDS = 20;
const FAKE_SHADERS = 8;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class ScriptedEngine implements EngineBackend {
  readonly kind = 'scripted';
  private progress: InitProgressCallback | undefined;
  private loadedModel: string | undefined;
  private loadGeneration = 0;
  private interrupted = false;
  private contextWindow = Infinity;
  private modelUrl = '';
  private download: AbortController | undefined;

  constructor(private readonly options: ScriptedOptions) {}

  /** Like WebLLM, the context window comes from the model record's overrides. */
  setAppConfig(config: AppConfig): void {
    const record = config.model_list[0];
    const size = record?.overrides?.context_window_size;
    this.contextWindow = typeof size === 'number' ? size : Infinity;
    this.modelUrl = record?.model ?? '';
  }

  setInitProgressCallback(callback: InitProgressCallback): void {
    this.progress = callback;
  }

  /** Reports a download, then shader compilation, in WebLLM's words; unload() cancels it quietly. */
  async reload(modelId: string): Promise<void> {
    const generation = ++this.loadGeneration;
    this.loadedModel = undefined;
    const started = performance.now();
    const elapsed = () => Math.round((performance.now() - started) / 100) / 10;
    const stepMs = this.options.loadMs / (FAKE_SHARDS + FAKE_SHADERS);
    if (this.options.download) {
      this.download = new AbortController();
      try {
        await scriptedDownload(this.modelUrl, this.progress, this.download.signal);
      } catch (error) {
        // Cancelled by unload(): WebLLM's reload() returns quietly then too.
        if (generation !== this.loadGeneration) return;
        throw error;
      }
    }
    for (let shard = 1; shard <= (this.options.download ? 0 : FAKE_SHARDS); shard++) {
      await sleep(stepMs);
      if (generation !== this.loadGeneration) return;
      const fraction = shard / FAKE_SHARDS;
      this.progress?.({
        progress: fraction,
        timeElapsed: elapsed(),
        text:
          `Fetching param cache[${shard}/${FAKE_SHARDS}]: ${Math.ceil(fraction * FAKE_MODEL_MB)}MB fetched. ` +
          `${Math.floor(fraction * 100)}% completed, ${elapsed()} secs elapsed.`,
      });
    }
    for (let shader = 1; shader <= FAKE_SHADERS; shader++) {
      await sleep(stepMs);
      if (generation !== this.loadGeneration) return;
      this.progress?.({
        progress: shader / FAKE_SHADERS,
        timeElapsed: elapsed(),
        text: `Loading GPU shader modules[${shader}/${FAKE_SHADERS}]: ${Math.floor((shader / FAKE_SHADERS) * 100)}% completed`,
      });
    }
    this.loadedModel = modelId;
    this.progress?.({
      progress: 1,
      timeElapsed: elapsed(),
      text: 'Finish loading on WebGPU - scripted',
    });
  }

  async chatCompletion(
    request: ChatCompletionRequestStreaming,
  ): Promise<AsyncIterable<ChatCompletionChunk>> {
    const model = this.loadedModel;
    if (!model) {
      const error = new Error('Model not loaded before calling chatCompletion().');
      error.name = 'ModelNotLoadedError';
      throw error;
    }
    this.interrupted = false;
    const promptChars = request.messages.reduce(
      (sum, m) => sum + (typeof m.content === 'string' ? m.content.length : 0),
      0,
    );
    const promptTokens = Math.max(1, Math.ceil(promptChars / 4));
    if (promptTokens > this.contextWindow) {
      const error = new Error(
        `Prompt tokens exceed context window size: number of prompt tokens: ${promptTokens}; context window size: ${this.contextWindow}`,
      );
      error.name = 'ContextWindowSizeExceededError';
      throw error;
    }
    const text = this.options.echo
      ? echoReply(request)
      : (this.options.reply ??
        (this.options.tokens ? syntheticReply(this.options.tokens) : defaultReply));
    const maxTokens = request.max_tokens ?? Infinity;
    return this.stream(model, promptTokens, splitTokens(text), maxTokens);
  }

  private async *stream(
    model: string,
    promptTokens: number,
    tokens: string[],
    maxTokens: number,
  ): AsyncGenerator<ChatCompletionChunk> {
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
    const started = performance.now();
    await sleep((promptTokens / this.options.prefillTokensPerSecond) * 1000);
    const firstTokenAt = performance.now();
    const intervalMs = 1000 / this.options.tokensPerSecond;
    const limit = Math.min(tokens.length, maxTokens);
    let emitted = 0;
    let finish: ChatCompletionChunk.Choice['finish_reason'] =
      limit < tokens.length ? 'length' : 'stop';
    // Tokens fall due on a fixed schedule; a late timer emits every token already due, so the
    // average speed holds even when timers are coarse.
    while (emitted < limit) {
      if (this.interrupted) {
        finish = 'abort';
        break;
      }
      const due = firstTokenAt + emitted * intervalMs;
      const wait = due - performance.now();
      if (wait > 1) await sleep(wait);
      if (this.interrupted) continue;
      yield chunk(tokens[emitted] ?? '', null);
      emitted++;
    }
    const finishedAt = performance.now();
    yield chunk('', finish);
    const prefillS = (firstTokenAt - started) / 1000;
    const decodeS = Math.max(finishedAt - firstTokenAt, 1) / 1000;
    yield {
      ...chunk('', null),
      choices: [],
      usage: {
        prompt_tokens: promptTokens,
        completion_tokens: emitted,
        total_tokens: promptTokens + emitted,
        extra: {
          e2e_latency_s: (finishedAt - started) / 1000,
          prefill_tokens_per_s: promptTokens / Math.max(prefillS, 0.001),
          decode_tokens_per_s: Math.max(emitted - 1, 0) / decodeS,
          time_to_first_token_s: prefillS,
          time_per_output_token_s: decodeS / Math.max(emitted, 1),
        },
      },
    };
  }

  interruptGenerate(): void {
    this.interrupted = true;
  }

  async resetChat(): Promise<void> {}

  async unload(): Promise<void> {
    this.loadGeneration++;
    this.download?.abort();
    this.loadedModel = undefined;
  }
}
