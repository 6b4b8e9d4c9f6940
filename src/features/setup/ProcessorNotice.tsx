import type { GpuCapabilities } from '../../engine/capabilities';

type Unavailable = Extract<GpuCapabilities, { status: 'unavailable' }>;

const reasons: Record<Unavailable['reason'], string> = {
  'insecure-context':
    'This page was not opened over HTTPS (or from localhost), and browsers only offer WebGPU to secure pages.',
  'no-webgpu-api':
    'This browser does not offer WebGPU, which Nook needs to run a model on your GPU.',
  'no-adapter':
    'This browser supports WebGPU but found no usable graphics adapter: it may be turned off, blocked for this GPU, or the GPU driver may be too old.',
  'probe-failed': 'Asking the browser for a graphics adapter failed.',
};

export function NoWebGPUScreen({ capabilities }: { capabilities: Unavailable }) {
  return (
    <main className="blocking-screen" aria-labelledby="no-webgpu-title">
      <h1 id="no-webgpu-title">Nook can’t run a model in this browser</h1>
      <p>{reasons[capabilities.reason]}</p>
      <h2>What you can do</h2>
      <ul>
        <li>
          Use a recent desktop <strong>Chrome</strong> or <strong>Edge</strong> (version 113 or
          later), or Safari 26 or later. On Linux, Chrome needs the flag{' '}
          <code>chrome://flags/#enable-unsafe-webgpu</code> turned on.
        </li>
        <li>
          Update your graphics driver, and check that hardware acceleration is on in the browser’s
          settings.
        </li>
        <li>
          Check WebGPU itself at <code>chrome://gpu</code>: the “WebGPU” line should say “Hardware
          accelerated”.
        </li>
        <li>Open Nook over HTTPS or from localhost.</li>
      </ul>
      {capabilities.detail && (
        <details>
          <summary>Details</summary>
          <code>{capabilities.detail}</code>
        </details>
      )}
      <p className="muted">Your chats stay on this device; nothing was sent anywhere.</p>
    </main>
  );
}
