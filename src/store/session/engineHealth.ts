import { onEngineDeath } from '../../engine/client';
import type { EngineError } from '../../engine/errors';
import { useRuntimeStore } from '../runtimeStore';
import { engineModelId } from '../selectors';
import { loadModel } from './loadModel';
import { releaseToOtherTab } from './modelSession';
import { engineTabLock } from './tabLock';

/** Reloading on its own more often than this would hide a real, repeating failure. */
const AUTO_RECOVERY_GAP_MS = 60_000;
let lastAutoRecovery = -Infinity;

/**
 * The model is gone (the GPU was lost, or the engine worker died). The chat and any partial reply
 * are already kept; the model is reloaded from the cache automatically once, and after that on
 * request (Retry), so a repeating failure does not loop.
 */
export async function recoverEngine(modelId: string, error: EngineError): Promise<void> {
  useRuntimeStore.setState({ engine: { status: 'error', modelId, error } });
  const now = performance.now();
  if (now - lastAutoRecovery < AUTO_RECOVERY_GAP_MS) return;
  lastAutoRecovery = now;
  useRuntimeStore.setState({ notice: { kind: 'info', engine: 'recovering', error } });
  if (await loadModel(modelId)) {
    useRuntimeStore.setState({ notice: { kind: 'info', engine: 'recovered' } });
  }
}

/** Watches the engine for crashes and other tabs' requests for the GPU. Call once at start. */
export function watchEngine(): void {
  onEngineDeath((error) => {
    const { engine, searchModel } = useRuntimeStore.getState();
    // The worker took both models with it.
    if (searchModel.status === 'ready') {
      useRuntimeStore.setState({ searchModel: { ...searchModel, loaded: false } });
    }
    const modelId = engineModelId(engine);
    if (modelId) void recoverEngine(modelId, error);
  });
  engineTabLock.onReleaseRequested(() => void releaseToOtherTab());
}
