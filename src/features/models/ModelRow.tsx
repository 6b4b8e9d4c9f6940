import { memo, useState } from 'react';
import {
  assessFit,
  describeQuantization,
  estimateDownloadMB,
  memoryWarning,
  type CatalogEntry,
} from '../../engine/catalog';
import type { GpuCapabilities } from '../../engine/capabilities';
import type { CacheInfo } from '../../engine/modelCache';
import { formatMegabytes } from '../../lib/format';
import { quirksFor } from '../../prompts/modelQuirks';
import { removeCustomModel } from '../../store/actions/customModels';
import {
  deleteDownloadedModel,
  repairModel,
  switchToModel,
} from '../../store/session/modelSession';
import { useModelStore } from '../../store/modelStore';
import { useRuntimeStore } from '../../store/runtimeStore';
import { EditCustomModelButton } from './custom/CustomModelDialog';
import './models.css';

const UNFIT_TEXT = {
  'needs-shader-f16': 'Needs 16-bit GPU shaders (shader-f16), which this device lacks.',
  'buffer-too-large': 'Needs larger GPU buffers than this device allows.',
};

function deviceMemoryGB(): number | undefined {
  return (navigator as Navigator & { deviceMemory?: number }).deviceMemory;
}

export interface ModelRowProps {
  entry: CatalogEntry;
  gpu: GpuCapabilities;
  cache: CacheInfo | undefined;
  recommended: boolean;
  selected: boolean;
  loaded: boolean;
  busy: boolean;
}

/** One model: what it is, whether this device can run it, and what can be done with it. */
export const ModelRow = memo(function ModelRow({
  entry,
  gpu,
  cache,
  recommended,
  selected,
  loaded,
  busy,
}: ModelRowProps) {
  const [confirming, setConfirming] = useState<'delete' | 'remove' | null>(null);
  const custom = useModelStore((s) => (entry.custom ? s.customModels[entry.id] : undefined));
  const fit = assessFit(entry, gpu);
  const warning = memoryWarning(entry, deviceMemoryGB());
  const download = estimateDownloadMB(entry);
  const thinking = quirksFor(entry.id).thinking !== 'none';
  const state = cache?.state ?? 'absent';
  const online = useRuntimeStore((s) => s.online);
  // Anything not fully on this device has to be downloaded first, which needs the network.
  const needsNetwork = !online && state !== 'complete' && !loaded;
  const facts = [
    entry.paramsB !== null &&
      `${entry.paramsB >= 1 ? entry.paramsB : entry.paramsB * 1000}${entry.paramsB >= 1 ? 'B' : 'M'} parameters`,
    entry.quantization && describeQuantization(entry.quantization),
    download !== null && `≈ ${formatMegabytes(download)} download`,
    entry.vramMB !== null && `${formatMegabytes(entry.vramMB)} GPU memory`,
    entry.contextWindow !== null && `${entry.contextWindow.toLocaleString('en')}-token context`,
  ].filter(Boolean);
  const badges = [
    recommended && 'Recommended',
    loaded && 'Loaded',
    state === 'complete' &&
      `Downloaded${cache?.bytes ? ` (${formatMegabytes(cache.bytes / 2 ** 20)})` : ''}`,
    state === 'partial' && 'Partly downloaded',
    entry.custom && 'Custom',
    entry.needsShaderF16 && 'Needs shader-f16',
    entry.lowResource && 'Low-resource',
    thinking && 'Thinking',
    entry.vision && 'Vision',
  ].filter((b): b is string => Boolean(b));

  return (
    <li className={selected ? 'model-row selected' : 'model-row'} aria-label={entry.id}>
      <div className="model-name">
        <strong>{custom?.name ?? entry.id}</strong>
        {badges.map((b) => (
          <span key={b} className="badge">
            {b}
          </span>
        ))}
      </div>
      <p className="muted">{facts.join(' · ')}</p>
      {!fit.ok && <p className="model-warning">{UNFIT_TEXT[fit.reason]}</p>}
      {fit.ok && warning && <p className="model-warning">{warning}</p>}
      {needsNetwork && <p className="model-warning">You are offline: connect to download it.</p>}
      <div className="actions">
        <button
          type="button"
          disabled={!fit.ok || busy || loaded || needsNetwork}
          aria-describedby={undefined}
          onClick={() => void switchToModel(entry.id)}
        >
          {loaded ? 'In use' : state === 'complete' ? 'Use' : 'Download and use'}
        </button>
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
        {state === 'partial' && (
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
