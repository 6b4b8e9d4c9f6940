/**
 * The WebGPU capability probe: is there an adapter, does it have shader-f16, how large may its
 * buffers be. Run in the engine worker (engine/gpuProbe.ts), or on the UI thread where that worker
 * cannot answer. Must not import the store or any view.
 */
export interface GpuAdapterSummary {
  vendor: string;
  architecture: string;
  device: string;
  description: string;
}

export type GpuCapabilities =
  | {
      status: 'available';
      adapter: GpuAdapterSummary;
      shaderF16: boolean;
      maxStorageBufferBindingSize: number;
      maxBufferSize: number;
      features: string[];
    }
  | {
      status: 'unavailable';
      reason: 'insecure-context' | 'no-webgpu-api' | 'no-adapter' | 'probe-failed';
      detail?: string;
    };

export interface ProbeEnvironment {
  isSecureContext: boolean;
  gpu: GPU | undefined;
}

function currentEnvironment(): ProbeEnvironment {
  return {
    isSecureContext: globalThis.isSecureContext,
    gpu: (globalThis.navigator as Navigator | undefined)?.gpu,
  };
}

export async function probeGpu(
  env: ProbeEnvironment = currentEnvironment(),
): Promise<GpuCapabilities> {
  if (!env.gpu) {
    return {
      status: 'unavailable',
      reason: env.isSecureContext ? 'no-webgpu-api' : 'insecure-context',
    };
  }
  try {
    const adapter = await env.gpu.requestAdapter({ powerPreference: 'high-performance' });
    if (!adapter) return { status: 'unavailable', reason: 'no-adapter' };
    const info = adapter.info;
    return {
      status: 'available',
      adapter: {
        vendor: info.vendor,
        architecture: info.architecture,
        device: info.device,
        description: info.description,
      },
      shaderF16: adapter.features.has('shader-f16'),
      maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize,
      maxBufferSize: adapter.limits.maxBufferSize,
      features: [...adapter.features].sort(),
    };
  } catch (err) {
    return {
      status: 'unavailable',
      reason: 'probe-failed',
      detail: err instanceof Error ? err.message : String(err),
    };
  }
}
