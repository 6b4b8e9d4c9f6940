import { probeGpu } from '../../models/capabilities';
import { recommendModel } from '../../models/catalog';
import { getEngine } from '../../engine/client';
import { getCatalog } from '../catalog';
import { useChatStore } from '../chatStore';
import { useRuntimeStore } from '../runtimeStore';
import { watchEngine } from '../session/engineHealth';

/**
 * Probes WebGPU and settles on a model to use (without WebGPU, a GGUF model, which llama.cpp runs
 * on the processor). The catalog is data built into the app, so none of this waits for an engine;
 * the engine worker starts once the app is on screen and idle, to be ready when a model is wanted.
 */
export async function initApp(): Promise<void> {
  watchEngine();
  const gpu = await probeGpu();
  useRuntimeStore.setState({ gpu });
  const selected = useChatStore.getState().selectedModelId;
  const catalog = getCatalog();
  if (!catalog.some((e) => e.id === selected)) {
    useChatStore.setState({ selectedModelId: recommendModel(catalog, gpu)?.id ?? null });
  }
  const whenIdle = globalThis.requestIdleCallback ?? ((run: () => void) => setTimeout(run, 500));
  whenIdle(() => getEngine(), { timeout: 2000 });
}
