import { prebuiltAppConfig } from '@mlc-ai/web-llm';
import { describe, expect, it } from 'vitest';
import {
  assessFit,
  buildCatalog,
  describeQuantization,
  estimateDownloadMB,
  memoryWarning,
  recommendModel,
  GGUF_CATALOG,
  ggufCatalogEntry,
  smallerModels,
  toCatalogEntry,
  visionModels,
  type CatalogEntry,
} from './catalog';
import { gpuWith as gpu } from '../test/gpu';

/** The WebLLM record a catalog entry was made from. */
const recordOf = (entry: CatalogEntry) => {
  if (entry.model.engine !== 'webllm') throw new Error('not a WebLLM entry');
  return entry.model.record;
};

describe('catalog', () => {
  const records = prebuiltAppConfig.model_list;
  const catalog = buildCatalog(records);

  it('offers the vision models a device can run: without shader-f16, only the f32 build', () => {
    expect(visionModels(catalog, gpu(false)).map((e) => e.id)).toEqual([
      'Phi-3.5-vision-instruct-q4f32_1-MLC',
    ]);
    expect(visionModels(catalog, gpu(true)).map((e) => e.id)).toEqual([
      'Phi-3.5-vision-instruct-q4f16_1-MLC',
      'Phi-3.5-vision-instruct-q4f32_1-MLC',
    ]);
  });

  it('holds every chat model of prebuiltAppConfig (vision ones flagged) and no embedding model', () => {
    const chatModels = records.filter((r) => r.model_type !== 1);
    expect(catalog).toHaveLength(chatModels.length);
    expect(catalog.length).toBeGreaterThan(100);
    expect(catalog.some((e) => /snowflake/i.test(e.id))).toBe(false);
    expect(catalog.filter((e) => e.vision).length).toBe(
      records.filter((r) => r.model_type === 2).length,
    );
  });

  it('estimates downloads and describes quantization in words', () => {
    const entry = catalog.find((e) => e.id === 'Llama-3.2-1B-Instruct-q4f32_1-MLC')!;
    expect(describeQuantization(entry.quantization!)).toBe('4-bit weights, 32-bit math');
    expect(estimateDownloadMB(entry)).toBeCloseTo(1000 * (4.5 / 8) * 1.1, 0);
    expect(memoryWarning(entry, 8)).toBeNull();
    expect(memoryWarning({ ...entry, vramMB: 6000 }, 8)).toMatch(/about 8 GB/);
  });

  it('reads parameters and quantization from the id', () => {
    const entry = toCatalogEntry({
      model: 'https://x/Qwen2.5-1.5B-Instruct-q4f16_1-MLC',
      model_id: 'Qwen2.5-1.5B-Instruct-q4f16_1-MLC',
      model_lib: 'https://x/lib.wasm',
      overrides: { context_window_size: 4096 },
    });
    expect(entry).toMatchObject({
      family: 'Qwen',
      paramsB: 1.5,
      quantization: { code: 'q4f16_1', weightBits: 4, activation: 'f16' },
      needsShaderF16: true,
      contextWindow: 4096,
    });
    expect(
      toCatalogEntry({ ...recordOf(entry), model_id: 'SmolLM2-360M-Instruct-q0f32-MLC' }),
    ).toMatchObject({
      paramsB: 0.36,
      needsShaderF16: false,
    });
  });

  it('reads parameter counts written with an underscore, and knows those the id leaves out', () => {
    const params = (id: string) => catalog.find((e) => e.id === id)?.paramsB;
    expect(params('stablelm-2-zephyr-1_6b-q4f32_1-MLC')).toBe(1.6);
    expect(params('gemma-4-E2B-it-q4f32_1-MLC')).toBe(2);
    expect(params('Phi-3.5-vision-instruct-q4f16_1-MLC')).toBe(4.2);
    expect(params('Phi-3.5-mini-instruct-q4f32_1-MLC')).toBe(3.8);
    expect(params('phi-2-q4f32_1-MLC')).toBe(2.7);
    expect(catalog.filter((e) => e.paramsB === null).map((e) => e.id)).toEqual([]);
  });

  it('marks f16 models unfit on a device without shader-f16', () => {
    const f16 = catalog.find((e) => e.id === 'Llama-3.2-1B-Instruct-q4f16_1-MLC')!;
    expect(assessFit(f16, gpu(false))).toEqual({ ok: false, reason: 'needs-shader-f16' });
    expect(assessFit(f16, gpu(true))).toEqual({ ok: true });
  });

  it('marks models that need larger buffers than the device allows', () => {
    const entry = toCatalogEntry({ ...recordOf(catalog[0]!), buffer_size_required_bytes: 2 ** 31 });
    expect(assessFit(entry, gpu(true))).toEqual({ ok: false, reason: 'buffer-too-large' });
  });

  it('recommends a small instruct model the device can run', () => {
    const withoutF16 = recommendModel(catalog, gpu(false));
    expect(withoutF16?.id).toBe('Llama-3.2-1B-Instruct-q4f32_1-MLC');
    const withF16 = recommendModel(catalog, gpu(true));
    expect(withF16?.needsShaderF16).toBe(true);
    expect(withF16?.paramsB).toBeGreaterThanOrEqual(0.5);
    expect(withF16?.paramsB).toBeLessThanOrEqual(1.5);
  });

  it('reads a GGUF file name as WebLLM ids are read, and knows the exact download', () => {
    const entry = ggufCatalogEntry(
      {
        engine: 'llamacpp',
        id: 'gguf:qwen',
        url: 'https://h/q.gguf',
        bytes: 491_400_032,
        contextWindow: 4096,
      },
      'qwen2.5-0.5b-instruct-q4_k_m.gguf',
    );
    expect(entry).toMatchObject({
      engine: 'llamacpp',
      family: 'Qwen',
      paramsB: 0.5,
      quantization: { code: 'Q4_K_M', weightBits: 4, activation: 'f32' },
      needsShaderF16: false,
      contextWindow: 4096,
      downloadUrl: 'https://h/q.gguf',
    });
    expect(estimateDownloadMB(entry)).toBeCloseTo(468.6, 1);
    expect(assessFit(entry, gpu(false))).toEqual({ ok: true });
  });

  it('without WebGPU, only llama.cpp can run, and a GGUF build of about 1B is the one to use', () => {
    const noGpu = { status: 'unavailable', reason: 'no-adapter' } as const;
    const added = {
      ...ggufCatalogEntry(
        { engine: 'llamacpp', id: 'gguf:tiny', contextWindow: 4096 },
        'tiny.gguf',
      ),
      custom: true,
    };
    const webllm = catalog.find((e) => e.id === 'Llama-3.2-1B-Instruct-q4f32_1-MLC')!;
    expect(assessFit(webllm, noGpu)).toEqual({ ok: false, reason: 'needs-webgpu' });
    expect(assessFit(added, noGpu)).toEqual({ ok: true });
    const both = [added, ...catalog, ...GGUF_CATALOG];
    // Gemma 3 1B and Llama 3.2 1B are as close to 1B; Gemma's file is the smaller.
    expect(recommendModel(both, noGpu)?.id).toBe('gemma-3-1b-it-Q4_K_M-GGUF');
    expect(recommendModel([webllm], noGpu)).toBeUndefined();
    // With WebGPU, WebLLM's builds are recommended, GGUF builds beside them or not.
    expect(recommendModel(both, gpu(false))?.id).toBe('Llama-3.2-1B-Instruct-q4f32_1-MLC');
  });

  it('after running out of memory, suggests smaller builds for the same engine', () => {
    const noGpu = { status: 'unavailable', reason: 'no-adapter' } as const;
    const both = [...catalog, ...GGUF_CATALOG];
    const llama3b = GGUF_CATALOG.find((e) => e.id === 'Llama-3.2-3B-Instruct-Q4_K_M-GGUF')!;
    const smaller = smallerModels(both, llama3b, noGpu);
    expect(smaller.length).toBeGreaterThan(0);
    expect(smaller.every((e) => e.engine === 'llamacpp' && e.vramMB! < llama3b.vramMB!)).toBe(true);
  });
});
