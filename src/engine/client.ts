/**
 * The one gateway from the UI thread to the engine worker. Typed calls, an AbortSignal on every
 * call, progress and token batches delivered through callbacks. Aborting never terminates the
 * worker (a model takes long to reload): it asks the worker to interrupt or cancel.
 * Must not import the store or any view.
 */
import type { InitProgressReport } from '@mlc-ai/web-llm';
import { EngineFailure, type EngineError } from './errors';
import {
  REQUESTS,
  type Params,
  type RequestType,
  type Result,
  type WorkerRequest,
  type WorkerResponse,
} from './protocol';

/** An AbortSignal, and callbacks for what the worker pushes while a request runs. */
export interface CallOptions {
  signal?: AbortSignal;
  /** Loading: WebLLM's progress reports. */
  onProgress?: (report: InitProgressReport) => void;
  /** Streaming: a batch of text and the number of tokens in it. */
  onTokens?: (text: string, tokens: number) => void;
  /** Resuming: the text recovered from the engine's journal, which replaces what was kept. */
  onRecovered?: (text: string) => void;
}

/** One method per request of protocol.ts's table. */
export type EngineCalls = {
  [K in RequestType]: (params: Params<K>, options?: CallOptions) => Promise<Result<K>>;
};

interface Pending extends Omit<CallOptions, 'signal'> {
  isPing: boolean;
  resolve(value: unknown): void;
  reject(reason: EngineFailure): void;
}

/** The subset of Worker the client needs, so unit tests can hand it a fake. */
export interface WorkerPort {
  postMessage(message: WorkerRequest): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<WorkerResponse>) => void): void;
  addEventListener(type: 'error', listener: (event: ErrorEvent) => void): void;
  terminate?(): void;
}

export interface HealthOptions {
  /** How often to check on the worker while requests are waiting. */
  heartbeatMs?: number;
  /** A worker silent this long while requests wait is dead (WebLLM answers pings even mid-prefill). */
  silenceMs?: number;
}

export class EngineClient {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private lastHeardAt = performance.now();
  private heartbeat: ReturnType<typeof setInterval> | undefined;
  private deathListeners = new Set<(error: EngineError) => void>();
  /** Set once the worker has crashed or stopped answering; a dead client is replaced, not reused. */
  dead = false;
  /** The requests, by name: `getEngine().call.load({ record }, { onProgress })`. */
  readonly call = Object.fromEntries(
    Object.keys(REQUESTS).map((type) => [
      type,
      (params: never, options?: CallOptions) => this.send(type as RequestType, params, options),
    ]),
  ) as EngineCalls;

  constructor(
    private readonly port: WorkerPort,
    pageQuery = '',
    { heartbeatMs = 5000, silenceMs = 20_000 }: HealthOptions = {},
  ) {
    port.addEventListener('message', (event) => this.receive(event.data));
    // An uncaught error inside the worker: WebLLM's state is unknown after it, so start afresh.
    port.addEventListener('error', (event) =>
      this.die({ code: 'worker-crashed', detail: event.message || 'The engine worker stopped' }),
    );
    this.heartbeat = setInterval(() => {
      const waiting = [...this.pending.values()].some((p) => !p.isPing);
      if (!waiting) return;
      if (performance.now() - this.lastHeardAt > silenceMs) {
        this.die({ code: 'worker-crashed', detail: 'The engine worker stopped answering' });
      } else {
        void this.call.ping({}).catch(() => undefined);
      }
    }, heartbeatMs);
    void this.call.init({ pageQuery }).catch(() => undefined);
  }

  onDeath(listener: (error: EngineError) => void): void {
    this.deathListeners.add(listener);
  }

  /**
   * Stops the worker for good, quietly: no death listeners (there is nothing to recover), no more
   * heartbeats, and calls still waiting are left unsettled (settling them would start follow-up
   * work). Only for terminateEngine(), just before the page reloads.
   */
  terminate(): void {
    this.dead = true;
    clearInterval(this.heartbeat);
    this.port.terminate?.();
  }

