import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TokenBatcher } from './tokenBatcher';

describe('TokenBatcher', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('posts at most one batch per interval, with every token in it', () => {
    const post = vi.fn();
    const batcher = new TokenBatcher(post, 16);
    for (const t of ['a', 'b', 'c']) batcher.push(t);
    expect(post).not.toHaveBeenCalled();
    vi.advanceTimersByTime(16);
    expect(post).toHaveBeenCalledExactlyOnceWith('abc', 3);
    batcher.push('d');
    batcher.flush();
    expect(post).toHaveBeenLastCalledWith('d', 1);
    vi.advanceTimersByTime(100);
    expect(post).toHaveBeenCalledTimes(2);
  });
});
