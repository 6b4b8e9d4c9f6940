import { useId } from 'react';
import {
  ChevronRight,
  Clock,
  Columns3,
  Download,
  Gauge,
  Scale,
  Sparkles,
  Zap,
  type LucideIcon,
} from 'lucide-react';
import type { GpuCapabilities } from '../../models/capabilities';
import { assessFit, ENGINE_NAMES, estimateDownloadMB } from '../../models/catalog';
import { describeVerdict, type EngineVerdict } from '../../models/fasterEngine';
import { describeProcessorSpeed, estimateProcessorTokensPerS } from '../../models/processorSpeed';
import type { CacheInfo } from '../../engine/protocol';
import { formatMegabytes } from '../../lib/format';
import { useCatalog } from '../../store/catalog';
import { MIN_COMPARED } from '../compare/candidates';
import { openCompare } from '../compare/compareDialog';
import { deviceMemoryGB, useConnectionSpeed } from './device';
import { describeDownloadTime, describeSpeedSource, type ConnectionSpeed } from './downloadTime';
import { closeModelManager } from './modelManagerDialog';
import { friendlyName, onBothEngines } from '../../models/names';
import { strengthsOf } from '../../models/strengths';
import type { Pick, PickKind } from '../../models/picks';
import { OFFLINE_TEXT, UseModelButton, useNeedsNetwork } from './UseModelButton';
import { useFocusOnMount } from './useFocusOnMount';
import './models.css';

const KINDS: Record<PickKind, { label: string; icon: LucideIcon }> = {
  fastest: { label: 'Fastest', icon: Zap },
  balanced: { label: 'Best balance', icon: Scale },
  capable: { label: 'Most capable', icon: Sparkles },
};

function describeEstimate(tokensPerS: number | null): string | null {
  return tokensPerS === null ? null : describeProcessorSpeed(tokensPerS);
}

interface PickCardProps {
  pick: Pick;
  /** Whether the catalog has this model on the other engine too: then the card names its engine. */
  onBothEngines: boolean;
  gpu: GpuCapabilities;
  verdict: EngineVerdict | undefined;
  cache: CacheInfo | undefined;
  selected: boolean;
  loaded: boolean;
  busy: boolean;
  speed: ConnectionSpeed;
}

function PickCard(props: PickCardProps) {
  const { pick, onBothEngines, gpu, verdict, cache, selected, loaded, busy, speed } = props;
  const id = useId();
  const { entry, kind } = pick;
  const { label, icon: Icon } = KINDS[kind];
  const state = cache?.state ?? 'absent';
  const needsNetwork = useNeedsNetwork(entry, state, loaded);
  const download = estimateDownloadMB(entry);
  const measured = verdict?.measured[entry.engine];
  // A figure measured on this device replaces the estimate.
  const speedText =
    measured?.modelId === entry.id
      ? `${Math.round(measured.tokensPerS)} tokens/s, measured on this device`
      : describeEstimate(estimateProcessorTokensPerS(entry, gpu));
  return (
    <li
      className={selected ? 'pick-card selected' : 'pick-card'}
      aria-labelledby={`${id}-kind ${id}-name`}
    >
      <p className={`pick-kind ${kind}`} id={`${id}-kind`}>
        <Icon aria-hidden size={15} strokeWidth={2.25} />
        {label}
      </p>
      {selected && !loaded && <span className="badge pick-chosen">Chosen</span>}
      <h4 id={`${id}-name`}>
        {onBothEngines
          ? `${friendlyName(entry)} · ${ENGINE_NAMES[entry.engine]}`
          : friendlyName(entry)}
      </h4>
      <p className="pick-good-at">{strengthsOf(entry).goodAt}</p>
      <dl className="pick-facts">
        <div>
          <dt>
            <Download aria-hidden size={15} />
            <span className="visually-hidden">Download</span>
          </dt>
          <dd>
            {state === 'complete'
              ? 'Downloaded'
              : download !== null &&
                `${formatMegabytes(download)}${state === 'partial' ? ', partly downloaded' : ''}`}
          </dd>
        </div>
        {state !== 'complete' && download !== null && (
          <div>
            <dt>
              <Clock aria-hidden size={15} />
              <span className="visually-hidden">Time</span>
            </dt>
            <dd>{describeDownloadTime(download, speed)}</dd>
          </div>
        )}
        {speedText && (
          <div>
            <dt>
              <Gauge aria-hidden size={15} />
              <span className="visually-hidden">Speed</span>
            </dt>
            <dd>{speedText}</dd>
          </div>
        )}
      </dl>
      {verdict && <p className="pick-verdict">{describeVerdict(verdict)}</p>}
      {needsNetwork && <p className="model-warning">{OFFLINE_TEXT}</p>}
      <UseModelButton
        entry={entry}
        state={state}
        loaded={loaded}
        disabled={busy || needsNetwork}
        primary
      />
    </li>
  );
}

export interface RecommendedViewProps {
  picks: Pick[];
  gpu: GpuCapabilities;
  verdicts: ReadonlyMap<string, EngineVerdict>;
  cache: Record<string, CacheInfo> | null;
  selectedId: string | null;
  loadedId: string | null;
  busy: boolean;
  /** How many models this device can run: the full catalog is one click away. */
  runnable: number;
  onShowAll: () => void;
  focusHeading: boolean;
}

/** The manager's first view: three models picked for this device, each one click from use. */
export function RecommendedView({
  picks,
  gpu,
  verdicts,
  cache,
  selectedId,
  loadedId,
  busy,
  runnable,
  onShowAll,
  focusHeading,
}: RecommendedViewProps) {
  const headingId = useId();
  const speed = useConnectionSpeed();
  const headingRef = useFocusOnMount<HTMLHeadingElement>(focusHeading);
  const memory = deviceMemoryGB();
  const catalog = useCatalog();
  return (
    <section className="models-view" aria-labelledby={headingId}>
      <div className="models-view-head">
        <h3 id={headingId} ref={headingRef} tabIndex={-1}>
          Recommended for this device
        </h3>
        <p className="muted">
          {picks.length > 0
            ? `Chosen from the ${runnable} models this device can run${memory ? `, for its ${memory} GB of memory` : ''}. Each downloads once, then works offline.`
            : 'None of the suggested models fits this device. The full list may still have one that runs.'}
        </p>
      </div>
      {picks.length > 0 && (
        <ul className="model-picks" aria-labelledby={headingId}>
          {picks.map((pick) => (
            <PickCard
              key={pick.entry.id}
              pick={pick}
              onBothEngines={onBothEngines(pick.entry, catalog, (e) => assessFit(e, gpu).ok)}
              gpu={gpu}
              verdict={verdicts.get(friendlyName(pick.entry))}
              cache={cache?.[pick.entry.id]}
              selected={pick.entry.id === selectedId}
              loaded={pick.entry.id === loadedId}
              busy={busy}
              speed={speed}
            />
          ))}
        </ul>
      )}
      {picks.some((p) => cache?.[p.entry.id]?.state !== 'complete') && (
        <p className="muted model-picks-note">{describeSpeedSource(speed)}</p>
      )}
      <div className="models-view-foot">
        {picks.length >= MIN_COMPARED && (
          <button
            type="button"
            className="models-switch"
            onClick={() => {
              closeModelManager();
              openCompare({ prompt: '', modelIds: picks.map((p) => p.entry.id) });
            }}
          >
            <Columns3 aria-hidden size={16} />
            Compare these
          </button>
        )}
        <button type="button" className="models-switch" onClick={onShowAll}>
          All models ({runnable})
          <ChevronRight aria-hidden size={16} />
        </button>
      </div>
    </section>
  );
}
