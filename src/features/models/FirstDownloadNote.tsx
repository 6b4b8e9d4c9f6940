import { useEffect } from 'react';
import { Download } from 'lucide-react';
import { estimateDownloadMB } from '../../models/catalog';
import { formatMegabytes } from '../../lib/format';
import { useCatalog } from '../../store/catalog';
import { useChatStore } from '../../store/chatStore';
import { useRuntimeStore } from '../../store/runtimeStore';
import { engineModelId } from '../../store/selectors';
import { refreshModelCache } from '../../store/session/modelFiles';
import { openModelManager } from './modelManagerDialog';
import { useModelName } from './useModelName';
import './models.css';

function hostOf(url: string): string | null {
  try {
    return new URL(url).host;
  } catch {
    return null;
  }
}

/**
 * Before the first download: what will be downloaded, how much, from where and where it is
 * kept, with a way to choose another model. Nothing once the chosen model is on this device,
 * or while it loads (the load's own progress says more).
 */
export function FirstDownloadNote() {
  const selected = useChatStore((s) => s.selectedModelId);
  const catalog = useCatalog();
  const cache = useRuntimeStore((s) => s.modelCache);
  const engineModel = useRuntimeStore((s) =>
    s.engine.status === 'loading' || s.engine.status === 'ready' ? engineModelId(s.engine) : null,
  );
  const online = useRuntimeStore((s) => s.online);
  const name = useModelName(selected);
  // What is downloaded is known once the worker has been asked; until then, say nothing.
  useEffect(() => {
    if (!cache) void refreshModelCache();
  }, [cache]);

  const entry = catalog.find((e) => e.id === selected);
  const state = entry ? cache?.[entry.id]?.state : undefined;
  if (!entry || state === undefined || state === 'complete' || engineModel === entry.id) {
    return null;
  }
  if (entry.downloadUrl === null) return <LostCopyNote name={name} partial={state === 'partial'} />;
  const size = estimateDownloadMB(entry);
  const host = entry.downloadUrl ? hostOf(entry.downloadUrl) : null;
  const what = [size !== null && `about ${formatMegabytes(size)}`, host && `from ${host}`]
    .filter(Boolean)
    .join(' ');
  return (
    <aside className="first-download-note" aria-label="First download">
      <span className="first-download-icon">
        <Download aria-hidden size={18} />
      </span>
      <div className="first-download-text">
        <p>
          <strong>{name}</strong>{' '}
          {state === 'partial' ? 'is partly downloaded; the rest downloads' : 'downloads'} when you
          send your first message{what && `: ${what}`}.
        </p>
        <p className="muted">
          It is kept in this browser’s storage on this device; after that Nook works offline.
          {!online && ' You are offline now: connect to download it.'}
        </p>
      </div>
      <button type="button" onClick={openModelManager}>
        Choose another model
      </button>
    </aside>
  );
}

/**
 * A model added from a file or folder on this computer has nothing to download: when its copy
 * is not (all) here, it was deleted or cleared, and only choosing it again brings it back.
 */
function LostCopyNote({ name, partial }: { name: string | null; partial: boolean }) {
  return (
    <aside className="first-download-note" aria-label="Model not on this device">
      <div className="first-download-text">
        <p>
          <strong>{name}</strong> came from a file or folder on this computer, and its copy here is
          {partial ? ' missing files' : ' gone'}.
        </p>
        <p className="muted">
          To use it again, choose that file or folder again: in Models, Edit the model.
        </p>
      </div>
      <button type="button" onClick={openModelManager}>
        Choose another model
      </button>
    </aside>
  );
}
