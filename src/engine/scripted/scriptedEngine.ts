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
  ModelRecord,
  ResumeChatCompletionOptions,
  ResumeProbeResult,
  ResumeResult,
} from '@mlc-ai/web-llm';
import type { EngineBackend } from '../backend';
import { defaultReply, echoReply, splitTokens, syntheticReply } from './replies';
import { scriptedEmbedding } from './embedding';
import { journal } from './journal';
import { scriptedDownload } from './scriptedDownload';

/** How often the journal is written, in tokens (WebLLM checkpoints on an interval too). */
const JOURNAL_EVERY = 4;

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
  if (value === 'oom-on-load') return { kind: 'oom-on-load' };
  const match = /^(device-lost|worker-crash)@(\d+)$/.exec(value ?? '');
  if (!match) return null;
  return { kind: match[1] as 'device-lost' | 'worker-crash', afterTokens: Number(match[2]) };
}

/** The model size from which oom-on-load fails a load. */
const OOM_FROM_MB = 1000;

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
    // A restarted worker (after a crash) must not crash again: the fault has happened.
    fault: params.has('nook_restarted') ? null : parseFault(params.get('scripted_fault')),
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
  private vramMB = 0;
  private download: AbortController | undefined;

  constructor(private readonly options: ScriptedOptions) {}

  /** Like WebLLM, the context window comes from the model record's overrides. */
  setAppConfig(config: AppConfig): void {
    const record = config.model_list[0];
    const size = record?.overrides?.context_window_size;
    this.contextWindow = typeof size === 'number' ? size : Infinity;
    this.modelUrl = record?.model ?? '';
    this.vramMB = record?.vram_required_MB ?? 0;
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
    if (this.options.fault?.kind === 'oom-on-load' && this.vramMB >= OOM_FROM_MB) {
      await sleep(stepMs * FAKE_SHARDS);
      // What WebLLM throws when allocating the model loses the device.
      const error = new Error(
        'The WebGPU device was lost while loading the model. This issue often occurs due to running out of memory (OOM).',
      );
      error.name = 'DeviceLostError';
      throw error;
    }
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
    const maxTokens = request.max_tokens ?? Infinity;
    // Like WebLLM, ignore_eos runs to max_tokens whatever the reply would have been: a synthetic
    // reply of exactly that many tokens, cut off at the length limit.
    const ignoreEos = request.ignore_eos === true && Number.isFinite(maxTokens);
    const text = ignoreEos
      ? syntheticReply(maxTokens)
      : this.options.echo
        ? echoReply(request)
        : (this.options.reply ??
          (this.options.tokens ? syntheticReply(this.options.tokens) : defaultReply));
    const sessionId = request.extra_body?.resumable?.enabled
      ? request.extra_body.resumable.sessionId
      : undefined;
    return this.stream(model, promptTokens, splitTokens(text), {
      maxTokens,
      ignoreEos,
      ...(sessionId !== undefined && { journalAs: sessionId }),
    });
  }

  /** Like WebLLM's resumable generation, backed by the scripted journal. */
  readonly resumable = {
    list: async (): Promise<ResumeProbeResult[]> =>
      (await journal.list()).map((entry) => ({
        sessionId: entry.sessionId,
        resumable: entry.modelId === this.loadedModel && entry.emitted < entry.tokens.length,
        modelId: entry.modelId,
        emittedTokens: entry.emitted,
        processedSeqLen: entry.emitted,
        recoveryMode: 'token_replay',
      })),
    resume: async (
      sessionId: string,
      options: ResumeChatCompletionOptions,
    ): Promise<ResumeResult | AsyncIterable<ChatCompletionChunk>> => {
      const entry = await journal.get(sessionId);
      const model = this.loadedModel;
      if (!entry || !model) throw new Error(`No resumable session ${sessionId}`);
      const recovered = entry.tokens.slice(0, entry.emitted).join('');
      if (!options.continueGeneration || !options.stream) {
        return {
          sessionId,
          recoveredText: recovered,
          emittedTokens: entry.emitted,
          processedSeqLen: entry.emitted,
          replayedTokens: entry.emitted,
          recoveryMode: 'token_replay',
        };
      }
      this.interrupted = false;
      return this.stream(model, entry.emitted, entry.tokens, {
        maxTokens: Infinity,
        startAt: entry.emitted,
        journalAs: sessionId,
      });
    },
    remove: (sessionId: string) => journal.remove(sessionId),
  };

  private async *stream(
    model: string,
    promptTokens: number,
    tokens: string[],
    {
      maxTokens,
      ignoreEos = false,
      startAt = 0,
      journalAs,
    }: { maxTokens: number; ignoreEos?: boolean; startAt?: number; journalAs?: string },
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
    let emitted = startAt;
    let finish: ChatCompletionChunk.Choice['finish_reason'] =
      ignoreEos || limit < tokens.length ? 'length' : 'stop';
    // Tokens fall due on a fixed schedule; a late timer emits every token already due, so the
    // average speed holds even when timers are coarse.
    while (emitted < limit) {
      if (this.interrupted) {
        finish = 'abort';
        break;
      }
      const due = firstTokenAt + (emitted - startAt) * intervalMs;
      const wait = due - performance.now();
      if (wait > 1) await sleep(wait);
      if (this.interrupted) continue;
      yield chunk(tokens[emitted] ?? '', null);
      emitted++;
      if (journalAs !== undefined && emitted % JOURNAL_EVERY === 0) {
        await journal.save({ sessionId: journalAs, modelId: model, tokens, emitted });
      }
      this.injectFault(emitted);
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
        completion_tokens: emitted - startAt,
        total_tokens: promptTokens + emitted - startAt,
        extra: {
          e2e_latency_s: (finishedAt - started) / 1000,
          prefill_tokens_per_s: promptTokens / Math.max(prefillS, 0.001),
          decode_tokens_per_s: Math.max(emitted - startAt - 1, 0) / decodeS,
          time_to_first_token_s: prefillS,
          time_per_output_token_s: decodeS / Math.max(emitted - startAt, 1),
        },
      },
    };
  }

  private injectFault(emitted: number): void {
    const fault = this.options.fault;
    if (!fault || fault.kind === 'oom-on-load' || emitted !== fault.afterTokens) return;
    this.options.fault = null;
    if (fault.kind === 'device-lost') {
      this.loadedModel = undefined;
      const error = new Error('Device was lost: the GPU stopped responding (simulated).');
      error.name = 'DeviceLostError';
      throw error;
    }
    // A crash: an uncaught error reaches the page as the worker's error event, and the worker ends.
    setTimeout(() => {
      throw new Error('Simulated engine worker crash');
    });
    setTimeout(() => self.close(), 10);
  }

  async embed(_record: ModelRecord, texts: string[]): Promise<number[][]> {
    return texts.map(scriptedEmbedding);
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
