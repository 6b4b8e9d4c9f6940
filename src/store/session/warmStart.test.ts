import { prebuiltAppConfig } from '@mlc-ai/web-llm';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { WarmStartEnvironment } from './warmStart';

const loadModel = vi.fn(async (_modelId: string, _options?: { warm?: boolean }) => true);
vi.mock('./loadModel', () => ({ loadModel }));
vi.mock('../../engine/client', () => ({ getEngine: () => ({ call: {} }) }));
let lockFree = true;
let freed: () => void = () => undefined;
vi.mock('./tabLock', () => ({
  engineTabLock: {
    tryAcquire: async () => lockFree,
    whenFree: () => new Promise<void>((resolve) => (freed = resolve)),
    release: vi.fn(),
  },
}));

const { startWarmStart } = await import('./warmStart');
const { inflight } = await import('../inflight');
const { useChatStore } = await import('../chatStore');
const { useRuntimeStore } = await import('../runtimeStore');

const MODEL = 'Llama-3.2-1B-Instruct-q4f32_1-MLC';

/** A visible tab that does not save data, with MODEL downloaded; `visible` can be held back. */
function environment(overrides: Partial<WarmStartEnvironment> = {}) {
  let show: () => void = () => undefined;
  const env: WarmStartEnvironment = {
    whenVisible: () => Promise.resolve(),
    savesData: () => false,
    isDownloaded: async (id) => id === MODEL,
    ...overrides,
  };
  return {
    env,
    hidden(): WarmStartEnvironment {
      return { ...env, whenVisible: () => new Promise<void>((resolve) => (show = resolve)) };
    },
    show: () => show(),
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the warm start', () => {
  beforeEach(() => {
    loadModel.mockClear();
    lockFree = true;
    inflight.warm = null;
    useChatStore.setState({ selectedModelId: MODEL });
    useRuntimeStore.setState({
      prebuiltRecords: prebuiltAppConfig.model_list,
      engine: { status: 'idle' },
      generation: null,
    });
  });

  it('loads the chosen model, quietly, when it is on this device', async () => {
    startWarmStart(environment().env);
    await vi.waitFor(() => expect(loadModel).toHaveBeenCalledWith(MODEL, { warm: true }));
  });

  it('never downloads: a model not on this device waits for the first message', async () => {
    useChatStore.setState({ selectedModelId: 'Qwen2.5-0.5B-Instruct-q4f16_1-MLC' });
    startWarmStart(environment().env);
    await settle();
    expect(loadModel).not.toHaveBeenCalled();
  });

  it('not when the browser is asked to save data', async () => {
    startWarmStart(environment({ savesData: () => true }).env);
    await settle();
    expect(loadModel).not.toHaveBeenCalled();
  });

  it('waits until the tab is on screen', async () => {
    const tab = environment();
    startWarmStart(tab.hidden());
    await settle();
    expect(loadModel).not.toHaveBeenCalled();
    tab.show();
    await vi.waitFor(() => expect(loadModel).toHaveBeenCalledOnce());
  });

  it('waits while another tab holds the GPU, and loads once it lets go', async () => {
    lockFree = false;
    startWarmStart(environment().env);
    await settle();
    expect(loadModel).not.toHaveBeenCalled();
    lockFree = true;
    freed();
    await vi.waitFor(() => expect(loadModel).toHaveBeenCalledOnce());
  });

  it('stops when the user cancels or unloads before it began', async () => {
    const tab = environment();
    startWarmStart(tab.hidden());
    inflight.warm?.abort();
    tab.show();
    await settle();
    expect(loadModel).not.toHaveBeenCalled();
  });

  it('leaves alone a load or a reply the user started meanwhile', async () => {
    const tab = environment();
    startWarmStart(tab.hidden());
    useRuntimeStore.setState({
      engine: {
        status: 'loading',
        modelId: MODEL,
        warm: false,
        progress: null,
        download: null,
        lastReportAt: 0,
      },
    });
    tab.show();
    await settle();
    expect(loadModel).not.toHaveBeenCalled();
  });
});
