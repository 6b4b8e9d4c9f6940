import { useId, useState } from 'react';
import { eraseAllData } from '../../store/actions/eraseAllData';
import { useRuntimeStore } from '../../store/runtimeStore';
import { Dialog } from '../../ui/Dialog';
import { connectSources } from '../../lib/contentPolicy';
import './privacy.css';

/** The hosts the page's policy allows, as a person reads them. */
function allowedHosts(): string[] {
  const sources = connectSources() ?? [];
  return sources
    .filter((s) => s !== "'self'" && !/^[a-z]+:$/.test(s))
    .map((s) => s.replace(/^https:\/\//, '').replace(/:\*$/, ''));
}

/** The privacy note, with "Erase all data" in it (opened from the header's menu). */
export function PrivacyDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  return (
    <Dialog title="Privacy" open={open} onClose={onClose}>
      <PrivacyNote />
      <EraseAllData />
    </Dialog>
  );
}

function PrivacyNote() {
  const hosts = allowedHosts();
  return (
    <div className="privacy-note">
      <h3>Where your data lives</h3>
      <p>Everything stays in this browser, on this device:</p>
      <ul>
        <li>
          Your chats, their settings, attached documents and the custom models you added: in this
          browser’s IndexedDB storage for this site.
        </li>
        <li>
          Downloaded models: in WebLLM’s model cache, also in IndexedDB, so they load again without
          the network.
        </li>
        <li>Nook itself, for opening without a network: in the browser’s Cache Storage.</li>
      </ul>
      <h3>What goes over the network</h3>
      <p>
        Only model downloads, from the addresses of the models you choose: Hugging Face and GitHub
        for the built-in models, the addresses you entered for custom models. Nook’s own files come
        from this site. What you type, your chats and your documents never leave this device: the
        model runs on this device, in this tab. There are no analytics, no ads, and no scripts or
        fonts from other sites.
      </p>
      {hosts.length > 0 && (
        <p>
          The browser holds Nook to this: it refuses any connection except to this site and to{' '}
          {hosts.map((host, i) => (
            <span key={host}>
              {i > 0 && (i === hosts.length - 1 ? ' and ' : ', ')}
              <code>{host}</code>
            </span>
          ))}
          .
        </p>
      )}
      <h3>Offline</h3>
      <p>
        After one visit, Nook opens without a network, and models already downloaded work offline.
        To install it as an app, use your browser’s “Install Nook” (or “Add to Home Screen”).
      </p>
    </div>
  );
}

type EraseStep = 'idle' | 'confirm' | 'erasing' | 'blocked';

function EraseAllData() {
  const [step, setStep] = useState<EraseStep>('idle');
  const online = useRuntimeStore((s) => s.online);
  const headingId = useId();
  const erase = () => {
    setStep('erasing');
    void eraseAllData({ onBlocked: () => setStep('blocked') });
  };
  return (
    <section className="erase-all" aria-labelledby={headingId}>
      <h3 id={headingId}>Erase all data</h3>
      <p>
        Deletes your chats, documents, settings, custom models and downloaded models from this
        browser, and Nook’s offline copy. This cannot be undone: use Export first to keep a copy of
        your chats.
      </p>
      {step === 'idle' && (
        <button type="button" className="danger" onClick={() => setStep('confirm')}>
          Erase all data
        </button>
      )}
      {step === 'confirm' && (
        <div className="erase-confirm" role="group" aria-label="Confirm erasing all data">
          <p>
            <strong>Erase everything Nook keeps on this device?</strong>
            {!online && ' You are offline: afterwards, Nook needs a connection to open again.'}
          </p>
          <div className="actions">
            <button type="button" className="danger" onClick={erase}>
              Yes, erase everything
            </button>
            <button type="button" autoFocus onClick={() => setStep('idle')}>
              Cancel
            </button>
          </div>
        </div>
      )}
      {(step === 'erasing' || step === 'blocked') && (
        <p role="status">
          {step === 'erasing'
            ? 'Erasing…'
            : 'Another Nook tab is still using its data: close it to finish erasing.'}
        </p>
      )}
    </section>
  );
}
