import { useEffect, useState } from 'react';
import { describeError } from '../../ui/errorMessages';
import type { LoadProgress } from '../../engine/protocol';
import type { DownloadFigures } from '../../lib/downloadMeter';
import { formatMegabytes, formatSeconds } from '../../lib/format';
import { cancelLoad, loadModel } from '../../store/session/loadModel';
import { takeOverFromOtherTab } from '../../store/actions/takeOver';
import { repairModel, switchToModel, unloadModel } from '../../store/session/modelSession';
import { useCatalog } from '../../store/catalog';
import { runsOn, smallerModels } from '../../models/catalog';
import { useChatStore } from '../../store/chatStore';
import { useRuntimeStore, type EngineStatus } from '../../store/runtimeStore';
import { engineModelId, selectActiveConversation, selectIsGenerating } from '../../store/selectors';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { ProgressBar } from '../../ui/ProgressBar';
import { friendlyName } from '../../models/names';
import { useModelName } from './useModelName';
import './models.css';

const phaseText: Record<LoadProgress['phase'], string> = {
  starting: 'Preparing',
  downloading: 'Downloading the model',
  storing: 'Copying the model to this device',
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

function Loading({
  engine,
  name,
}: {
  engine: Extract<EngineStatus, { status: 'loading' }>;
  name: string | null;
}) {
  const downloading = engine.progress?.phase === 'downloading';
  const stalled = useOlderThan(downloading ? engine.lastReportAt : null, STALL_MS);
  const text = describeProgress(engine.progress, engine.download);
  return (
    <div className={`model-status loading${engine.warm ? ' warm' : ''}`}>
      <div className="grow">
        <p>
          {engine.warm ? 'Getting ' : 'Loading '}
          <strong>{name}</strong>
          {engine.warm ? ' ready' : ''}: <span role="status">{text}</span>
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

/**
 * Nothing loaded. In an empty chat, a model not on this device yet is the first-download note's
 * to explain (what, how much, from where, and that it needs the network), and until what is
 * downloaded is known nothing is said: one line, not two saying the same.
 */
function IdleStatus({ selected }: { selected: string | null }) {
  const state = useRuntimeStore((s) => (selected ? s.modelCache?.[selected]?.state : undefined));
  const online = useRuntimeStore((s) => s.online);
  const emptyChat = useChatStore((s) => !selectActiveConversation(s)?.messages.length);
  if (!selected) return <p className="model-status muted">Choose a model.</p>;
  if (emptyChat && state !== 'complete') return null;
  return (
    <p className="model-status muted">
      {!online && state !== undefined && state !== 'complete'
        ? 'You are offline, and this model is not on this device yet: connect to download it, or choose a model you have downloaded.'
        : 'The model loads when you send your first message.'}
    </p>
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
  const name = useModelName(engineModelId(engine));
  const catalog = useCatalog();
  const entryEngine = catalog.find((e) => e.id === engineModelId(engine))?.engine;

  switch (engine.status) {
    case 'idle':
      return <IdleStatus selected={selected} />;
    case 'loading':
      return <Loading engine={engine} name={name} />;
    case 'ready':
      return (
        <div className="model-status ready">
          <p className="muted" role="status">
            <strong>{name}</strong> is ready (loaded in {formatSeconds(engine.loadTimeS)}
            ). <span className="model-device">{runsOn(entryEngine, engine.device)}</span>
          </p>
          <button type="button" disabled={generating} onClick={() => void unloadModel()}>
            Unload
          </button>
        </div>
      );
    case 'elsewhere':
      return (
        <div className="model-status ready" role="status">
          <p>Nook is running a model in another tab. Only one tab at a time can use the GPU.</p>
          <button type="button" onClick={() => void takeOverFromOtherTab()}>
            Take over
          </button>
        </div>
      );
    case 'error':
      return <EngineErrorNotice engine={engine} name={name} cached={cached} />;
  }
}

const STOPPED: ReadonlySet<string> = new Set(['device-lost', 'worker-crashed']);

function EngineErrorNotice({
  engine,
  name,
  cached,
}: {
  engine: Extract<EngineStatus, { status: 'error' }>;
  name: string | null;
  cached: string | undefined;
}) {
  const catalog = useCatalog();
  const gpu = useRuntimeStore((s) => s.gpu);
  const { modelId, error } = engine;
  const { title, nextStep } = describeError(error);
  const entry = catalog.find((e) => e.id === modelId);
  const stopped = STOPPED.has(error.code);
  // Files already on the device that fail to load are likely a broken, half-written cache; only
  // a model with a download address can be downloaded again (not one copied from this computer).
  const canRepair =
    !stopped && cached !== undefined && cached !== 'absent' && entry?.downloadUrl !== null;
  const oom = error.code === 'out-of-memory';
  const alternatives = oom && entry && gpu ? smallerModels(catalog, entry, gpu) : [];
  const need =
    oom && entry?.vramMB ? ` It needs about ${formatMegabytes(entry.vramMB)} of GPU memory.` : '';
  return (
    <ErrorNotice
      title={`${name} ${stopped ? 'stopped' : 'could not be loaded'}. ${title}${need}`}
      nextStep={
        alternatives.length > 0
          ? 'Try a smaller model:'
          : canRepair
            ? `${nextStep} If it keeps failing, Repair downloads it again.`
            : nextStep
      }
      detail={error.detail}
      actions={
        <>
          {alternatives.map((m) => (
            <button key={m.id} type="button" onClick={() => void switchToModel(m.id)}>
              Use {friendlyName(m)} ({formatMegabytes(m.vramMB ?? 0)})
            </button>
          ))}
          <button type="button" onClick={() => void loadModel(modelId)}>
            {stopped ? 'Reload model' : 'Retry'}
          </button>
          {canRepair && (
            <button type="button" onClick={() => void repairModel(modelId)}>
              Repair
            </button>
          )}
        </>
      }
    />
  );
}
