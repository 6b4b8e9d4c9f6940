/** Abort controllers of the work in flight; not state anyone renders, so kept out of the stores. */
export const inflight: {
  load: AbortController | null;
  generation: AbortController | null;
  document: AbortController | null;
  extraction: AbortController | null;
  /** The warm start, while it waits to load the chosen model (store/session/warmStart.ts). */
  warm: AbortController | null;
} = {
  load: null,
  generation: null,
  document: null,
  extraction: null,
  warm: null,
};
