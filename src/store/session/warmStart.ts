import { getEngine } from '../../engine/client';
import { findCatalogEntry } from '../catalog';
import { useChatStore } from '../chatStore';
import { inflight } from '../inflight';
import { useRuntimeStore } from '../runtimeStore';
import { loadModel } from './loadModel';
import { engineTabLock } from './tabLock';

/** What the warm start asks of the browser, so unit tests can hand it their own. */
export interface WarmStartEnvironment {
  /** Resolves when the tab is on screen (at once if it is); rejects when `signal` aborts. */
  whenVisible(signal: AbortSignal): Promise<void>;
  /** The user asked the browser to save data (Network Information API's `saveData`). */
  savesData(): boolean;
  /** Whether the model's files are all on this device. */
  isDownloaded(modelId: string): Promise<boolean>;
}

export const browserEnvironment: WarmStartEnvironment = {
  whenVisible(signal) {
    if (document.visibilityState === 'visible') return Promise.resolve();
    return new Promise((resolve, reject) => {
      const settle = (done: () => void) => () => {
        document.removeEventListener('visibilitychange', onChange);
        signal.removeEventListener('abort', onAbort);
        done();
      };
      const onAbort = settle(() => reject(signal.reason as Error));
      const onVisible = settle(resolve);
      const onChange = () => {
        if (document.visibilityState === 'visible') onVisible();
      };
      document.addEventListener('visibilitychange', onChange);
      signal.addEventListener('abort', onAbort);
    });
  },
  savesData: () =>
    (navigator as Navigator & { connection?: { saveData?: boolean } }).connection?.saveData ===
    true,
  async isDownloaded(modelId) {
    const entry = findCatalogEntry(modelId);
    if (!entry) return false;
    const status = await getEngine().call.cacheStatus({ models: [entry.model] });
    return status[modelId]?.state === 'complete';
  },
};

/**
 * The warm start: when the chosen model is already on this device, it starts loading as Nook
 * opens (or once the tab is on screen, or once another tab lets go of the GPU), so the first
 * message streams as soon as the load is done instead of waiting for all of it. Never a download:
 * a model not on the device (on a metered connection or not) waits for the first message; nor
 * when the browser is asked to save data. A failed warm load reports like any other. Unload and
 * Cancel stop it (`inflight.warm`); so does a load the user asks for, by taking its place.
 */
export function startWarmStart(environment: WarmStartEnvironment = browserEnvironment): void {
  inflight.warm?.abort();
  const controller = new AbortController();
  inflight.warm = controller;
  warm(controller.signal, environment)
    .catch(() => undefined) // stopped, or the worker could not say what is downloaded
    .finally(() => {
      if (inflight.warm === controller) inflight.warm = null;
    });
}

/** Idle, or idle because another tab took the GPU: nothing else is under way or asked for. */
function nothingUnderWay(): boolean {
  const { engine, generation } = useRuntimeStore.getState();
  return (engine.status === 'idle' || engine.status === 'elsewhere') && generation === null;
}

async function warm(signal: AbortSignal, environment: WarmStartEnvironment): Promise<void> {
  if (environment.savesData()) return;
  for (;;) {
    await environment.whenVisible(signal);
    const modelId = useChatStore.getState().selectedModelId;
    if (!modelId || !nothingUnderWay() || !(await environment.isDownloaded(modelId))) return;
    signal.throwIfAborted();
    if (!nothingUnderWay()) return;
    // Another tab's model is not pushed off: wait until that tab lets go, then look again.
    if (!(await engineTabLock.tryAcquire())) {
      await engineTabLock.whenFree(signal);
      continue;
    }
    // A load the user asked for may hold the lock now; only an unused one is given back.
    if (!nothingUnderWay()) return;
    if (signal.aborted) {
      engineTabLock.release();
      return;
    }
    await loadModel(modelId, { warm: true });
    return;
  }
}
