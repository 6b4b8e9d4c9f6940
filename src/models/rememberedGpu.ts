/**
 * What the WebGPU probe found on this device's last visit, kept in localStorage (read without
 * waiting, unlike IndexedDB), so a returning visit draws the app at once; the probe's own answer,
 * 50–80 ms later on a reload here, then replaces it. "Erase all data" clears it with the rest of
 * localStorage. Must not import the store or any view.
 */
import type { GpuCapabilities } from './capabilities';

const KEY = 'nook-gpu-probe';
const REASONS = ['insecure-context', 'no-webgpu-api', 'no-adapter', 'probe-failed'];

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isText = (v: unknown): v is string => typeof v === 'string';

/** The stored answer if it still has the shape of one (another version may have written it). */
function read(value: unknown): GpuCapabilities | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  if (v.status === 'unavailable') {
    return isText(v.reason) && REASONS.includes(v.reason) ? (value as GpuCapabilities) : null;
  }
  const adapter = v.adapter as Record<string, unknown> | null | undefined;
  const whole =
    v.status === 'available' &&
    typeof adapter === 'object' &&
    adapter !== null &&
    ['vendor', 'architecture', 'device', 'description'].every((k) => isText(adapter[k])) &&
    typeof v.shaderF16 === 'boolean' &&
    isNumber(v.maxStorageBufferBindingSize) &&
    isNumber(v.maxBufferSize) &&
    Array.isArray(v.features) &&
    v.features.every(isText);
  return whole ? (value as GpuCapabilities) : null;
}

export function rememberedGpu(): GpuCapabilities | null {
  try {
    const stored = localStorage.getItem(KEY);
    return stored === null ? null : read(JSON.parse(stored));
  } catch {
    // No localStorage (a sandboxed frame, storage off) or damaged JSON: the probe answers.
    return null;
  }
}

export function rememberGpu(capabilities: GpuCapabilities): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(capabilities));
  } catch {
    // Storage full or off: the next visit waits for the probe, as the first did.
  }
}
