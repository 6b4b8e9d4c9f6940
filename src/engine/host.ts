/**
 * What the engine worker does with each request: one handler per request of protocol.ts's table,
 * served by the workers' bridge (src/workers/serve.ts), which gives each an AbortSignal and a way
 * to report events. It holds the engines' backends (backend.ts: WebLLM, or the scripted stand-in
 * for it in the test build; llama.cpp), each created when first needed, and one loaded model at a
 * time across them: loading a model of one engine unloads the other's. It runs engine work one
 * request at a time, answers pings, cache and token-count questions at once, and pushes
 * progress and token batches as they come, so decoding never waits for the UI thread. Everything
 * it needs from the world comes in through HostDeps, so unit tests drive it with fake backends.
 * Must not import the store or any view.
 */
import type { ModelRecord } from '@mlc-ai/web-llm';
import type { CallContext, Handlers } from '../workers/serve';
import type { Backend, StreamContext } from './backend';
import { classifyError, EngineFailure, type EngineError } from './errors';
import {
  REQUESTS,
  type EngineEvent,
  type EngineRequests,
  type RequestType,
  type Result,
} from './protocol';
import { modelIdOf, type EngineKind, type EngineModel } from '../models/engineModel';
import { probeGpu } from '../models/capabilities';
import { TokenBatcher } from './tokenBatcher';

/** WebLLM's backend also embeds (for search by meaning); only it does. */
export interface WebLLMHostBackend extends Backend {
  embed(record: ModelRecord, texts: string[]): Promise<number[][]>;
  unloadEmbedder(): Promise<void>;
}

export interface HostDeps {
  /** The engine's backend; `pageQuery` lets the test build pick the scripted stand-in for WebLLM. */
  createBackend(engine: 'webllm', pageQuery: string): Promise<WebLLMHostBackend>;
  createBackend(engine: EngineKind, pageQuery: string): Promise<Backend>;
  /** Adds what a second look at a failed download tells (its HTTP status, being offline). */
  diagnose(error: EngineError): Promise<EngineError>;
}

type Context = CallContext<EngineEvent>;

const cancelled = () => new EngineFailure({ code: 'aborted', detail: 'Cancelled' });
const notLoaded = () =>
  new EngineFailure({ code: 'model-not-loaded', detail: 'No model is loaded' });

class EngineHost {
  private pageQuery = '';
  private readonly backends = new Map<EngineKind, Promise<Backend>>();
  private queue: Promise<unknown> = Promise.resolve();
  /** The model loaded now, and its engine's backend. */
  private loaded: { modelId: string; backend: Backend } | undefined;

  constructor(private readonly deps: HostDeps) {}

  private backend(engine: 'webllm'): Promise<WebLLMHostBackend>;
  private backend(engine: EngineKind): Promise<Backend>;
  private backend(engine: EngineKind): Promise<Backend> {
    let backend = this.backends.get(engine);
    if (!backend) {
      backend = this.deps.createBackend(engine, this.pageQuery);
      this.backends.set(engine, backend);
    }
    return backend;
  }

  /** The loaded model's backend; what needs a model fails without one. */
  private loadedBackend(): Backend {
    if (!this.loaded) throw notLoaded();
    return this.loaded.backend;
  }

