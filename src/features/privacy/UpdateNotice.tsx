import { useRuntimeStore } from '../../store/runtimeStore';
import { applyUpdate } from './serviceWorker';

/** Shown when a new version of Nook is installed and waiting; Update reloads into it. */
export function UpdateNotice({ onUpdate = applyUpdate }: { onUpdate?: () => void }) {
  const updateReady = useRuntimeStore((s) => s.updateReady);
  if (!updateReady) return null;
  return (
    <div className="toast" role="status">
      <span>A new version of Nook is ready.</span>
      <button type="button" onClick={onUpdate}>
        Update
      </button>
    </div>
  );
}
