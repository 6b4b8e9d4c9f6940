import { formatMegabytes } from '../../lib/format';
import { askForPersistentStorage } from '../../store/session/modelFiles';
import { useRuntimeStore } from '../../store/runtimeStore';
import './models.css';

const mb = (bytes: number) => formatMegabytes(bytes / 2 ** 20);

/** How much of this device Nook uses, and whether the browser promises to keep it. */
export function StorageSummary() {
  const storage = useRuntimeStore((s) => s.storage);
  if (!storage) return null;
  return (
    <div className="storage-summary">
      {storage.usageBytes !== null && (
        <p aria-label="Storage used">
          Nook uses {mb(storage.usageBytes)}
          {storage.quotaBytes !== null &&
            ` of the ${mb(storage.quotaBytes)} this browser allows it`}
          .
          {storage.imageBytes !== null &&
            storage.imageBytes > 0 &&
            ` Images in chats take ${mb(storage.imageBytes)} of it.`}
        </p>
      )}
      {storage.persistent === true && (
        <p className="muted">
          Storage is persistent: the browser will not clear downloaded models on its own.
        </p>
      )}
      {storage.persistent === false && (
        <p className="muted">
          The browser may clear downloaded models when space runs low.{' '}
          <button type="button" onClick={() => void askForPersistentStorage()}>
            Ask to keep them
          </button>
        </p>
      )}
    </div>
  );
}
