import { lazy, Suspense } from 'react';
import { useChatStore } from '../../store/chatStore';
import { useRuntimeStore } from '../../store/runtimeStore';
import { Dialog } from '../../ui/Dialog';
import { ModelButtonFace } from './ModelButtonFace';
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
      <ModelButtonFace
        name={probed ? (name ?? 'none chosen') : 'loading…'}
        onClick={openModelManager}
        disabled={!probed}
      />
      <Dialog title="Models" open={open} onClose={closeModelManager}>
        <Suspense fallback={null}>
          <ModelManager />
        </Suspense>
      </Dialog>
    </>
  );
}
