import { getEngine } from '../../engine/client';
import { classifyError } from '../../engine/errors';
import { createDownloadMeter } from '../../lib/downloadMeter';
import { findCatalogEntry } from '../catalog';
import { useRuntimeStore } from '../runtimeStore';
import { inflight } from '../inflight';
import { explainOffline } from './network';
import { engineTabLock } from './tabLock';
import { afterModelCached, refreshModelCache } from './modelFiles';

/** The load under way, so asking for the same model again waits for it instead of restarting it. */
let current: { modelId: string; done: Promise<boolean> } | null = null;

export interface LoadOptions {
  /**
   * Started by Nook before anyone asked (the warm start): the status shows it quietly until
   * someone waits for it.
   */
  warm?: boolean;
}

/**
 * Loads a model into the engine, reporting progress, speed and time left. Resolves true when it is
 * ready; false when the load failed (the error is in runtimeStore.engine) or was cancelled. A load
 * of the same model already under way is joined, not restarted.
 */
export function loadModel(modelId: string, { warm = false }: LoadOptions = {}): Promise<boolean> {
  if (current?.modelId === modelId) {
    const { engine } = useRuntimeStore.getState();
    // Someone now waits for it: it is no longer quiet.
    if (!warm && engine.status === 'loading' && engine.warm) {
      useRuntimeStore.setState({ engine: { ...engine, warm: false } });
    }
    return current.done;
  }
  const load = { modelId, done: startLoad(modelId, warm) };
  current = load;
  void load.done.finally(() => {
    if (current === load) current = null;
  });
  return load.done;
}

async function startLoad(modelId: string, warm: boolean): Promise<boolean> {
  const entry = findCatalogEntry(modelId);
  if (!entry) {
    useRuntimeStore.setState({
      engine: {
        status: 'error',
        modelId,
        error: { code: 'unknown', detail: `No model ${modelId}` },
      },
    });
    return false;
  }
  // One tab at a time holds a model; another tab's model is not pushed off without the user's say.
  if (!(await engineTabLock.tryAcquire())) {
    useRuntimeStore.setState({ engine: { status: 'elsewhere' } });
    return false;
  }
  inflight.load?.abort();
  const controller = new AbortController();
  inflight.load = controller;
  const meter = createDownloadMeter();
  const loading = { status: 'loading', modelId } as const;
  const isWarm = () => {
    const { engine } = useRuntimeStore.getState();
    return engine.status === 'loading' && engine.modelId === modelId ? engine.warm : warm;
  };
  useRuntimeStore.setState({
    engine: { ...loading, warm, progress: null, download: null, lastReportAt: performance.now() },
  });
  // WebLLM reports "Fetching param cache" only for files it downloads; a load without it read cache.
  let downloaded = false;
  try {
    const { loadTimeS, device } = await getEngine().call.load(
      { model: entry.model },
      {
        signal: controller.signal,
        onProgress: (progress) => {
          if (progress.phase === 'downloading') downloaded = true;
          const now = performance.now();
          const previous = useRuntimeStore.getState().engine;
          const download =
            progress.phase === 'downloading' && progress.megabytes !== null
              ? meter.update(progress.megabytes, progress.fraction, now)
              : previous.status === 'loading'
                ? previous.download
                : null;
          useRuntimeStore.setState({
            engine: { ...loading, warm: isWarm(), progress, download, lastReportAt: now },
          });
        },
      },
    );
    useRuntimeStore.setState({
      engine: { status: 'ready', modelId, loadTimeS, device },
      lastLoad: { modelId, loadTimeS, source: downloaded ? 'network' : 'cache', device },
    });
    void afterModelCached();
    return true;
  } catch (err) {
    // Offline, a failed download is the network's absence, not a missing file.
    const error = explainOffline(classifyError(err), useRuntimeStore.getState().online);
    // A load cancelled because another one took its place leaves the status to that one.
    if (inflight.load === controller) {
      useRuntimeStore.setState({
        engine: error.code === 'aborted' ? { status: 'idle' } : { status: 'error', modelId, error },
      });
    }
    // What the failed attempt left on the device decides whether Repair is offered.
    void refreshModelCache();
    return false;
  } finally {
    if (inflight.load === controller) inflight.load = null;
  }
}

export function cancelLoad(): void {
  inflight.warm?.abort();
  inflight.load?.abort();
}

/** The model is ready now, or gets loaded (with progress shown) before the caller goes on. */
export async function ensureModelLoaded(modelId: string): Promise<boolean> {
  const { engine } = useRuntimeStore.getState();
  if (engine.status === 'ready' && engine.modelId === modelId) return true;
  return loadModel(modelId);
}
