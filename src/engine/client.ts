/**
 * The one gateway from the UI thread to the engine worker: the workers' bridge (src/workers/)
 * with the engine's request table, a heartbeat, and callbacks for what the worker pushes while a
 * request runs. Aborting never terminates the worker (a model takes long to reload): it asks the
 * worker to interrupt or cancel, and the worker's answer settles the call (a stopped reply is a
 * result). Must not import the store or any view.
 */
import { lazyWorker, WorkerBridge, type BridgePort } from '../workers/bridge';
import { EngineFailure, type EngineError } from './errors';
import {
  REQUESTS,
  type EngineEvent,
  type EngineRequests,
  type LoadProgress,
  type Params,
  type RequestType,
  type Result,
} from './protocol';

/** An AbortSignal, and callbacks for what the worker pushes while a request runs. */
export interface CallOptions {
  signal?: AbortSignal;
  /** Loading: how far it is. */
  onProgress?: (progress: LoadProgress) => void;
  /** Streaming: a batch of text and the number of tokens in it. */
  onTokens?: (text: string, tokens: number) => void;
  /** Resuming: the text recovered from the engine's journal, which replaces what was kept. */
  onRecovered?: (text: string) => void;
}

/** One method per request of protocol.ts's table. */
export type EngineCalls = {
  [K in RequestType]: (params: Params<K>, options?: CallOptions) => Promise<Result<K>>;
};

export type EnginePort = BridgePort<EngineRequests, EngineError>;

export interface HealthOptions {
  /** How often to check on the worker while requests are waiting. */
  heartbeatMs?: number;
  /** A worker silent this long while requests wait is dead (WebLLM answers pings even mid-prefill). */
  silenceMs?: number;
}

function dispatch({ onProgress, onTokens, onRecovered }: CallOptions) {
  return (event: EngineEvent) => {
    if (event.type === 'progress') onProgress?.(event.progress);
    else if (event.type === 'tokens') onTokens?.(event.text, event.tokens);
    else onRecovered?.(event.text);
  };
}

export class EngineClient {
  private readonly bridge: WorkerBridge<EngineRequests, EngineError>;
  /** The requests, by name: `getEngine().call.load({ record }, { onProgress })`. */
  readonly call: EngineCalls;

  constructor(port: EnginePort, pageQuery = '', health: HealthOptions = {}) {
    const { heartbeatMs = 5000, silenceMs = 20_000 } = health;
    this.bridge = new WorkerBridge(port, {
      failure: (error) => new EngineFailure(error),
      // WebLLM's state is unknown after its worker died: the next request starts afresh.
      crashed: (_call, detail) => ({ code: 'worker-crashed', detail }),
      heartbeat: { ping: 'ping', everyMs: heartbeatMs, silenceMs },
    });
    this.call = Object.fromEntries(
      Object.keys(REQUESTS).map((type) => [
        type,
        (params: never, options: CallOptions = {}) =>
          this.bridge.call(type as RequestType, params, {
            ...(options.signal && { signal: options.signal }),
            onEvent: dispatch(options),
          }),
      ]),
    ) as EngineCalls;
    void this.call.init({ pageQuery }).catch(() => undefined);
  }

  get dead(): boolean {
    return this.bridge.dead;
  }

  onDeath(listener: (error: EngineError) => void): void {
    this.bridge.onDeath(listener);
  }

  /** Stops the worker for good, quietly (see WorkerBridge.terminate). */
  terminate(): void {
    this.bridge.terminate();
  }
}

const deathListeners = new Set<(error: EngineError) => void>();

/** Told whenever the engine worker dies; the next getEngine() starts a new one. */
export function onEngineDeath(listener: (error: EngineError) => void): () => void {
  deathListeners.add(listener);
  return () => void deathListeners.delete(listener);
}

function pageQuery(restarts: number): string {
  if (import.meta.env.MODE !== 'e2e') return '';
  // The test build's scripted faults happen once per page, not again in a restarted worker.
  return restarts > 0 ? `${location.search}&nook_restarted=${restarts}` : location.search;
}

const engine = lazyWorker((restarts) => {
  const worker = new Worker(new URL('./engine.worker.ts', import.meta.url), {
    type: 'module',
    name: 'nook-engine',
  });
  const client = new EngineClient(worker, pageQuery(restarts));
  client.onDeath((error) => deathListeners.forEach((listener) => listener(error)));
  return client;
});

/**
 * The app's one engine, created on first use; the worker (and WebLLM with it) loads then. A worker
 * that crashed or stopped answering is replaced here, so callers simply ask again.
 */
export function getEngine(): EngineClient {
  return engine.get();
}

/**
 * Stops the engine worker at once, and WebLLM with it (its downloads, and the connections to its
 * cache databases that would hold their deletion back), then forgets it: the next getEngine()
 * starts a fresh one. Only for erasing all data; aborting work never terminates the worker (a
 * model takes long to reload). Calls still waiting for the old worker never settle.
 */
export function terminateEngine(): void {
  engine.terminate();
}
