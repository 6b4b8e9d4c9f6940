import { describe, expect, it } from 'vitest';
import { GGUF_CATALOG } from './catalog';
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
