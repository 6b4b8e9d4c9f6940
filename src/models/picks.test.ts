import { prebuiltAppConfig } from '@mlc-ai/web-llm';
import { describe, expect, it } from 'vitest';
import { assessFit, buildCatalog, GGUF_CATALOG, memoryWarning, recommendModel } from './catalog';
import { strengthsOf } from './strengths';
import { pickModels } from './picks';
import { gpuWith as gpu, swiftShader } from '../test/gpu';

const catalog = buildCatalog(prebuiltAppConfig.model_list);

describe('pickModels', () => {
  it('on SwiftShader picks three different f32 builds: fastest, balanced, most capable', () => {
    const picks = pickModels(catalog, swiftShader, 8);
    expect(picks.map((p) => p.kind)).toEqual(['fastest', 'balanced', 'capable']);
    expect(new Set(picks.map((p) => p.entry.id)).size).toBe(3);
    for (const { entry } of picks) {
      expect(entry.id).toMatch(/-q[04]f32/);
      expect(assessFit(entry, swiftShader).ok).toBe(true);
    }
    const [fastest, balanced, capable] = picks.map((p) => p.entry.paramsB!);
    expect(fastest).toBeLessThan(balanced!);
    expect(capable).toBeGreaterThan(balanced!);
    expect(picks[1]!.entry).toBe(recommendModel(catalog, swiftShader));
  });

  it('suggests only current general chat models with their full context', () => {
    for (const memory of [2, 4, 8, 16, undefined]) {
      for (const { kind, entry } of pickModels(catalog, gpu(true), memory)) {
        if (kind === 'balanced') continue; // recommendModel's own rules
        expect(strengthsOf(entry).suggest, entry.id).toBe(true);
        expect(entry.contextWindow, entry.id).toBeGreaterThan(2048);
      }
    }
  });

  it('picks the most capable model that fits the memory the browser reports', () => {
    const capable = (memory: number | undefined) =>
      pickModels(catalog, gpu(true), memory).find((p) => p.kind === 'capable')?.entry;
    const small = capable(4)!;
    const large = capable(16)!;
    expect(memoryWarning(small, 4)).toBeNull();
    expect(large.paramsB).toBeGreaterThan(small.paramsB!);
    // A browser that does not say is treated as a laptop with 8 GB.
    expect(capable(undefined)).toBe(capable(8));
  });

  it('on the processor picks GGUF builds of 0.5B to 1.5B parameters; on WebGPU, WebLLM builds', () => {
    const both = [...catalog, ...GGUF_CATALOG];
    const noGpu = { status: 'unavailable', reason: 'no-webgpu-api' } as const;
    const picks = pickModels(both, noGpu, 8);
    expect(picks.map((p) => [p.kind, p.entry.id])).toEqual([
      ['fastest', 'Qwen2.5-0.5B-Instruct-Q4_K_M-GGUF'],
      ['balanced', 'gemma-3-1b-it-Q4_K_M-GGUF'],
      ['capable', 'Qwen2.5-1.5B-Instruct-Q4_K_M-GGUF'],
    ]);
    expect(pickModels(both, swiftShader, 8)).toEqual(pickModels(catalog, swiftShader, 8));
  });

  it('shows fewer picks when they would coincide', () => {
    // 2 GB: nothing larger than the balanced pick fits, so there is no "most capable".
    const picks = pickModels(catalog, swiftShader, 2);
    expect(picks.map((p) => p.kind)).toEqual(['fastest', 'balanced']);
    const onlyOne = catalog.filter((e) => e.id === 'Llama-3.2-1B-Instruct-q4f32_1-MLC');
    expect(pickModels(onlyOne, swiftShader, 8).map((p) => p.kind)).toEqual(['balanced']);
    expect(pickModels([], swiftShader, 8)).toEqual([]);
  });
});

describe('strengthsOf', () => {
  it('says what every prebuilt chat model is good at', () => {
    for (const entry of catalog) {
      expect(strengthsOf(entry).goodAt, entry.id).not.toBe('General chat');
    }
    const goodAt = (id: string) => strengthsOf(catalog.find((e) => e.id === id)!).goodAt;
    expect(goodAt('Qwen2.5-Coder-1.5B-Instruct-q4f32_1-MLC')).toMatch(/code/);
    expect(goodAt('DeepSeek-R1-Distill-Qwen-7B-q4f16_1-MLC')).toMatch(/Reasoning/);
    expect(goodAt('gemma-2-2b-jpn-it-q4f32_1-MLC')).toMatch(/Japanese/);
    const suggested = (id: string) => strengthsOf(catalog.find((e) => e.id === id)!).suggest;
    expect(suggested('gemma-2-2b-it-q4f32_1-MLC')).toBe(true);
    expect(suggested('gemma-2b-it-q4f32_1-MLC')).toBe(false); // the first Gemma
    expect(suggested('Qwen2.5-Math-1.5B-Instruct-q4f32_1-MLC')).toBe(false);
  });
});
