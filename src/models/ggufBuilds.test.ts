import { describe, expect, it } from 'vitest';
import { prebuiltAppConfig } from '@mlc-ai/web-llm';
import { quirksFor } from '../prompts/modelQuirks';
import { buildCatalog, GGUF_CATALOG } from './catalog';
import { GGUF_BUILDS } from './ggufBuilds';
import { friendlyName } from './names';
import { strengthsOf } from './strengths';

/** The most wllama loads from one file (its README: "Max file size is 2GB"). */
const WLLAMA_FILE_LIMIT = 2 ** 31;

describe('the GGUF builds', () => {
  it('each download one file from Hugging Face that wllama can load', () => {
    for (const entry of GGUF_CATALOG) {
      expect(entry.engine, entry.id).toBe('llamacpp');
      const url = new URL(entry.downloadUrl!);
      expect(url.origin, entry.id).toBe('https://huggingface.co');
      expect(url.pathname, entry.id).toMatch(/^\/[\w.-]+\/[\w.-]+\/resolve\/main\/[\w.-]+\.gguf$/);
      if (entry.model.engine !== 'llamacpp') throw new Error('not a GGUF model');
      expect(entry.model.bytes, entry.id).toBeLessThan(WLLAMA_FILE_LIMIT);
    }
  });

  it('read as WebLLM builds are read: a family, a size, a quantization and what it is good at', () => {
    for (const entry of GGUF_CATALOG) {
      expect(entry.family, entry.id).not.toBe('Other');
      expect(entry.paramsB, entry.id).not.toBeNull();
      expect(entry.quantization?.weightBits, entry.id).toBeGreaterThanOrEqual(3);
      expect(strengthsOf(entry).goodAt, entry.id).not.toBe('General chat');
      expect(friendlyName(entry), entry.id).not.toMatch(/GGUF|Q\d/i);
    }
    const name = (id: string) => friendlyName(GGUF_CATALOG.find((e) => e.id === id)!);
    expect(name('Qwen2.5-0.5B-Instruct-Q4_K_M-GGUF')).toBe('Qwen2.5 · 0.5B');
    expect(name('gemma-3-1b-it-Q4_K_M-GGUF')).toBe('Gemma 3 · 1B');
    expect(name('SmolLM2-360M-Instruct-Q8_0-GGUF')).toBe('SmolLM2 · 360M');
    expect(name('Qwen3-0.6B-Q8_0-GGUF')).toBe('Qwen3 · 0.6B · thinking');
    expect(name('Qwen3-1.7B-Q4_K_M-GGUF')).toBe('Qwen3 · 1.7B · thinking');
  });

  it('are listed smallest first, each once', () => {
    const sizes = GGUF_BUILDS.map((b) => b.listedMB);
    expect(sizes).toEqual([...sizes].sort((a, b) => a - b));
    expect(new Set(GGUF_BUILDS.map((b) => b.id)).size).toBe(GGUF_BUILDS.length);
    expect(
      new Set(GGUF_BUILDS.map((b) => friendlyName(GGUF_CATALOG.find((e) => e.id === b.id)!))).size,
    ).toBe(GGUF_BUILDS.length);
  });
});

describe('Qwen3 on llama.cpp', () => {
  it('shares its name with its WebLLM builds, and its thinking can be switched off', () => {
    const webllm = buildCatalog(prebuiltAppConfig.model_list);
    for (const [gguf, mlc] of [
      ['Qwen3-0.6B-Q8_0-GGUF', 'Qwen3-0.6B-q4f16_1-MLC'],
      ['Qwen3-1.7B-Q4_K_M-GGUF', 'Qwen3-1.7B-q4f16_1-MLC'],
    ] as const) {
      const entry = GGUF_CATALOG.find((e) => e.id === gguf)!;
      expect(friendlyName(entry)).toBe(friendlyName(webllm.find((e) => e.id === mlc)!));
      expect(quirksFor(gguf).thinking).toBe('toggle');
    }
  });
});
