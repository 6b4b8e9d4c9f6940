/**
 * Collects streamed text in the worker and posts it at most once per interval, so the UI thread gets
 * ~60 messages a second however fast the model decodes, and the model never waits for the UI.
 */
export class TokenBatcher {
  private text = '';
  private tokens = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly post: (text: string, tokens: number) => void,
    private readonly intervalMs = 16,
  ) {}

  push(text: string): void {
    this.text += text;
    this.tokens += 1;
    this.timer ??= setTimeout(() => this.flush(), this.intervalMs);
  }

  /** Posts whatever is pending now; call before reporting the end of a stream. */
  flush(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.tokens === 0) return;
    this.post(this.text, this.tokens);
    this.text = '';
    this.tokens = 0;
  }
}
