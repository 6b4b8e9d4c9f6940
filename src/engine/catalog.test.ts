import { prebuiltAppConfig } from '@mlc-ai/web-llm';
import { describe, expect, it } from 'vitest';
import type { GpuCapabilities } from './capabilities';
import { assessFit, buildCatalog, recommendModel, toCatalogEntry } from './catalog';

const gpu = (shaderF16: boolean): GpuCapabilities => ({
  status: 'available',
  adapter: { vendor: 'google', architecture: 'swiftshader', device: '', description: '' },
  shaderF16,
  maxStorageBufferBindingSize: 2 ** 30,
  maxBufferSize: 2 ** 30,
  features: [],
});

describe('catalog', () => {
  const records = prebuiltAppConfig.model_list;
  const catalog = buildCatalog(records);

  it('holds every LLM record of prebuiltAppConfig and no embedding model', () => {
    const llms = records.filter((r) => (r.model_type ?? 0) === 0);
    expect(catalog).toHaveLength(llms.length);
    expect(catalog.length).toBeGreaterThan(100);
    expect(catalog.some((e) => /snowflake/i.test(e.id))).toBe(false);
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
      toCatalogEntry({ ...entry.record, model_id: 'SmolLM2-360M-Instruct-q0f32-MLC' }),
    ).toMatchObject({
      paramsB: 0.36,
      needsShaderF16: false,
    });
  });

  it('marks f16 models unfit on a device without shader-f16', () => {
    const f16 = catalog.find((e) => e.id === 'Llama-3.2-1B-Instruct-q4f16_1-MLC')!;
    expect(assessFit(f16, gpu(false))).toEqual({ ok: false, reason: 'needs-shader-f16' });
    expect(assessFit(f16, gpu(true))).toEqual({ ok: true });
  });

  it('marks models that need larger buffers than the device allows', () => {
    const entry = toCatalogEntry({ ...catalog[0]!.record, buffer_size_required_bytes: 2 ** 31 });
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
});
