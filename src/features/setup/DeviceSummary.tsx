import { useRuntimeStore } from '../../store/runtimeStore';
import { formatMegabytes } from '../../lib/format';

/** What the probe found, in one line: which GPU runs the model and what it cannot do. */
export function DeviceSummary() {
  const gpu = useRuntimeStore((s) => s.gpu);
  if (gpu?.status !== 'available') return null;
  const { vendor, architecture, description } = gpu.adapter;
  const name = [vendor, architecture].filter(Boolean).join(' ') || description || 'unknown GPU';
  return (
    <p className="muted" aria-label="Graphics adapter">
      Runs on your GPU: {name} · largest buffer{' '}
      {formatMegabytes(gpu.maxStorageBufferBindingSize / 2 ** 20)} ·{' '}
      {gpu.shaderF16
        ? '16-bit shaders supported'
        : 'no 16-bit shaders, so models marked “needs shader-f16” are unavailable'}
    </p>
  );
}
