import { getEngine } from '../../engine/client';
import { classifyError } from '../../engine/errors';
import { parseLoadProgress } from '../../engine/loadProgress';
import { findCatalogEntry } from '../catalog';
import { useRuntimeStore } from '../runtimeStore';
import { inflight } from './inflight';

/**
 * Loads a model into the engine, reporting progress. Resolves true when it is ready; false when the
 * load failed (the error is in runtimeStore.engine) or was cancelled (engine back to idle).
 */
export async function loadModel(modelId: string): Promise<boolean> {
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
  inflight.load?.abort();
  const controller = new AbortController();
  inflight.load = controller;
  useRuntimeStore.setState({ engine: { status: 'loading', modelId, progress: null } });
  try {
    const { loadTimeS } = await getEngine().load(entry.record, {
      signal: controller.signal,
      onProgress: (report) =>
        useRuntimeStore.setState({
          engine: { status: 'loading', modelId, progress: parseLoadProgress(report) },
        }),
    });
    useRuntimeStore.setState({ engine: { status: 'ready', modelId, loadTimeS } });
    return true;
  } catch (err) {
    const error = classifyError(err);
    useRuntimeStore.setState({
      engine: error.code === 'aborted' ? { status: 'idle' } : { status: 'error', modelId, error },
    });
    return false;
  } finally {
    if (inflight.load === controller) inflight.load = null;
  }
}

export function cancelLoad(): void {
  inflight.load?.abort();
}

/** The model is ready now, or gets loaded (with progress shown) before the caller goes on. */
export async function ensureModelLoaded(modelId: string): Promise<boolean> {
  const { engine } = useRuntimeStore.getState();
  if (engine.status === 'ready' && engine.modelId === modelId) return true;
  return loadModel(modelId);
}