  private die(error: EngineError): void {
    if (this.dead) return;
    this.dead = true;
    clearInterval(this.heartbeat);
    this.port.terminate?.();
    this.failAll(error);
    this.deathListeners.forEach((listener) => listener(error));
  }

  private send<K extends RequestType>(
    type: K,
    params: Params<K>,
    options: CallOptions = {},
  ): Promise<Result<K>> {
    const { signal } = options;
    if (signal?.aborted) {
      return Promise.reject(new EngineFailure({ code: 'aborted', detail: 'Aborted before start' }));
    }
    const id = this.nextId++;
    return new Promise<Result<K>>((resolve, reject) => {
      const onAbort = () => this.port.postMessage({ type: 'abort', target: id });
      signal?.addEventListener('abort', onAbort, { once: true });
      this.pending.set(id, {
        isPing: type === 'ping',
        resolve: (value) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(value as Result<K>);
        },
        reject: (reason) => {
          signal?.removeEventListener('abort', onAbort);
          reject(reason);
        },
        onProgress: options.onProgress,
        onTokens: options.onTokens,
        onRecovered: options.onRecovered,
      });
      this.port.postMessage({ type, id, params } as WorkerRequest);
    });
  }

  private receive(message: WorkerResponse): void {
    this.lastHeardAt = performance.now();
    const pending = this.pending.get(message.id);
    if (!pending) return;
    switch (message.type) {
      case 'progress':
        pending.onProgress?.(message.report);
        return;
      case 'tokens':
        pending.onTokens?.(message.text, message.tokens);
        return;
      case 'recovered':
        pending.onRecovered?.(message.text);
        return;
      case 'result':
        this.pending.delete(message.id);
        pending.resolve(message.value);
        return;
      case 'error':
        this.pending.delete(message.id);
        pending.reject(new EngineFailure(message.error));
        return;
    }
  }

  private failAll(error: EngineFailure['error']): void {
    for (const [id, pending] of this.pending) {
      this.pending.delete(id);
      pending.reject(new EngineFailure(error));
    }
  }
}

let instance: EngineClient | undefined;
let worker: Worker | undefined;
let restarts = 0;
const deathListeners = new Set<(error: EngineError) => void>();

/** Told whenever the engine worker dies; the next getEngine() starts a new one. */
export function onEngineDeath(listener: (error: EngineError) => void): () => void {
  deathListeners.add(listener);
  return () => void deathListeners.delete(listener);
}

function pageQuery(): string {
  if (import.meta.env.MODE !== 'e2e') return '';
  // The test build's scripted faults happen once per page, not again in a restarted worker.
  return restarts > 0 ? `${location.search}&nook_restarted=${restarts}` : location.search;
}

/**
 * The app's one engine, created on first use; the worker (and WebLLM with it) loads then. A worker
 * that crashed or stopped answering is replaced here, so callers simply ask again.
 */
export function getEngine(): EngineClient {
  if (!instance || instance.dead) {
    if (instance) restarts++;
    worker = new Worker(new URL('./engine.worker.ts', import.meta.url), {
      type: 'module',
      name: 'nook-engine',
    });
    const client = new EngineClient(worker, pageQuery());
    client.onDeath((error) => deathListeners.forEach((listener) => listener(error)));
    instance = client;
  }
  return instance;
}

/**
 * Stops the engine worker at once, and WebLLM with it (its downloads, and the connections to its
 * cache databases that would hold their deletion back), then forgets it: the next getEngine()
 * starts a fresh one. Only for erasing all data; aborting work never terminates the worker (a
 * model takes long to reload). Calls still waiting for the old worker never settle.
 */
export function terminateEngine(): void {
  instance?.terminate();
  worker?.terminate();
  worker = undefined;
  instance = undefined;
}
