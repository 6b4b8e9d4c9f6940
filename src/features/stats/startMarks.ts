/**
 * Two moments of a start, marked through the User Timing API for `npm run bench`
 * (bench/app-start.mjs, bench/open-to-first-token.mjs):
 * - interactive: the first screen is up and its message box takes typing (src/app/FirstScreen.tsx);
 * - ready: the app itself is up and a model is chosen, so a message can be sent (src/app/App.tsx).
 */
export const INTERACTIVE_MARK = 'nook:interactive';
export const READY_MARK = 'nook:ready';

const marked = new Set<string>();

/** Marks `name` the first time only: a later first screen (the app still loading) is not a start. */
export function markOnce(name: string): void {
  if (marked.has(name)) return;
  marked.add(name);
  performance.mark(name);
}
