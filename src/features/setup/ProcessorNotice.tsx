import type { GpuCapabilities } from '../../models/capabilities';
import { AddCustomModelButton } from '../models/custom/CustomModelDialog';
import { openModelManager } from '../models/modelManagerDialog';
import './setup.css';

type Unavailable = Extract<GpuCapabilities, { status: 'unavailable' }>;

const reasons: Record<Unavailable['reason'], string> = {
  'insecure-context':
    'This page was not opened over HTTPS (or from localhost), and browsers only offer WebGPU to secure pages.',
  'no-webgpu-api': 'This browser does not offer WebGPU, which runs models on the graphics card.',
  'no-adapter':
    'This browser supports WebGPU but found no usable graphics adapter: it may be turned off, blocked for this GPU, or the GPU driver may be too old.',
  'probe-failed': 'Asking the browser for a graphics adapter failed.',
};

/**
 * Without WebGPU, Nook still chats: llama.cpp runs GGUF models on the processor. Says so, and
 * why there is no GPU, with what would bring it back.
 */
export function ProcessorNotice({ capabilities }: { capabilities: Unavailable }) {
  return (
    <section className="processor-notice" aria-labelledby="processor-notice-title">
      <h2 id="processor-notice-title">Models run on the processor here</h2>
      <p>
        No usable graphics card in this browser, so Nook runs GGUF models on the processor, with
        llama.cpp: slower, so small models (a billion parameters or so) work best. The models
        recommended here say how fast each answers; you can also add one from Hugging Face or from a
        file on this computer.
      </p>
      <div className="processor-notice-actions">
        <button type="button" onClick={openModelManager}>
          Recommended models
        </button>
        <AddCustomModelButton />
      </div>
      <details>
        <summary>Why, and how to use the graphics card instead</summary>
        <p>{reasons[capabilities.reason]}</p>
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
        {capabilities.detail && <code>{capabilities.detail}</code>}
      </details>
    </section>
  );
}
