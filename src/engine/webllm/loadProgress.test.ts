import { describe, expect, it } from 'vitest';
import { parseLoadProgress } from './loadProgress';

describe('parseLoadProgress', () => {
  it('reads the download phase and megabytes from WebLLM text', () => {
    const progress = parseLoadProgress({
      progress: 0.15,
      timeElapsed: 3,
      text: 'Fetching param cache[3/20]: 120MB fetched. 15% completed, 3 secs elapsed. It can take a while…',
    });
    expect(progress).toMatchObject({ phase: 'downloading', fraction: 0.15, megabytes: 120 });
  });

  it('tells reading from the cache and compiling shaders apart', () => {
    expect(
      parseLoadProgress({
        progress: 0.5,
        timeElapsed: 1,
        text: 'Loading model from cache[2/4]: 300MB loaded.',
      }),
    ).toMatchObject({ phase: 'reading-cache', megabytes: 300 });
    expect(
      parseLoadProgress({
        progress: 0.25,
        timeElapsed: 1,
        text: 'Loading GPU shader modules[2/8]: 25% completed',
      }),
    ).toMatchObject({ phase: 'compiling-shaders', megabytes: null });
    expect(
      parseLoadProgress({ progress: 1, timeElapsed: 9, text: 'Finish loading on WebGPU - x' })
        .phase,
    ).toBe('ready');
  });
});
