import { prebuiltAppConfig } from '@mlc-ai/web-llm';
import { describe, expect, it } from 'vitest';
import { buildCatalog, GGUF_CATALOG } from './catalog';
import {
  buildToFollow,
  describeFollowed,
  describeVerdict,
  engineVerdicts,
  settledVerdicts,
} from './fasterEngine';
import { pickModels } from './picks';
import { swiftShader } from '../test/gpu';

const catalog = [...buildCatalog(prebuiltAppConfig.model_list), ...GGUF_CATALOG];
const WEBLLM = 'Llama-3.2-1B-Instruct-q4f32_1-MLC';
const GGUF = 'Llama-3.2-1B-Instruct-Q4_K_M-GGUF';

describe('which engine is faster here', () => {
  it('says so only for a model measured on both engines, from its faster build on each', () => {
    const verdicts = engineVerdicts(catalog, {
      [WEBLLM]: 14.2,
      'Llama-3.2-1B-Instruct-q0f32-MLC': 9,
      [GGUF]: 23.4,
      'Qwen2.5-0.5B-Instruct-q4f32_1-MLC': 40,
    });
    expect([...verdicts.keys()]).toEqual(['Llama 3.2 · 1B']);
    const verdict = verdicts.get('Llama 3.2 · 1B')!;
    expect(verdict.faster).toBe('llamacpp');
    expect(verdict.measured.webllm.modelId).toBe(WEBLLM);
    expect(describeVerdict(verdict)).toBe('Measured here: 23 tokens/s on llama.cpp, 14 on WebLLM.');
  });

  it('makes the pick the faster engine’s build of the same model', () => {
    const before = pickModels(catalog, swiftShader, 8);
    expect(before.find((p) => p.kind === 'balanced')?.entry.id).toBe(WEBLLM);
    const faster = engineVerdicts(catalog, { [WEBLLM]: 14, [GGUF]: 23 });
    const after = pickModels(catalog, swiftShader, 8, faster);
    expect(after.find((p) => p.kind === 'balanced')?.entry.id).toBe(GGUF);
    expect(after.filter((p) => p.kind !== 'balanced')).toEqual(
      before.filter((p) => p.kind !== 'balanced'),
    );
    // Measured slower on llama.cpp: the WebLLM build stays.
    const slower = engineVerdicts(catalog, { [WEBLLM]: 30, [GGUF]: 23 });
    expect(pickModels(catalog, swiftShader, 8, slower)).toEqual(before);
  });

  it('moves the chosen model only on a new or turned verdict, and only off the slower build', () => {
    const byId = (id: string) => catalog.find((e) => e.id === id);
    const runs = () => true;
    const none = engineVerdicts(catalog, { [WEBLLM]: 14 });
    const llamaFaster = engineVerdicts(catalog, { [WEBLLM]: 14, [GGUF]: 23 });
    const settled = settledVerdicts(none, llamaFaster);
    const follow = buildToFollow(byId(WEBLLM), catalog, settled, runs);
    expect(follow?.id).toBe(GGUF);
    expect(describeFollowed(follow!, settled.get('Llama 3.2 · 1B')!)).toBe(
      'Nook will use the llama.cpp build of Llama 3.2 · 1B on this device: it ran 23 tokens/s against 14 on WebLLM.',
    );
    // Already the faster build, or a build that cannot run here: nothing moves.
    expect(buildToFollow(byId(GGUF), catalog, settled, runs)).toBeNull();
    expect(buildToFollow(byId(WEBLLM), catalog, settled, () => false)).toBeNull();
    // A verdict measured again the same way settles nothing: a build the user picked stays.
    const again = engineVerdicts(catalog, { [WEBLLM]: 15, [GGUF]: 22 });
    expect(settledVerdicts(llamaFaster, again).size).toBe(0);
    expect(
      buildToFollow(byId(WEBLLM), catalog, settledVerdicts(llamaFaster, again), runs),
    ).toBeNull();
    // A verdict that turns does.
    const turned = settledVerdicts(
      llamaFaster,
      engineVerdicts(catalog, { [WEBLLM]: 30, [GGUF]: 22 }),
    );
    expect(buildToFollow(byId(GGUF), catalog, turned, runs)?.id).toBe(WEBLLM);
  });
});
