import { prebuiltAppConfig } from '@mlc-ai/web-llm';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { LoadProgress } from '../../engine/protocol';
import type { EngineModel } from '../../models/engineModel';
import { parseLoadProgress } from '../../engine/webllm/loadProgress';

/** The engine, faked at its gateway: a load that reports WebLLM's progress texts, as the worker parses them. */
let reports: string[] = [];
/** Resolved when the fake load may finish. */
let loadMayEnd: Promise<void> = Promise.resolve();
const engine = {
  load: vi.fn(
    async (
      { model }: { model: EngineModel },
      options?: { onProgress?: (progress: LoadProgress) => void },
    ) => {
      reports.forEach((text, i) =>
        options?.onProgress?.(
          parseLoadProgress({ progress: (i + 1) / reports.length, timeElapsed: i, text }),
        ),
      );
      await loadMayEnd;
      const modelId = model.engine === 'webllm' ? model.record.model_id : model.id;
      return { modelId, loadTimeS: 2.5, device: 'WebGPU' };
    },
  ),
};
vi.mock('../../engine/client', () => ({ getEngine: () => ({ call: engine }) }));
vi.mock('./modelFiles', () => ({
  afterModelCached: async () => undefined,
  refreshModelCache: async () => undefined,
}));

const { loadModel } = await import('./loadModel');
const { useRuntimeStore } = await import('../runtimeStore');

const MODEL = 'Llama-3.2-1B-Instruct-q4f32_1-MLC';

describe('loadModel records where the model came from', () => {
  beforeEach(() => {
    useRuntimeStore.setState({
      prebuiltRecords: prebuiltAppConfig.model_list,
      engine: { status: 'idle' },
      lastLoad: null,
    });
  });

  it('from the network when WebLLM fetched any of it', async () => {
    reports = [
      'Fetching param cache[1/2]: 300MB fetched. 50% completed, 1 secs elapsed.',
      'Loading GPU shader modules[1/1]: 100% completed',
      'Finish loading on WebGPU - google',
    ];
    expect(await loadModel(MODEL)).toBe(true);
    expect(useRuntimeStore.getState().lastLoad).toEqual({
      modelId: MODEL,
      loadTimeS: 2.5,
      source: 'network',
      device: 'WebGPU',
    });
  });

  it('from the cache when it only read what is on the device', async () => {
    reports = [
      'Loading model from cache[1/2]: 300MB loaded. 50% completed, 1 secs elapsed.',
      'Loading GPU shader modules[1/1]: 100% completed',
      'Finish loading on WebGPU - google',
    ];
    expect(await loadModel(MODEL)).toBe(true);
    expect(useRuntimeStore.getState().lastLoad?.source).toBe('cache');
  });
});

describe('asking for the model that is loading', () => {
  beforeEach(() => {
    reports = ['Loading model from cache[1/2]: 300MB loaded. 50% completed, 1 secs elapsed.'];
    useRuntimeStore.setState({
      prebuiltRecords: prebuiltAppConfig.model_list,
      engine: { status: 'idle' },
    });
    engine.load.mockClear();
  });

  it('waits for that load instead of starting it again, and makes a warm load a visible one', async () => {
    let end: () => void = () => undefined;
    loadMayEnd = new Promise((resolve) => (end = resolve));
    const warm = loadModel(MODEL, { warm: true });
    await vi.waitFor(() => expect(useRuntimeStore.getState().engine.status).toBe('loading'));
    expect(useRuntimeStore.getState().engine).toMatchObject({ warm: true });
    const asked = loadModel(MODEL);
    expect(useRuntimeStore.getState().engine).toMatchObject({ status: 'loading', warm: false });
    end();
    expect(await asked).toBe(true);
    expect(await warm).toBe(true);
    expect(engine.load).toHaveBeenCalledTimes(1);
  });
});
