import { describe, expect, it } from 'vitest';
import { formatRate } from './format';

describe('formatRate', () => {
  it('keeps two significant digits below 1, so a slow device does not show 0.0', () => {
    expect(formatRate(0.049, 'tokens/s')).toBe('0.049 tokens/s');
    expect(formatRate(0.5, 'tokens/s')).toBe('0.5 tokens/s');
    expect(formatRate(0, 'tokens/s')).toBe('0.0 tokens/s');
    expect(formatRate(12.34, 'tokens/s')).toBe('12.3 tokens/s');
    expect(formatRate(123.4, 'tokens/s')).toBe('123 tokens/s');
  });
});
