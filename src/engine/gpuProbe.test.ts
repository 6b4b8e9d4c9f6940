import { afterEach, describe, expect, it, vi } from 'vitest';
import type { GpuCapabilities } from '../models/capabilities';

const probeGpu = vi.fn<() => Promise<GpuCapabilities>>();
vi.mock('./client', () => ({ getEngine: () => ({ call: { probeGpu } }) }));

const inWorker: GpuCapabilities = {
  status: 'available',
  adapter: { vendor: 'google', architecture: 'swiftshader', device: '', description: '' },
  shaderF16: false,
  maxStorageBufferBindingSize: 2 ** 27,
  maxBufferSize: 2 ** 28,
  features: [],
};

describe('startGpuProbe', () => {
  afterEach(() => {
    vi.resetModules();
    probeGpu.mockReset();
  });

  it('asks the engine worker, once', async () => {
    probeGpu.mockResolvedValue(inWorker);
    const { startGpuProbe } = await import('./gpuProbe');
    expect(await startGpuProbe()).toEqual(inWorker);
    expect(await startGpuProbe()).toEqual(inWorker);
    expect(probeGpu).toHaveBeenCalledTimes(1);
  });

  it('probes on the page when the worker cannot answer', async () => {
    probeGpu.mockRejectedValue(new Error('worker-crashed'));
    const { startGpuProbe } = await import('./gpuProbe');
    // The page's own probe answers: the unit tests' page is not a secure context, so no WebGPU.
    expect(await startGpuProbe()).toEqual({ status: 'unavailable', reason: 'insecure-context' });
  });
});
