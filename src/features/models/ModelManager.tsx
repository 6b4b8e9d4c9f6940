import { useEffect, useMemo, useState } from 'react';
import { assessFit, recommendModel } from '../../models/catalog';
import { refreshModelCache } from '../../store/session/modelFiles';
import { unloadModel } from '../../store/session/modelSession';
import { useCatalog } from '../../store/catalog';
import { useChatStore } from '../../store/chatStore';
import { useRuntimeStore } from '../../store/runtimeStore';
import { selectIsGenerating } from '../../store/selectors';
import type { CatalogFilter } from './catalogView';
import { AllModelsView } from './AllModelsView';
import { deviceMemoryGB } from './device';
import { pickModels } from '../../models/picks';
import { RecommendedView } from './RecommendedView';
import { StorageSummary } from './StorageSummary';
import { useEngineVerdicts } from './useEngineVerdicts';
import '../../ui/forms.css';
import './models.css';

/** The header button: says which model chats use, and opens the manager. */
/**
 * What is in memory now (ids, as the engine holds them), with Unload: the GPU's, or the
 * processor's where llama.cpp runs there.
 */
function LoadedModelsStatus() {
  const engine = useRuntimeStore((s) => s.engine);
  const gpu = useRuntimeStore((s) => s.gpu);
  const searchModel = useRuntimeStore((s) => s.searchModel);
  const generating = useRuntimeStore(selectIsGenerating);
  const loadedId = engine.status === 'ready' ? engine.modelId : null;
  const searchLoadedId =
    searchModel.status === 'ready' && searchModel.loaded ? searchModel.modelId : null;
  const onProcessor =
    engine.status === 'ready' ? engine.device.startsWith('CPU') : gpu?.status !== 'available';
  const memory = onProcessor ? 'In memory' : 'In GPU memory';
  return (
    <div className="model-manager-status">
      <p aria-label={memory}>
        {loadedId || searchLoadedId ? (
          <>
            {memory}: {loadedId && <strong>{loadedId}</strong>}
            {loadedId && searchLoadedId && ' and '}
            {searchLoadedId && (
              <>
                the search model <strong>{searchLoadedId}</strong>
              </>
            )}
          </>
        ) : (
          `No model is loaded${onProcessor ? '' : ' on the GPU'}.`
        )}
      </p>
      {(loadedId || searchLoadedId) && (
        <button type="button" disabled={generating} onClick={() => void unloadModel()}>
          Unload
        </button>
      )}
    </div>
  );
}

type View = 'recommended' | 'all' | 'back-to-recommended';

/** Opens on three picks for this device; the full catalog is one step away, and back. */
export function ModelManager() {
  const catalog = useCatalog();
  const gpu = useRuntimeStore((s) => s.gpu);
  const cache = useRuntimeStore((s) => s.modelCache);
  const engine = useRuntimeStore((s) => s.engine);
  const generating = useRuntimeStore(selectIsGenerating);
  const selected = useChatStore((s) => s.selectedModelId);
  const [view, setView] = useState<View>('recommended');
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
    () => (gpu ? recommendModel(catalog, gpu)?.id : undefined),
    [catalog, gpu],
  );
  const verdicts = useEngineVerdicts(catalog);
  const picks = useMemo(
    () => (gpu ? pickModels(catalog, gpu, deviceMemoryGB(), verdicts) : []),
    [catalog, gpu, verdicts],
  );
  const runnable = useMemo(
    () => (gpu ? catalog.filter((e) => assessFit(e, gpu).ok).length : 0),
    [catalog, gpu],
  );
  if (!gpu) return <p role="status">Loading the model list…</p>;
  const loadedId = engine.status === 'ready' ? engine.modelId : null;
  // A warm start is Nook's own idea: choosing another model takes its place.
  const busy = generating || (engine.status === 'loading' && !engine.warm);

  return (
    <div className="model-manager">
      <div className="model-manager-summary">
        <LoadedModelsStatus />
        <StorageSummary />
      </div>
      {view === 'all' ? (
        <AllModelsView
          catalog={catalog}
          gpu={gpu}
          verdicts={verdicts}
          cache={cache}
          filter={filter}
          onFilter={(patch) => setFilter((f) => ({ ...f, ...patch }))}
          recommendedId={recommendedId}
          selectedId={selected}
          loadedId={loadedId}
          busy={busy}
          onBack={() => setView('back-to-recommended')}
        />
      ) : (
        <RecommendedView
          picks={picks}
          gpu={gpu}
          verdicts={verdicts}
          cache={cache}
          selectedId={selected}
          loadedId={loadedId}
          busy={busy}
          runnable={runnable}
          onShowAll={() => setView('all')}
          focusHeading={view === 'back-to-recommended'}
        />
      )}
    </div>
  );
}
