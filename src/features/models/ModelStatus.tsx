import { describeError } from '../../app/errorMessages';
import type { LoadProgress } from '../../engine/loadProgress';
import { formatMegabytes, formatSeconds } from '../../lib/format';
import { cancelLoad, loadModel } from '../../store/actions/loadModel';
import { useChatStore } from '../../store/chatStore';
import { useRuntimeStore } from '../../store/runtimeStore';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { ProgressBar } from '../../ui/ProgressBar';

const phaseText: Record<LoadProgress['phase'], string> = {
  starting: 'Preparing',
  downloading: 'Downloading the model',
  'reading-cache': 'Reading the model from this device',
  'compiling-shaders': 'Preparing the GPU',
  ready: 'Ready',
};

function describeProgress(progress: LoadProgress | null): string {
  if (!progress) return 'Starting…';
  const percent = `${Math.round(progress.fraction * 100)}%`;
  const amount = progress.megabytes !== null ? ` · ${formatMegabytes(progress.megabytes)}` : '';
  return `${phaseText[progress.phase]} · ${percent}${amount} · ${formatSeconds(progress.elapsedS)}`;
}

/** The engine's state in one line: loading with progress and Cancel, an error with Retry, or ready. */
export function ModelStatus() {
  const engine = useRuntimeStore((s) => s.engine);
  const selected = useChatStore((s) => s.selectedModelId);

  switch (engine.status) {
    case 'idle':
      return (
        <p className="model-status muted">
          {selected ? 'The model loads when you send your first message.' : 'Choose a model.'}
        </p>
      );
    case 'loading': {
      const text = describeProgress(engine.progress);
      return (
        <div className="model-status loading">
          <div className="grow">
            <p>
              Loading <strong>{engine.modelId}</strong>: <span role="status">{text}</span>
            </p>
            <ProgressBar
              label="Loading model"
              value={engine.progress?.fraction ?? null}
              valueText={text}
            />
          </div>
          <button type="button" onClick={cancelLoad}>
            Cancel
          </button>
        </div>
      );
    }
    case 'ready':
      return (
        <p className="model-status muted" role="status">
          <strong>{engine.modelId}</strong> is ready (loaded in {formatSeconds(engine.loadTimeS)}).
        </p>
      );
    case 'error': {
      const { title, nextStep } = describeError(engine.error);
      return (
        <ErrorNotice
          title={`${engine.modelId} could not be loaded. ${title}`}
          nextStep={nextStep}
          detail={engine.error.detail}
          actions={
            <button type="button" onClick={() => void loadModel(engine.modelId)}>
              Retry
            </button>
          }
        />
      );
    }
  }
}
