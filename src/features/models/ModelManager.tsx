import { useEffect, useMemo, useState } from 'react';
import { recommendModel } from '../../engine/catalog';
import { refreshModelCache } from '../../store/session/modelFiles';
import { unloadModel } from '../../store/session/modelSession';
import { useCatalog } from '../../store/catalog';
import { useChatStore } from '../../store/chatStore';
import { useRuntimeStore } from '../../store/runtimeStore';
import { selectIsGenerating } from '../../store/selectors';
import { Dialog } from '../../ui/Dialog';
import { SORT_LABELS, viewCatalog, type CatalogFilter, type SortKey } from './catalogView';
import { AddCustomModelButton } from './custom/CustomModelDialog';
import { ModelRow } from './ModelRow';
import { StorageSummary } from './StorageSummary';
import '../../ui/forms.css';
import './models.css';

/** The header button: says which model chats use, and opens the manager. */
export function ModelButton() {
  const [open, setOpen] = useState(false);
  const selected = useChatStore((s) => s.selectedModelId);
  const catalog = useCatalog();
  return (
    <>
      {/* Named "Model" as people say it; the chosen model is its description. */}
      <button
        type="button"
        className="model-button"
        aria-label="Model"
        aria-describedby="chosen-model"
        onClick={() => setOpen(true)}
        disabled={!catalog}
      >
        Model{' '}
        <span className="model-button-name" id="chosen-model">
          {catalog ? (selected ?? 'none chosen') : 'loading…'}
        </span>
      </button>
      <Dialog title="Models" open={open} onClose={() => setOpen(false)}>
        <ModelManager />
      </Dialog>
    </>
  );
}

function ModelManager() {
  const catalog = useCatalog();
  const gpu = useRuntimeStore((s) => s.gpu);
  const cache = useRuntimeStore((s) => s.modelCache);
  const engine = useRuntimeStore((s) => s.engine);
  const searchModel = useRuntimeStore((s) => s.searchModel);
  const generating = useRuntimeStore(selectIsGenerating);
  const selected = useChatStore((s) => s.selectedModelId);
  const [filter, setFilter] = useState<CatalogFilter>({
    query: '',
    onlyRunnable: true,
    onlyDownloaded: false,
    sort: 'recommended',
  });
  useEffect(() => {
    void refreshModelCache();
  }, [catalog]);

  const recommendedId = useMemo(
    () => (catalog && gpu ? recommendModel(catalog, gpu)?.id : undefined),
    [catalog, gpu],
  );
  const groups = useMemo(
    () => (catalog && gpu ? viewCatalog(catalog, filter, gpu, cache, recommendedId) : []),
    [catalog, gpu, filter, cache, recommendedId],
  );
  if (!catalog || !gpu) return <p role="status">Loading the model list…</p>;
  const shown = groups.reduce((n, g) => n + g.entries.length, 0);
  const loadedId = engine.status === 'ready' ? engine.modelId : null;
  const searchLoadedId =
    searchModel.status === 'ready' && searchModel.loaded ? searchModel.modelId : null;
  const busy = generating || engine.status === 'loading';
  const update = (patch: Partial<CatalogFilter>) => setFilter((f) => ({ ...f, ...patch }));

  return (
    <div className="model-manager">
      <div className="model-manager-status">
        <p aria-label="In GPU memory">
          {loadedId || searchLoadedId ? (
            <>
              In GPU memory: {loadedId && <strong>{loadedId}</strong>}
              {loadedId && searchLoadedId && ' and '}
              {searchLoadedId && (
                <>
                  the search model <strong>{searchLoadedId}</strong>
                </>
              )}
            </>
          ) : (
            'No model is loaded on the GPU.'
          )}
        </p>
        {(loadedId || searchLoadedId) && (
          <button type="button" disabled={generating} onClick={() => void unloadModel()}>
            Unload
          </button>
        )}
      </div>
      <StorageSummary />
      <div className="model-filters">
        <input
          type="search"
          aria-label="Search models"
          placeholder="Search models (name, family)"
          value={filter.query}
          onChange={(e) => update({ query: e.target.value })}
        />
        <label className="checkbox">
          <input
            type="checkbox"
            checked={filter.onlyRunnable}
            onChange={(e) => update({ onlyRunnable: e.target.checked })}
          />
          Only models this device can run
        </label>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={filter.onlyDownloaded}
            onChange={(e) => update({ onlyDownloaded: e.target.checked })}
          />
          Downloaded only
        </label>
        <label>
          Sort by{' '}
          <select value={filter.sort} onChange={(e) => update({ sort: e.target.value as SortKey })}>
            {Object.entries(SORT_LABELS).map(([key, label]) => (
              <option key={key} value={key}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <AddCustomModelButton />
      </div>
      <p className="muted" role="status">
        Showing {shown} of {catalog.length} models.
      </p>
      {groups.map((group) => (
        <section key={group.family} aria-label={group.family}>
          <h3>{group.family}</h3>
          <ul className="model-list">
            {group.entries.map((entry) => (
              <ModelRow
                key={entry.id}
                entry={entry}
                gpu={gpu}
                cache={cache?.[entry.id]}
                recommended={entry.id === recommendedId}
                selected={entry.id === selected}
                loaded={entry.id === loadedId}
                busy={busy}
              />
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
