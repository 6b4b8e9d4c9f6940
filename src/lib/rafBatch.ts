/**
 * Accumulates streamed text and hands the whole text so far to `apply` at most once per animation
 * frame, however many token batches arrive in between.
 */
export interface TextAccumulator {
  append(text: string): void;
  /** The full text so far. */
  text(): string;
  /** Replaces the text so far (a resumed reply's recovered text). */
  replace(text: string): void;
  /** Cancels any pending frame and returns the full text. */
  finish(): string;
}

export function createFrameBatchedText(
  apply: (text: string) => void,
  initial = '',
): TextAccumulator {
  let text = initial;
  let frame: number | undefined;
  return {
    append(chunk) {
      text += chunk;
      frame ??= requestAnimationFrame(() => {
        frame = undefined;
        apply(text);
      });
    },
    text: () => text,
    replace(next) {
      text = next;
      frame ??= requestAnimationFrame(() => {
        frame = undefined;
        apply(text);
      });
    },
    finish() {
      if (frame !== undefined) cancelAnimationFrame(frame);
      frame = undefined;
      return text;
    },
  };
}
