import { useId, useMemo } from 'react';
import { ArrowLeft } from 'lucide-react';
import type { CatalogEntry } from '../../models/catalog';
import type { GpuCapabilities } from '../../models/capabilities';
import type { CacheInfo } from '../../engine/protocol';
import type { EngineVerdict } from '../../models/fasterEngine';
import { friendlyName } from '../../models/names';
import { useModelStore } from '../../store/modelStore';
import { SORT_LABELS, viewCatalog, type CatalogFilter, type SortKey } from './catalogView';
import { AddCustomModelButton } from './custom/CustomModelDialog';
import { ModelRow } from './ModelRow';
import { useFocusOnMount } from './useFocusOnMount';
import './models.css';

export interface AllModelsViewProps {
  catalog: readonly CatalogEntry[];
  gpu: GpuCapabilities;
  verdicts: ReadonlyMap<string, EngineVerdict>;
  cache: Record<string, CacheInfo> | null;
  filter: CatalogFilter;
  onFilter: (patch: Partial<CatalogFilter>) => void;
  recommendedId: string | undefined;
  selectedId: string | null;
  loadedId: string | null;
  busy: boolean;
  onBack: () => void;
}

/** Every model, searchable and filtered, grouped by family: the manager's second view. */
export function AllModelsView({
  catalog,
  gpu,
  verdicts,
  cache,
  filter,
  onFilter,
  recommendedId,
  selectedId,
  loadedId,
  busy,
  onBack,
}: AllModelsViewProps) {
  const headingId = useId();
  const headingRef = useFocusOnMount<HTMLHeadingElement>(true);
  // Added models are found by the names their rows show, not only by their ids.
  const customModels = useModelStore((s) => s.customModels);
  const ggufModels = useModelStore((s) => s.ggufModels);
  const names = useMemo(
    () =>
      Object.fromEntries(
        [...Object.values(customModels), ...Object.values(ggufModels)].map((m) => [m.id, m.name]),
      ),
    [customModels, ggufModels],
  );
  const groups = useMemo(
    () => viewCatalog(catalog, filter, gpu, cache, recommendedId, names),
    [catalog, filter, gpu, cache, recommendedId, names],
  );
  const shown = groups.reduce((n, g) => n + g.entries.length, 0);
  return (
    <section className="models-view" aria-labelledby={headingId}>
      <div className="models-view-head with-back">
        <button type="button" className="models-switch back" onClick={onBack}>
          <ArrowLeft aria-hidden size={16} />
          Back to recommended
        </button>
        <div className="models-view-title">
          <h3 id={headingId} ref={headingRef} tabIndex={-1}>
            All models
          </h3>
          <AddCustomModelButton />
        </div>
      </div>
      <div className="model-filters">
        <input
          type="search"
          aria-label="Search models"
          placeholder="Search by name or family"
          value={filter.query}
          onChange={(e) => onFilter({ query: e.target.value })}
        />
        <label className="checkbox">
          <input
            type="checkbox"
            checked={filter.onlyRunnable}
            onChange={(e) => onFilter({ onlyRunnable: e.target.checked })}
          />
          Only models this device can run
        </label>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={filter.onlyDownloaded}
            onChange={(e) => onFilter({ onlyDownloaded: e.target.checked })}
          />
          Downloaded only
        </label>
        <label className="model-sort">
          Sort by{' '}
          <select
            value={filter.sort}
            onChange={(e) => onFilter({ sort: e.target.value as SortKey })}
          >
            {Object.entries(SORT_LABELS).map(([key, label]) => (
              <option key={key} value={key}>
                {label}
              </option>
            ))}
          </select>
        </label>
      </div>
      <p className="muted model-count" role="status">
        Showing {shown} of {catalog.length} models.
      </p>
      {groups.map((group) => (
        <section key={group.family} className="model-family" aria-label={group.family}>
          <h4>{group.family}</h4>
          <ul className="model-list">
            {group.entries.map((entry) => (
              <ModelRow
                key={entry.id}
                entry={entry}
                gpu={gpu}
                verdict={verdicts.get(friendlyName(entry))}
                cache={cache?.[entry.id]}
                recommended={entry.id === recommendedId}
                selected={entry.id === selectedId}
                loaded={entry.id === loadedId}
                busy={busy}
              />
            ))}
          </ul>
        </section>
      ))}
    </section>
  );
}
