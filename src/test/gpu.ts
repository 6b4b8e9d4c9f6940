/** Test fixtures: the adapter the e2e tests run on (SwiftShader), with or without shader-f16. */
import type { GpuCapabilities } from '../models/capabilities';

export const gpuWith = (shaderF16: boolean): GpuCapabilities => ({
  status: 'available',
  adapter: { vendor: 'google', architecture: 'swiftshader', device: '', description: '' },
  shaderF16,
  maxStorageBufferBindingSize: 2 ** 30,
  maxBufferSize: 2 ** 30,
  features: [],
});

/** SwiftShader as Chromium here reports it: no 16-bit shaders. */
export const swiftShader = gpuWith(false);
