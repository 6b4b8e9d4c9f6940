import { recommendModel } from '../../models/catalog';
import { startGpuProbe } from '../../engine/gpuProbe';
import { getCatalog } from '../catalog';
import { useChatStore } from '../chatStore';
import { useRuntimeStore } from '../runtimeStore';
import { watchEngine } from '../session/engineHealth';
import { startWarmStart } from '../session/warmStart';

/**
 * Probes WebGPU and settles on a model to use (without WebGPU, a GGUF model, which llama.cpp runs
 * on the processor). The catalog is data built into the app, so none of this waits for an engine
 * to load: only for the engine worker's answer about WebGPU (engine/gpuProbe.ts).
 */
export async function initApp(): Promise<void> {
  watchEngine();
  const gpu = await startGpuProbe();
  useRuntimeStore.setState({ gpu });
  const selected = useChatStore.getState().selectedModelId;
  const catalog = getCatalog();
  if (!catalog.some((e) => e.id === selected)) {
    useChatStore.setState({ selectedModelId: recommendModel(catalog, gpu)?.id ?? null });
  }
  // Asks the engine worker (started by the probe) what is downloaded; a model on this device
  // starts loading.
  startWarmStart();
}
