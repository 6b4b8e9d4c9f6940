import { describe, expect, it } from 'vitest';
import { createDownloadMeter } from './downloadMeter';

describe('download meter', () => {
  it('derives the total, the speed and the time left', () => {
    const meter = createDownloadMeter();
    meter.update(0, 0, 0);
    const figures = meter.update(100, 0.25, 2000);
    expect(figures.totalMB).toBe(400);
    expect(figures.mbPerS).toBe(50);
    expect(figures.secondsLeft).toBe(6);
  });

  it('measures speed over the recent window only', () => {
    const meter = createDownloadMeter(5000);
    meter.update(0, 0, 0);
    meter.update(10, 0.1, 10_000); // a slow start…
    meter.update(60, 0.6, 12_000); // …then fast
    const figures = meter.update(100, 1, 14_000);
    expect(figures.mbPerS).toBe(22.5); // (100 - 10) MB over the last 4 s kept in the window
    expect(figures.secondsLeft).toBe(0);
  });

  it('converges on the total though reported megabytes are rounded up', () => {
    const meter = createDownloadMeter();
    // 8 MB in all; WebLLM reports Math.ceil of the megabytes fetched.
    let last = meter.update(1, 0.04, 0);
    for (const mb of [0.9, 2.1, 3.0, 4.4, 6.0, 7.2])
      last = meter.update(Math.ceil(mb), mb / 8, mb * 100);
    expect(last.totalMB).toBeCloseTo(8, 0);
  });

  it('says nothing it cannot know yet', () => {
    expect(createDownloadMeter().update(1, 0, 0)).toEqual({
      doneMB: 1,
      totalMB: null,
      mbPerS: null,
      secondsLeft: null,
    });
  });
});
