import { describe, expect, it } from 'vitest';
import { formatCount, formatRate } from './format';

describe('formatRate', () => {
  it('keeps two significant digits below 1, so a slow device does not show 0.0', () => {
    expect(formatRate(0.049, 'tokens/s')).toBe('0.049 tokens/s');
    expect(formatRate(0.5, 'tokens/s')).toBe('0.5 tokens/s');
    expect(formatRate(0, 'tokens/s')).toBe('0.0 tokens/s');
    expect(formatRate(12.34, 'tokens/s')).toBe('12.3 tokens/s');
    expect(formatRate(123.4, 'tokens/s')).toBe('123 tokens/s');
  });
});

describe('formatCount', () => {
  it('groups whole numbers as en-US does, without Intl', () => {
    for (const n of [0, 7, 999, 1000, 12_345, 1_000_000, -4096, Number.MAX_SAFE_INTEGER]) {
      expect(formatCount(n)).toBe(n.toLocaleString('en-US'));
    }
  });

  it('leaves fractions to Intl', () => {
    expect(formatCount(1234.5678)).toBe('1,234.568');
  });
});
