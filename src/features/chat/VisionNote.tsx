import { visionModels } from '../../models/catalog';
import { useCatalog } from '../../store/catalog';
import { useChatStore } from '../../store/chatStore';
import { useRuntimeStore } from '../../store/runtimeStore';
import { switchToModel } from '../../store/session/modelSession';
import { friendlyName } from '../../models/names';
import { useModelName } from '../models/useModelName';

/** Whether the chosen model can see the images of a message. */
export function useModelCanSee(): boolean {
  const modelId = useChatStore((s) => s.selectedModelId);
  const catalog = useCatalog();
  return catalog.find((e) => e.id === modelId)?.vision ?? false;
}

/**
 * Shown while images wait in the composer and the chosen model cannot see them: it says so, and
 * offers the vision models this device can run (one click switches to it).
 */
export function VisionNote() {
  const modelId = useChatStore((s) => s.selectedModelId);
  const name = useModelName(modelId);
  const catalog = useCatalog();
  const gpu = useRuntimeStore((s) => s.gpu);
  const canSee = useModelCanSee();
  if (canSee) return null;
  const offers = gpu ? visionModels(catalog, gpu) : [];
  return (
    <div className="vision-note" role="note" aria-label="This model cannot see images">
      <p>
        {name ?? 'The chosen model'} reads text only, so it cannot see images.{' '}
        {offers.length > 0
          ? 'To send them, switch to a model that can:'
          : 'None of the vision models Nook offers runs on this device; remove the images to send your text.'}
      </p>
      {offers.length > 0 && (
        <ul>
          {offers.map((entry) => (
            <li key={entry.id}>
              <button type="button" onClick={() => void switchToModel(entry.id)}>
                Use {friendlyName(entry)}
              </button>
              {entry.vramMB !== null && (
                <span className="muted">
                  {' '}
                  needs about {Math.round(entry.vramMB / 100) / 10} GB of GPU memory
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
