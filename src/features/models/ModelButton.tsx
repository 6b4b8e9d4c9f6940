import { lazy, Suspense } from 'react';
import { ChevronDown } from 'lucide-react';
import { useChatStore } from '../../store/chatStore';
import { useRuntimeStore } from '../../store/runtimeStore';
import { Dialog } from '../../ui/Dialog';
import { closeModelManager, openModelManager, useModelManagerOpen } from './modelManagerDialog';
import { useModelName } from './useModelName';
import './models.css';

// The model manager's views load when it is first opened: the header needs only the button.
const ModelManager = lazy(() =>
  import('./ModelManager').then((m) => ({ default: m.ModelManager })),
);

export function ModelButton() {
  const open = useModelManagerOpen();
  const selected = useChatStore((s) => s.selectedModelId);
  const name = useModelName(selected);
  // The model is settled once the GPU probe says what this device runs.
  const probed = useRuntimeStore((s) => s.gpu !== null);
  return (
    <>
      {/* Named by what it shows, "Model Llama 3.2 · 1B": a name that holds its visible text
          is the one speech-input users can say. */}
      <button type="button" className="model-button" onClick={openModelManager} disabled={!probed}>
        <span className="model-button-label">Model</span>{' '}
        <span className="model-button-name">{probed ? (name ?? 'none chosen') : 'loading…'}</span>
        <ChevronDown aria-hidden size={16} className="model-button-chevron" />
      </button>
      <Dialog title="Models" open={open} onClose={closeModelManager}>
        <Suspense fallback={null}>
          <ModelManager />
        </Suspense>
      </Dialog>
    </>
  );
}