  /** Engine work runs one request at a time, in order; one aborted while it waits never runs. */
  private enqueue<R>(signal: AbortSignal, work: () => Promise<R>): Promise<R> {
    const turn = this.queue.then(() => {
      if (signal.aborted) throw cancelled();
      return work();
    });
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  /** How each request of protocol.ts's table is answered. */
  private readonly work: {
    [K in RequestType]: (
      params: EngineRequests[K]['params'],
      context: Context,
    ) => Promise<Result<K>>;
  } = {
    init: async ({ pageQuery }) => {
      this.pageQuery = pageQuery;
      return null;
    },
    ping: async () => null,
    probeGpu: () => probeGpu(),
    load: ({ model }, context) => this.load(model, context),
    chat: (request, context) =>
      this.streamed(context, (stream) => this.loadedBackend().chat(request, stream)),
    structured: (request, context) =>
      this.streamed(context, (stream) => this.loadedBackend().structured(request, stream)),
    resume: ({ sessionId }, context) =>
      this.streamed(context, (stream) =>
        this.loadedBackend().resume(sessionId, {
          ...stream,
          recovered: (text) => context.emit({ type: 'recovered', text }),
        }),
      ),
    embed: async ({ record, texts }) => (await this.backend('webllm')).embed(record, texts),
    unloadEmbedder: async () => {
      await (await this.backend('webllm')).unloadEmbedder();
      return null;
    },
    countTokens: async ({ modelId, texts }) =>
      this.loaded?.modelId === modelId ? this.loaded.backend.countTokens(texts) : null,
    reset: async () => {
      await this.loaded?.backend.reset();
      return null;
    },
    unload: async () => {
      const loaded = this.loaded;
      this.loaded = undefined;
      await loaded?.backend.unload();
      return null;
    },
    cacheStatus: async ({ models }) => {
      const engines = [...new Set(models.map((model) => model.engine))];
      const answers = await Promise.all(
        engines.map(async (engine) =>
          (await this.backend(engine)).cacheStatus(models.filter((m) => m.engine === engine)),
        ),
      );
      return Object.assign({}, ...answers);
    },
    cacheDelete: async ({ model }) => {
      await (await this.backend(model.engine)).deleteCache(model);
      return null;
    },
    storeModelFile: async ({ model, file }, { signal }) => {
      const backend = await this.backend(model.engine);
      if (!backend.storeFile) {
        throw new EngineFailure({
          code: 'engine-unsupported',
          detail: `${model.engine} models cannot be added from a file`,
        });
      }
      return backend.storeFile(model, file, signal);
    },
    storeModelFolder: async ({ model, files }, context) => {
      const backend = await this.backend(model.engine);
      if (!backend.storeFolder) {
        throw new EngineFailure({
          code: 'engine-unsupported',
          detail: `${model.engine} models cannot be added from a folder`,
        });
      }
      return backend.storeFolder(model, files, {
        signal: context.signal,
        progress: (progress) => context.emit({ type: 'progress', progress }),
      });
    },
  };

  /** The handlers the bridge serves: queued requests wait for their turn (protocol.ts). */
  readonly handlers = Object.fromEntries(
    (Object.keys(REQUESTS) as RequestType[]).map((type) => {
      const work = this.work[type] as (params: unknown, context: Context) => Promise<unknown>;
      const handler = REQUESTS[type].queued
        ? (params: unknown, context: Context) =>
            this.enqueue(context.signal, () => work(params, context))
        : work;
      return [type, handler];
    }),
  ) as Handlers<EngineRequests>;

  /** A failure answers its own request and no other, with what a second look tells. */
  readonly toError = (error: unknown): Promise<EngineError> =>
    this.deps.diagnose(classifyError(error));

  private async load(model: EngineModel, context: Context): Promise<Result<'load'>> {
    const backend = await this.backend(model.engine);
    const previous = this.loaded;
    this.loaded = undefined;
    // One model in memory at a time: the other engine's model goes first.
    if (previous && previous.backend !== backend) await previous.backend.unload();
    const started = performance.now();
    const { device } = await backend.load(model, {
      signal: context.signal,
      progress: (progress) => context.emit({ type: 'progress', progress }),
    });
    const modelId = modelIdOf(model);
    this.loaded = { modelId, backend };
    return { modelId, loadTimeS: (performance.now() - started) / 1000, device };
  }

  /**
   * Runs a streamed reply with its tokens batched (one message per 16 ms at most) and the call's
   * signal for Stop; what is still batched is posted before the reply's result.
   */
  private async streamed<R>(context: Context, run: (stream: StreamContext) => Promise<R>) {
    const batcher = new TokenBatcher((text, tokens) =>
      context.emit({ type: 'tokens', text, tokens }),
    );
    try {
      return await run({ signal: context.signal, token: (text) => batcher.push(text) });
    } finally {
      batcher.flush();
    }
  }
}

/** The engine's request handlers, and how a failure is reported, for serveRequests. */
export function createEngineHost(deps: HostDeps): {
  handlers: Handlers<EngineRequests>;
  toError(error: unknown): Promise<EngineError>;
} {
  const host = new EngineHost(deps);
  return { handlers: host.handlers, toError: host.toError };
}
