import { describe, expect, it } from 'vitest';
import { GGUF_CATALOG, type CatalogEntry } from './catalog';
import { describeProcessorSpeed, estimateProcessorTokensPerS } from './processorSpeed';
import { gpuWith } from '../test/gpu';

const noGpu = { status: 'unavailable', reason: 'no-adapter' } as const;
const build = (id: string) => GGUF_CATALOG.find((e) => e.id === id)!;

describe('the processor speed estimate', () => {
  it('falls with the file size, from a laptop that read about 10 GB of weights a second', () => {
    const small = estimateProcessorTokensPerS(build('Qwen2.5-0.5B-Instruct-Q4_K_M-GGUF'), noGpu)!;
    const large = estimateProcessorTokensPerS(build('Llama-3.2-3B-Instruct-Q4_K_M-GGUF'), noGpu)!;
    expect(describeProcessorSpeed(small)).toBe('about 25 tokens/s on a typical laptop’s processor');
    expect(describeProcessorSpeed(large)).toBe('about 5 tokens/s on a typical laptop’s processor');
  });

  it('is not given where llama.cpp runs on the GPU, or for WebLLM', () => {
    const qwen = build('Qwen2.5-0.5B-Instruct-Q4_K_M-GGUF');
    expect(estimateProcessorTokensPerS(qwen, gpuWith(true))).toBeNull();
    expect(estimateProcessorTokensPerS(qwen, gpuWith(false))).not.toBeNull();
    const unknownSize: CatalogEntry = {
      ...qwen,
      model: { engine: 'llamacpp', id: 'x', contextWindow: 4096 },
    };
    expect(estimateProcessorTokensPerS(unknownSize, noGpu)).toBeNull();
  });
});
