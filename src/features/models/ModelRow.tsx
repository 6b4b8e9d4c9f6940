import { memo, useState } from 'react';
import {
  assessFit,
  describeQuantization,
  ENGINE_NAMES,
  estimateDownloadMB,
  memoryWarning,
  type CatalogEntry,
} from '../../models/catalog';
import type { GpuCapabilities } from '../../models/capabilities';
import type { CacheInfo } from '../../engine/protocol';
import { describeVerdict, type EngineVerdict } from '../../models/fasterEngine';
import { describeProcessorSpeed, estimateProcessorTokensPerS } from '../../models/processorSpeed';
import { formatMegabytes } from '../../lib/format';
import { removeCustomModel } from '../../store/actions/customModels';
import { deleteDownloadedModel, repairModel } from '../../store/session/modelSession';
import { addedModel, useModelStore } from '../../store/modelStore';
import { EditCustomModelButton } from './custom/CustomModelDialog';
import { deviceMemoryGB } from './device';
import { friendlyName } from '../../models/names';
import { strengthsOf } from '../../models/strengths';
import { OFFLINE_TEXT, UseModelButton, useNeedsNetwork } from './UseModelButton';
import './models.css';

const UNFIT_TEXT = {
  'needs-webgpu': 'Runs on a GPU, through WebGPU, which this browser does not offer.',
  'needs-shader-f16': 'Needs 16-bit GPU shaders (shader-f16), which this device lacks.',
  'buffer-too-large': 'Needs larger GPU buffers than this device allows.',
};

export interface ModelRowProps {
  entry: CatalogEntry;
  gpu: GpuCapabilities;
  /** Where this device's benchmarks ran this model on both engines, which was faster. */
  verdict: EngineVerdict | undefined;
  cache: CacheInfo | undefined;
  recommended: boolean;
  selected: boolean;
  loaded: boolean;
  busy: boolean;
}

/** One model: its name, what it is good at, its build, and what can be done with it. */
export const ModelRow = memo(function ModelRow({
  entry,
  gpu,
  verdict,
  cache,
  recommended,
  selected,
  loaded,
  busy,
}: ModelRowProps) {
  const [confirming, setConfirming] = useState<'delete' | 'remove' | null>(null);
  const custom = useModelStore((s) => (entry.custom ? addedModel(s, entry.id) : undefined));
  const fit = assessFit(entry, gpu);
  const warning = memoryWarning(entry, deviceMemoryGB());
  const download = estimateDownloadMB(entry);
  const tokensPerS = estimateProcessorTokensPerS(entry, gpu);
  const state = cache?.state ?? 'absent';
  const needsNetwork = useNeedsNetwork(entry, state, loaded);
  const details = [
    ENGINE_NAMES[entry.engine],
    entry.quantization && describeQuantization(entry.quantization),
    download !== null && `≈ ${formatMegabytes(download)} download`,
    entry.vramMB !== null &&
      `${formatMegabytes(entry.vramMB)} ${entry.engine === 'llamacpp' ? 'memory' : 'GPU memory'}`,
    tokensPerS !== null && describeProcessorSpeed(tokensPerS),
    entry.contextWindow !== null && `${entry.contextWindow.toLocaleString('en')}-token context`,
  ].filter(Boolean);
  const badges = [
    recommended && 'Recommended',
    // The model chats use, where another one is loaded still ("Loaded" marks that one).
    selected && !loaded && 'Chosen',
    loaded && 'Loaded',
    // A model copied from a file or folder on this computer was never downloaded.
    state === 'complete' &&
      `${entry.downloadUrl === null ? 'On this device' : 'Downloaded'}${cache?.bytes ? ` (${formatMegabytes(cache.bytes / 2 ** 20)})` : ''}`,
    state === 'partial' && 'Partly downloaded',
    entry.custom && 'Custom',
    verdict?.faster === entry.engine && 'Faster here',
    entry.needsShaderF16 && 'Needs shader-f16',
    entry.lowResource && 'Fits small devices',
  ].filter((b): b is string => Boolean(b));

  return (
    <li className={selected ? 'model-row selected' : 'model-row'} aria-label={entry.id}>
      <div className="model-row-about">
        <div className="model-row-title">
          <h5>{friendlyName(entry, custom?.name)}</h5>
          {badges.map((b) => (
            <span key={b} className={b === 'Recommended' ? 'badge accent' : 'badge'}>
              {b}
            </span>
          ))}
        </div>
        <p className="model-good-at">{strengthsOf(entry).goodAt}</p>
        <p className="model-details">
          <code className="model-build">{entry.id}</code> {details.join(' · ')}
        </p>
        {verdict && <p className="model-details">{describeVerdict(verdict)}</p>}
        {!fit.ok && <p className="model-warning">{UNFIT_TEXT[fit.reason]}</p>}
        {fit.ok && warning && <p className="model-warning">{warning}</p>}
        {needsNetwork && <p className="model-warning">{OFFLINE_TEXT}</p>}
      </div>
      <div className="actions">
        <UseModelButton
          entry={entry}
          state={state}
          loaded={loaded}
          disabled={!fit.ok || busy || needsNetwork}
        />
        {state !== 'absent' && (
          <button
            type="button"
            disabled={busy}
            onClick={() => {
              if (confirming !== 'delete') return setConfirming('delete');
              setConfirming(null);
              void deleteDownloadedModel(entry.id);
            }}
          >
            {confirming === 'delete' ? 'Confirm delete' : 'Delete'}
          </button>
        )}
        {/* Nothing to download again for a model copied from this computer. */}
        {state === 'partial' && entry.downloadUrl !== null && (
          <button
            type="button"
            disabled={busy || needsNetwork}
            onClick={() => void repairModel(entry.id)}
          >
            Repair
          </button>
        )}
        {custom && <EditCustomModelButton model={custom} />}
        {custom && (
          <button
            type="button"
            disabled={busy && loaded}
            onClick={() => {
              if (confirming !== 'remove') return setConfirming('remove');
              void removeCustomModel(custom.id);
            }}
          >
            {confirming === 'remove' ? 'Confirm remove' : 'Remove'}
          </button>
        )}
      </div>
    </li>
  );
});
