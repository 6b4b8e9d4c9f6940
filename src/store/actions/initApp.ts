import { probeGpu } from '../../models/capabilities';
import { recommendModel } from '../../models/catalog';
import { getEngine } from '../../engine/client';
import { classifyError } from '../../engine/errors';
import { getCatalog } from '../catalog';
import { useChatStore } from '../chatStore';
import { useRuntimeStore } from '../runtimeStore';
import { watchEngine } from '../session/engineHealth';

/**
 * Probes WebGPU, then fetches the catalog from the worker and settles on a model to use (without
 * WebGPU, one of the GGUF models the user added, which llama.cpp runs on the processor).
 */
export async function initApp(): Promise<void> {
  watchEngine();
  const gpu = await probeGpu();
  useRuntimeStore.setState({ gpu });
  try {
    useRuntimeStore.setState({ prebuiltRecords: await getEngine().call.catalog({}) });
    const catalog = getCatalog() ?? [];
    const selected = useChatStore.getState().selectedModelId;
    if (!catalog.some((e) => e.id === selected)) {
      useChatStore.setState({ selectedModelId: recommendModel(catalog, gpu)?.id ?? null });
    }
  } catch (err) {
    useRuntimeStore.setState({ catalogError: classifyError(err) });
  }
}
