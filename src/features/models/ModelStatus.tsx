import { useEffect, useState } from 'react';
import { describeError } from '../../app/errorMessages';
import type { LoadProgress } from '../../engine/loadProgress';
import type { DownloadFigures } from '../../lib/downloadMeter';
import { formatMegabytes, formatSeconds } from '../../lib/format';
import { cancelLoad, loadModel } from '../../store/actions/loadModel';
import { repairModel, unloadModel } from '../../store/actions/modelCache';
import { useChatStore } from '../../store/chatStore';
import { useRuntimeStore, type EngineStatus } from '../../store/runtimeStore';
import { selectIsGenerating } from '../../store/selectors';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { ProgressBar } from '../../ui/ProgressBar';

const phaseText: Record<LoadProgress['phase'], string> = {
  starting: 'Preparing',
  downloading: 'Downloading the model',
  'reading-cache': 'Reading the model from this device',
  'compiling-shaders': 'Preparing the GPU',
  ready: 'Ready',
};

/** No data for this long during a download means the connection has probably stalled. */
const STALL_MS = 20_000;

function describeDownload(d: DownloadFigures): string {
  const parts = [
    d.totalMB !== null
      ? `${formatMegabytes(d.doneMB)} of ${formatMegabytes(d.totalMB)}`
      : formatMegabytes(d.doneMB),
    d.mbPerS !== null && `${d.mbPerS.toFixed(1)} MB/s`,
    d.secondsLeft !== null && `about ${formatSeconds(d.secondsLeft)} left`,
  ];
  return parts.filter(Boolean).join(' · ');
}

function describeProgress(progress: LoadProgress | null, download: DownloadFigures | null): string {
  if (!progress) return 'Starting…';
  const percent = `${Math.round(progress.fraction * 100)}%`;
  const detail =
    progress.phase === 'downloading' && download
      ? describeDownload(download)
      : progress.megabytes !== null
        ? formatMegabytes(progress.megabytes)
        : formatSeconds(progress.elapsedS);
  return `${phaseText[progress.phase]} · ${percent} · ${detail}`;
}

/** True once `since` is more than `ms` ago; re-checks every second while `since` is set. */
function useOlderThan(since: number | null, ms: number): boolean {
  const [now, setNow] = useState(() => performance.now());
  useEffect(() => {
    if (since === null) return;
    const timer = setInterval(() => setNow(performance.now()), 1000);
    return () => clearInterval(timer);
  }, [since]);
  return since !== null && now - since > ms;
}

function Loading({ engine }: { engine: Extract<EngineStatus, { status: 'loading' }> }) {
  const downloading = engine.progress?.phase === 'downloading';
  const stalled = useOlderThan(downloading ? engine.lastReportAt : null, STALL_MS);
  const text = describeProgress(engine.progress, engine.download);
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
        {stalled && (
          <p className="model-warning" role="alert">
            No data has arrived for {STALL_MS / 1000} seconds: the connection may have stalled.
            Cancel and retry; the parts already downloaded are kept.
          </p>
        )}
      </div>
      <button type="button" onClick={cancelLoad}>
        Cancel
      </button>
    </div>
  );
}

/** The engine's state in one line: loading with progress and Cancel, an error with Retry, or ready. */
export function ModelStatus() {
  const engine = useRuntimeStore((s) => s.engine);
  const generating = useRuntimeStore(selectIsGenerating);
  const cached = useRuntimeStore((s) =>
    s.engine.status === 'error' ? s.modelCache?.[s.engine.modelId]?.state : undefined,
  );
  const selected = useChatStore((s) => s.selectedModelId);
  // Offline, a model known not to be fully downloaded cannot load (unknown: say nothing).
  const offlineAndMissing = useRuntimeStore((s) => {
    const state = selected ? s.modelCache?.[selected]?.state : undefined;
    return !s.online && state !== undefined && state !== 'complete';
  });

  switch (engine.status) {
    case 'idle':
      return (
        <p className="model-status muted">
          {!selected
            ? 'Choose a model.'
            : offlineAndMissing
              ? 'You are offline, and this model is not on this device yet: connect to download it, or choose a model you have downloaded.'
              : 'The model loads when you send your first message.'}
        </p>
      );
    case 'loading':
      return <Loading engine={engine} />;
    case 'ready':
      return (
        <div className="model-status ready">
          <p className="muted" role="status">
            <strong>{engine.modelId}</strong> is ready (loaded in {formatSeconds(engine.loadTimeS)}
            ).
          </p>
          <button type="button" disabled={generating} onClick={() => void unloadModel()}>
            Unload
          </button>
        </div>
      );
    case 'error': {
      const { title, nextStep } = describeError(engine.error);
      // Files already on the device that fail to load are likely a broken, half-written cache.
      const canRepair = cached !== undefined && cached !== 'absent';
      return (
        <ErrorNotice
          title={`${engine.modelId} could not be loaded. ${title}`}
          nextStep={
            canRepair ? `${nextStep} If it keeps failing, Repair downloads it again.` : nextStep
          }
          detail={engine.error.detail}
          actions={
            <>
              <button type="button" onClick={() => void loadModel(engine.modelId)}>
                Retry
              </button>
              {canRepair && (
                <button type="button" onClick={() => void repairModel(engine.modelId)}>
                  Repair
                </button>
              )}
            </>
          }
        />
      );
    }
  }
}
