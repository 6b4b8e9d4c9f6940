/**
 * What crosses between a page and one of its workers (see bridge.ts and serve.ts): a call with an
 * id, an abort naming a call, and for each call any number of events, then one result or one
 * error. A worker's requests are a table of types; everything on the wire follows from it.
 * Types only.
 */

/** One request: what it sends, what it resolves to, and what it reports while it runs. */
export interface RequestSpec<P = unknown, R = unknown, V = never> {
  params: P;
  result: R;
  event: V;
}

export type RequestTable = Record<string, RequestSpec<unknown, unknown, unknown>>;

export type RequestType<T extends RequestTable> = keyof T & string;

export type CallMessage<T extends RequestTable> =
  | {
      [K in RequestType<T>]: { kind: 'call'; id: number; type: K; params: T[K]['params'] };
    }[RequestType<T>]
  /** Stop call `id`: the worker aborts the signal its handler was given. */
  | { kind: 'abort'; id: number };

export type ReplyMessage<T extends RequestTable, E> =
  | { kind: 'event'; id: number; event: T[RequestType<T>]['event'] }
  | { kind: 'result'; id: number; value: T[RequestType<T>]['result'] }
  | { kind: 'error'; id: number; error: E };
