/**
 * The worker's side of a bridge (bridge.ts): answers each call of a request table with its
 * handler, gives every handler an AbortSignal that an abort from the page trips and a way to
 * report events, and posts the handler's result or its failure, turned into error data, for that
 * call alone. An abort for a call that is not running is stale and ignored.
 * Must not import the store or any view.
 */
import type { CallMessage, ReplyMessage, RequestTable, RequestType } from './wire';

export interface WorkerScope<T extends RequestTable, E> {
  postMessage(message: ReplyMessage<T, E>, options?: { transfer?: Transferable[] }): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<CallMessage<T>>) => void): void;
}

export interface CallContext<V> {
  id: number;
  /** Tripped when the page aborts this call. */
  signal: AbortSignal;
  emit(event: V): void;
}

export type Handlers<T extends RequestTable> = {
  [K in RequestType<T>]: (
    params: T[K]['params'],
    context: CallContext<T[K]['event']>,
  ) => Promise<T[K]['result']>;
};

export interface ServeOptions<T extends RequestTable, E> {
  /** The error data a failure is reported as; may look further (e.g. why a download failed). */
  toError(
    error: unknown,
    type: RequestType<T>,
    params: T[RequestType<T>]['params'],
  ): E | Promise<E>;
  /** Buffers a result hands over rather than copies (an image's bytes). */
  transfer?(result: T[RequestType<T>]['result']): Transferable[];
}

export function serveRequests<T extends RequestTable, E>(
  scope: WorkerScope<T, E>,
  handlers: Handlers<T>,
  options: ServeOptions<T, E>,
): void {
  const running = new Map<number, AbortController>();
  scope.addEventListener('message', ({ data: message }) => {
    if (message.kind === 'abort') {
      running.get(message.id)?.abort();
      return;
    }
    const { id, type, params } = message;
    const controller = new AbortController();
    running.set(id, controller);
    const handler = handlers[type] as (
      params: unknown,
      context: CallContext<unknown>,
    ) => Promise<unknown>;
    const context: CallContext<unknown> = {
      id,
      signal: controller.signal,
      emit: (event) => scope.postMessage({ kind: 'event', id, event }),
    };
    void (async () => {
      try {
        const value = await handler(params, context);
        scope.postMessage(
          { kind: 'result', id, value },
          { transfer: options.transfer?.(value) ?? [] },
        );
      } catch (error) {
        scope.postMessage({ kind: 'error', id, error: await options.toError(error, type, params) });
      } finally {
        running.delete(id);
      }
    })();
  });
}
