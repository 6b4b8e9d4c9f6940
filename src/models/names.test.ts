import { prebuiltAppConfig } from '@mlc-ai/web-llm';
import { describe, expect, it } from 'vitest';
import { buildCatalog, GGUF_CATALOG, toCatalogEntry } from './catalog';
import { distinguishNames, friendlyName, onBothEngines } from './names';

const catalog = buildCatalog(prebuiltAppConfig.model_list);
const nameOf = (id: string) => friendlyName(catalog.find((e) => e.id === id)!);
/** The id without what only the build changes: its quantization. */
const withoutQuantization = (id: string) => id.replace(/-q\d+f(16|32|bf16)(_\d+)?/i, '');

describe('friendlyName', () => {
  it.each([
    ['Llama-3.2-1B-Instruct-q4f32_1-MLC', 'Llama 3.2 · 1B'],
    ['Qwen3-0.6B-q4f32_1-MLC', 'Qwen3 · 0.6B · thinking'],
    ['Qwen2.5-Coder-1.5B-Instruct-q4f16_1-MLC', 'Qwen2.5 Coder · 1.5B'],
    ['gemma-2-2b-it-q4f32_1-MLC', 'Gemma 2 · 2B'],
    ['Phi-3.5-vision-instruct-q4f16_1-MLC', 'Phi 3.5 vision · 4.2B · vision'],
    ['Llama-3.1-8B-Instruct-q4f32_1-MLC-1k', 'Llama 3.1 · 8B · 1k context'],
    ['DeepSeek-R1-Distill-Qwen-7B-q4f16_1-MLC', 'DeepSeek R1 (Qwen) · 7B · thinking'],
    ['DeepSeek-R1-Distill-Llama-8B-q4f32_1-MLC', 'DeepSeek R1 (Llama) · 8B · thinking'],
    ['SmolLM2-360M-Instruct-q4f32_1-MLC', 'SmolLM2 · 360M'],
    ['TinyLlama-1.1B-Chat-v1.0-q4f32_1-MLC', 'TinyLlama v1.0 · 1.1B'],
    ['Hermes-3-Llama-3.2-3B-q4f32_1-MLC', 'Hermes 3 (Llama 3.2) · 3B'],
    ['Hermes-2-Pro-Mistral-7B-q4f16_1-MLC', 'Hermes 2 Pro (Mistral) · 7B'],
    ['Mistral-7B-Instruct-v0.3-q4f16_1-MLC', 'Mistral v0.3 · 7B'],
    ['gemma-4-E2B-it-q4f32_1-MLC', 'Gemma 4 · E2B'],
    ['gemma3-1b-it-q4f16_1-MLC', 'Gemma 3 · 1B'],
    ['gemma-2-2b-jpn-it-q4f32_1-MLC', 'Gemma 2 Japanese · 2B'],
    ['stablelm-2-zephyr-1_6b-q4f32_1-MLC', 'StableLM 2 Zephyr · 1.6B'],
    ['phi-1_5-q4f32_1-MLC', 'Phi 1.5 · 1.3B'],
    ['OLMo-2-1124-7B-Instruct-q4f32_1-MLC', 'OLMo 2 · 7B'],
    ['Ministral-3-3B-Instruct-2512-BF16-q4f32_1-MLC', 'Ministral 3 · 3B'],
    ['Ministral-3-3B-Reasoning-2512-q4f32_1-MLC', 'Ministral 3 Reasoning · 3B · thinking'],
  ])('%s is "%s"', (id, name) => {
    expect(nameOf(id)).toBe(name);
  });

  it('gives every prebuilt chat model a readable name, with none of its build in it', () => {
    for (const entry of catalog) {
      const name = friendlyName(entry);
      expect(name, entry.id).toMatch(/^[A-Z][\w.() ]* · (E?\d+(\.\d+)?[BM])( · [\w ]+)*$/);
      expect(name, entry.id).not.toMatch(/q\d+f|MLC|instruct|_|-/i);
    }
  });

  it('names two builds alike only when they differ by quantization alone', () => {
    const byName = new Map<string, Set<string>>();
    for (const entry of catalog) {
      const name = friendlyName(entry);
      byName.set(name, (byName.get(name) ?? new Set()).add(withoutQuantization(entry.id)));
    }
    for (const [name, models] of byName) expect([...models], name).toHaveLength(1);
    expect(nameOf('Llama-3.2-1B-Instruct-q4f16_1-MLC')).toBe(
      nameOf('Llama-3.2-1B-Instruct-q0f32-MLC'),
    );
  });

  it('keeps the name a custom model was given, or its id', () => {
    const custom = {
      ...toCatalogEntry({
        model: 'https://models.example/Llama-3.2-1B-Instruct-q4f32_1-MLC',
        model_id: 'custom:intranet-llama',
        model_lib: 'https://models.example/lib.wasm',
      }),
      custom: true,
    };
    expect(friendlyName(custom, 'Intranet Llama')).toBe('Intranet Llama');
    expect(friendlyName(custom)).toBe('custom:intranet-llama');
  });
});

describe('distinguishNames', () => {
  const catalog = [...buildCatalog(prebuiltAppConfig.model_list), ...GGUF_CATALOG];
  const find = (id: string) => catalog.find((e) => e.id === id);

  it('adds the engine, then the quantization, only where names coincide', () => {
    const ids = [
      'Llama-3.2-1B-Instruct-q4f32_1-MLC',
      'Llama-3.2-1B-Instruct-Q4_K_M-GGUF',
      'Llama-3.2-1B-Instruct-q0f32-MLC',
      'Qwen2.5-0.5B-Instruct-q4f32_1-MLC',
    ];
    const entries = ids.map(find);
    expect(
      distinguishNames(
        entries,
        entries.map((e) => friendlyName(e!)),
      ),
    ).toEqual([
      'Llama 3.2 · 1B · WebLLM · q4f32_1',
      'Llama 3.2 · 1B · llama.cpp',
      'Llama 3.2 · 1B · WebLLM · q0f32',
      'Qwen2.5 · 0.5B',
    ]);
    expect(distinguishNames([undefined, undefined], ['gone', 'gone'])).toEqual(['gone', 'gone']);
  });
});

describe('onBothEngines', () => {
  const both = [...catalog, ...GGUF_CATALOG];
  const entry = (id: string) => both.find((e) => e.id === id)!;

  it('holds where the same model can run here on the other engine too', () => {
    const gguf = entry('Llama-3.2-1B-Instruct-Q4_K_M-GGUF');
    expect(onBothEngines(gguf, both, () => true)).toBe(true);
    expect(onBothEngines(entry('Llama-3.2-1B-Instruct-q4f32_1-MLC'), both, () => true)).toBe(true);
    // Without WebGPU the WebLLM build cannot run: nothing to tell apart.
    expect(onBothEngines(gguf, both, (e) => e.engine === 'llamacpp')).toBe(false);
    // A model on one engine only.
    expect(onBothEngines(entry('Llama-3.2-3B-Instruct-q4f32_1-MLC'), catalog, () => true)).toBe(
      false,
    );
  });
});
