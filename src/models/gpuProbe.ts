import { probeGpu, type GpuCapabilities } from './capabilities';

let probe: Promise<GpuCapabilities> | undefined;

/** Starts the WebGPU probe, once: every caller gets the same answer. */
export function startGpuProbe(): Promise<GpuCapabilities> {
  probe ??= probeGpu();
  return probe;
}
