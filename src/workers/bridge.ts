/**
 * The page's side of a worker: typed calls by a request table (wire.ts), ids, an AbortSignal on
 * every call, events delivered while a call runs, a heartbeat where wanted, and one failure for
 * everything that goes wrong (failure.ts). When the worker dies (an uncaught error, or silence
 * while calls wait), every call still waiting fails and the bridge is dead: the owner makes a new
 * one. Aborting never terminates the worker: it is told to stop the call.
 * Must not import the store or any view.
 */
import type { WorkerError, WorkerFailure } from './failure';
import type { CallMessage, ReplyMessage, RequestTable, RequestType } from './wire';

/** The part of Worker a bridge needs, so unit tests can hand it a fake. */
export interface BridgePort<T extends RequestTable, E> {
  postMessage(message: CallMessage<T>): void;
  addEventListener(
    type: 'message',
    listener: (event: MessageEvent<ReplyMessage<T, E>>) => void,
  ): void;
  addEventListener(type: 'error', listener: (event: ErrorEvent) => void): void;
  terminate?(): void;
}

/** A call, as the options below are told of it. */
export interface CallInfo<T extends RequestTable> {
  type: RequestType<T>;
  params: T[RequestType<T>]['params'];
}

export interface BridgeOptions<T extends RequestTable, E extends WorkerError> {
  /** The domain's failure (EngineFailure, …) for error data. */
  failure(error: E): WorkerFailure<E>;
  /**
   * What a waiting call fails with when the worker dies (and what death listeners are told, with
   * no call when none was waiting); `detail` says how it died.
   */
  crashed(call: CallInfo<T> | null, detail: string): E;
  /**
   * With this, an aborted call fails at once with it (and the worker is told to stop). Without, it
   * waits for the worker's own answer, which may be a result (a stopped reply is one).
   */
  aborted?(call: CallInfo<T>): E;
  /** Checks on a worker while calls wait, by `ping`; one silent for `silenceMs` is dead. */
  heartbeat?: { ping: RequestType<T>; everyMs: number; silenceMs: number };
}

export interface CallOptions<V> {
  signal?: AbortSignal;
  /** What the worker reports while the call runs (progress, streamed text, …). */
  onEvent?(event: V): void;
}

interface Pending<T extends RequestTable> {
  call: CallInfo<T>;
  resolve(value: unknown): void;
  reject(reason: Error): void;
  onEvent?(event: unknown): void;
}

export class WorkerBridge<T extends RequestTable, E extends WorkerError> {
  private nextId = 1;
  private readonly pending = new Map<number, Pending<T>>();
  private lastHeardAt = performance.now();
  private heartbeat: ReturnType<typeof setInterval> | undefined;
  private readonly deathListeners = new Set<(error: E) => void>();
  /** Set once the worker has died; a dead bridge is replaced, not reused. */
  dead = false;

  constructor(
    private readonly port: BridgePort<T, E>,
    private readonly options: BridgeOptions<T, E>,
  ) {
    port.addEventListener('message', (event) => this.receive(event.data));
    port.addEventListener('error', (event) => {
      // Handled here: the page's console need not report it a second time.
      event.preventDefault?.();
      this.die(event.message || 'The worker stopped');
    });
    const { heartbeat } = options;
    if (heartbeat) {
      this.heartbeat = setInterval(() => {
        const waiting = [...this.pending.values()].some((p) => p.call.type !== heartbeat.ping);
        if (!waiting) return;
        if (performance.now() - this.lastHeardAt > heartbeat.silenceMs) {
          this.die('The worker stopped answering');
        } else {
          void this.call(heartbeat.ping, undefined as never).catch(() => undefined);
        }
      }, heartbeat.everyMs);
    }
  }

  /** Told once, when the worker dies, with what the calls waiting for it failed with. */
  onDeath(listener: (error: E) => void): void {
    this.deathListeners.add(listener);
  }

  call<K extends RequestType<T>>(
    type: K,
    params: T[K]['params'],
    { signal, onEvent }: CallOptions<T[K]['event']> = {},
  ): Promise<T[K]['result']> {
    const call: CallInfo<T> = { type, params };
    if (this.dead) {
      return Promise.reject(this.options.failure(this.options.crashed(call, 'The worker stopped')));
    }
    const { aborted } = this.options;
    if (signal?.aborted && aborted) return Promise.reject(this.options.failure(aborted(call)));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        if (!this.pending.has(id)) return;
        this.port.postMessage({ kind: 'abort', id });
        if (!aborted) return;
        this.pending.delete(id);
        reject(this.options.failure(aborted(call)));
      };
      const settle =
        <A extends unknown[]>(then: (...args: A) => void) =>
        (...args: A) => {
          signal?.removeEventListener('abort', onAbort);
          then(...args);
        };
      this.pending.set(id, {
        call,
        resolve: settle(resolve),
        reject: settle(reject),
        ...(onEvent && { onEvent: onEvent as (event: unknown) => void }),
      });
      this.port.postMessage({ kind: 'call', id, type, params } as CallMessage<T>);
      // An abort that came before the call reached the worker still reaches it, after the call.
      if (signal?.aborted) onAbort();
      else signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  /**
   * Stops the worker for good, quietly: no death listeners (there is nothing to recover) and no
   * more heartbeats; calls still waiting are left unsettled (settling them would start follow-up
   * work). For a page about to reload.
   */
  terminate(): void {
    this.dead = true;
    clearInterval(this.heartbeat);
    this.port.terminate?.();
  }

  private die(detail: string): void {
    if (this.dead) return;
    this.dead = true;
    clearInterval(this.heartbeat);
    this.port.terminate?.();
    let reported: E | undefined;
    for (const [id, pending] of this.pending) {
      this.pending.delete(id);
      const error = this.options.crashed(pending.call, detail);
      reported ??= error;
      pending.reject(this.options.failure(error));
    }
    const error = reported ?? this.options.crashed(null, detail);
    this.deathListeners.forEach((listener) => listener(error));
  }

  private receive(message: ReplyMessage<T, E>): void {
    this.lastHeardAt = performance.now();
    const pending = this.pending.get(message.id);
    if (!pending) return; // answered already, or aborted
    switch (message.kind) {
      case 'event':
        pending.onEvent?.(message.event);
        return;
      case 'result':
        this.pending.delete(message.id);
        pending.resolve(message.value);
        return;
      case 'error':
        this.pending.delete(message.id);
        pending.reject(this.options.failure(message.error));
        return;
    }
  }
}

/**
 * A worker that is started on first use and started again after it dies: `get()` always gives
 * a live one. `make` is told how many times the worker has been restarted.
 */
export function lazyWorker<B extends { readonly dead: boolean; terminate(): void }>(
  make: (restarts: number) => B,
): { get(): B; terminate(): void } {
  let current: B | undefined;
  let restarts = 0;
  return {
    get() {
      if (!current || current.dead) {
        if (current) restarts++;
        current = make(restarts);
      }
      return current;
    },
    terminate() {
      current?.terminate();
      current = undefined;
    },
  };
}
