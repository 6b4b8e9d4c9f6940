import { prebuiltAppConfig } from '@mlc-ai/web-llm';
import { describe, expect, it } from 'vitest';
import { assessFit, buildCatalog } from '../../models/catalog';
import { pickModels } from '../../models/picks';
import { compareCandidates, initialChoice } from './candidates';
import { swiftShader } from '../../test/gpu';

const catalog = buildCatalog(prebuiltAppConfig.model_list);
const picks = pickModels(catalog, swiftShader, 8);
const GEMMA = 'gemma-2-2b-it-q4f32_1-MLC';

describe('compare candidates', () => {
  it('offers only models this device runs: downloaded first, then the picks', () => {
    const cache = { [GEMMA]: { state: 'complete' as const, bytes: 1 } };
    const candidates = compareCandidates(catalog, swiftShader, cache, picks);
    expect(candidates.every((c) => assessFit(c.entry, swiftShader).ok)).toBe(true);
    expect(candidates[0]?.entry.id).toBe(GEMMA);
    expect(candidates.slice(1, 1 + picks.length).map((c) => c.entry.id)).toEqual(
      expect.arrayContaining(picks.map((p) => p.entry.id)),
    );
  });

  it('starts with the downloaded models, topped up to two with the smallest picks', () => {
    const none = compareCandidates(catalog, swiftShader, null, picks);
    const smallest = initialChoice(none, undefined, 3);
    expect(smallest).toHaveLength(2);
    // Never the multi-gigabyte "most capable" pick unasked.
    expect(smallest).not.toContain(picks.find((p) => p.kind === 'capable')?.entry.id);

    const cache = { [GEMMA]: { state: 'complete' as const, bytes: 1 } };
    const one = initialChoice(compareCandidates(catalog, swiftShader, cache, picks), undefined, 3);
    expect(one[0]).toBe(GEMMA);
    expect(one).toHaveLength(2);
  });

  it('starts with the models asked for, when they can run here', () => {
    const candidates = compareCandidates(catalog, swiftShader, null, picks);
    const f16Only = 'Llama-3.2-1B-Instruct-q4f16_1-MLC';
    expect(initialChoice(candidates, [GEMMA, f16Only], 3)).toEqual([GEMMA]);
  });
});
