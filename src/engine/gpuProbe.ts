import { probeGpu, type GpuCapabilities } from '../models/capabilities';
import { getEngine } from './client';

let probe: Promise<GpuCapabilities> | undefined;

/**
 * Starts the WebGPU probe, once: every caller gets the same answer. It runs in the engine worker
 * (starting it), where the engines use WebGPU. A page that touches WebGPU itself pays twice on a
 * reload, on the main thread and before the first paint: creating its GPU connection as it starts
 * (7 ms in a trace here) and destroying the old page's as that one goes (9 ms). Where the worker
 * cannot answer (it failed to start), the page probes for itself.
 */
export function startGpuProbe(): Promise<GpuCapabilities> {
  probe ??= getEngine()
    .call.probeGpu({})
    .catch(() => probeGpu());
  return probe;
}
