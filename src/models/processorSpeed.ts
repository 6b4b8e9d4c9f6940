/**
 * How fast a GGUF model answers on a processor before it has run here. Decoding reads every
 * weight once per token, so the speed falls with the file's size. The rate comes from a report in
 * wllama's tracker (ngxson/wllama#4): a 1.5 GB Q4_K_M file decoded 6–7 tokens/s in Chrome on a
 * laptop, which is about 10 GB of weights a second. It is an estimate and is worded as one; each
 * reply's figures show the speed measured here.
 */
import type { GpuCapabilities } from './capabilities';
import type { CatalogEntry } from './catalog';

const TYPICAL_LAPTOP_BYTES_PER_S = 10e9;

/** llama.cpp uses WebGPU only with shader-f16 (wllamaBackend's gpuCanRun); else the processor. */
export function llamaCppOnProcessor(gpu: GpuCapabilities): boolean {
  return gpu.status !== 'available' || !gpu.shaderF16;
}

/** Tokens a second a typical laptop's processor gives this model; null where it would not run there. */
export function estimateProcessorTokensPerS(
  entry: CatalogEntry,
  gpu: GpuCapabilities,
): number | null {
  if (entry.model.engine !== 'llamacpp' || !entry.model.bytes) return null;
  if (!llamaCppOnProcessor(gpu)) return null;
  return TYPICAL_LAPTOP_BYTES_PER_S / entry.model.bytes;
}

/** "about 25 tokens/s on a typical laptop’s processor". */
export function describeProcessorSpeed(tokensPerS: number): string {
  const rounded =
    tokensPerS >= 20 ? Math.round(tokensPerS / 5) * 5 : Math.max(1, Math.round(tokensPerS));
  return `about ${rounded} tokens/s on a typical laptop’s processor`;
}
