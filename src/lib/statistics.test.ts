import { describe, expect, it } from 'vitest';
import { mean, median, spread, summarize } from './statistics';

describe('benchmark statistics', () => {
  it('takes the middle value of an odd count, whatever the order', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([10, 50, 20, 40, 30])).toBe(30);
  });

  it('averages the two middle values of an even count', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7, 7])).toBe(7);
  });

  it('gives the smallest and largest value as the spread', () => {
    expect(spread([98.5, 101.2, 100])).toEqual({ min: 98.5, max: 101.2 });
    expect(spread([42])).toEqual({ min: 42, max: 42 });
  });

  it('summarizes median, spread and count together, without sorting the input in place', () => {
    const values = [3, 1, 2];
    expect(summarize(values)).toEqual({ median: 2, min: 1, max: 3, count: 3 });
    expect(values).toEqual([3, 1, 2]);
  });

  it('gives null, not NaN, for no values', () => {
    expect(median([])).toBeNull();
    expect(mean([])).toBeNull();
    expect(spread([])).toBeNull();
    expect(summarize([])).toBeNull();
  });

  it('computes the mean', () => {
    expect(mean([1, 2, 6])).toBe(3);
  });
});
