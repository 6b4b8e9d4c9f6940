/**
 * Runs `run` once the main thread has nothing more urgent to do (requestIdleCallback), or after
 * `fallbackMs` where the browser cannot tell (Safari). Returns a function that cancels it.
 */
export function whenIdle(run: () => void, fallbackMs = 0): () => void {
  if (typeof requestIdleCallback === 'function') {
    const handle = requestIdleCallback(() => run());
    return () => cancelIdleCallback(handle);
  }
  const timer = setTimeout(run, fallbackMs);
  return () => clearTimeout(timer);
}
