import { useMemo, useState } from 'react';
import { estimateDownloadMB } from '../../models/catalog';
import { formatMegabytes } from '../../lib/format';
import { compareModels, MAX_COMPARED } from '../../store/actions/compareModels';
import { useCatalog } from '../../store/catalog';
import { useRuntimeStore } from '../../store/runtimeStore';
import { deviceMemoryGB } from '../models/device';
import { friendlyName } from '../../models/names';
import { pickModels } from '../../models/picks';
import { compareCandidates, initialChoice, MIN_COMPARED, type Candidate } from './candidates';
import { showCompareResults, type CompareRequest } from './compareDialog';

/** How many models the list shows before the user searches for more. */
const LISTED = 8;

function matches(candidate: Candidate, query: string): boolean {
  const q = query.trim().toLowerCase();
  return (
    friendlyName(candidate.entry).toLowerCase().includes(q) ||
    candidate.entry.id.toLowerCase().includes(q)
  );
}

function ModelOption({
  candidate,
  checked,
  disabled,
  onChange,
}: {
  candidate: Candidate;
  checked: boolean;
  disabled: boolean;
  onChange: (checked: boolean) => void;
}) {
  const { entry, downloaded } = candidate;
  const download = estimateDownloadMB(entry);
  return (
    <li>
      {/* The build is part of the name: builds that differ by quantization share a friendly one. */}
      <label className="compare-option">
        <input
          type="checkbox"
          checked={checked}
          disabled={disabled}
          onChange={(e) => onChange(e.target.checked)}
        />
        <span className="compare-option-text">
          <span className="compare-option-name">{friendlyName(entry)}</span>{' '}
          <code className="model-build">{entry.id}</code>
        </span>{' '}
        <span className="muted compare-option-hint">
          {downloaded
            ? 'On this device'
            : download !== null
              ? `Downloads ${formatMegabytes(download)}`
              : 'Downloads first'}
        </span>
      </label>
    </li>
  );
}

/** The prompt and up to three models that fit this device; Compare runs them in turn. */
export function CompareSetup({ request }: { request: CompareRequest }) {
  const catalog = useCatalog();
  const gpu = useRuntimeStore((s) => s.gpu);
  const cache = useRuntimeStore((s) => s.modelCache);
  const busy = useRuntimeStore((s) => s.generation !== null || s.benchmarkJob !== null);
  const candidates = useMemo(() => {
    if (!gpu) return [];
    return compareCandidates(catalog, gpu, cache, pickModels(catalog, gpu, deviceMemoryGB()));
  }, [catalog, gpu, cache]);
  const [prompt, setPrompt] = useState(request.prompt);
  const [chosen, setChosen] = useState<string[] | null>(null);
  const [query, setQuery] = useState('');
  const selected = chosen ?? initialChoice(candidates, request.modelIds, MAX_COMPARED);
  const listed = query.trim()
    ? candidates.filter((c) => matches(c, query)).slice(0, LISTED)
    : candidates.filter((c, i) => i < LISTED || selected.includes(c.entry.id));
  // The chosen ones stay in view while the user searches for others.
  const shown = [
    ...candidates.filter((c) => selected.includes(c.entry.id) && !listed.includes(c)),
    ...listed,
  ];
  const toggle = (id: string, on: boolean) =>
    setChosen(on ? [...selected, id] : selected.filter((s) => s !== id));
  const canStart = prompt.trim() !== '' && selected.length >= MIN_COMPARED && !busy;

  return (
    <form
      className="compare-setup"
      onSubmit={(e) => {
        e.preventDefault();
        if (!canStart) return;
        request.onStarted?.();
        showCompareResults();
        void compareModels(prompt, selected);
      }}
    >
      <label className="compare-prompt">
        Prompt
        <textarea
          rows={3}
          value={prompt}
          onChange={(e) => setPrompt(e.target.value)}
          placeholder="Ask something to put to each model"
        />
      </label>
      <fieldset>
        <legend>
          Models to compare ({selected.length} chosen, {MAX_COMPARED} at most)
        </legend>
        <input
          type="search"
          aria-label="Find a model"
          placeholder="Find a model"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
        <ul className="compare-options">
          {shown.map((c) => (
            <ModelOption
              key={c.entry.id}
              candidate={c}
              checked={selected.includes(c.entry.id)}
              disabled={!selected.includes(c.entry.id) && selected.length >= MAX_COMPARED}
              onChange={(on) => toggle(c.entry.id, on)}
            />
          ))}
        </ul>
      </fieldset>
      <p className="muted">
        Each model loads in turn on this GPU and answers the chat so far; the one before it is
        unloaded first. Keep the reply you like: the others stay as its versions.
      </p>
      <div className="compare-actions">
        <button type="submit" className="primary" disabled={!canStart}>
          Compare
        </button>
        {selected.length < MIN_COMPARED ? (
          <span className="muted">Choose at least {MIN_COMPARED} models.</span>
        ) : (
          busy && <span className="muted">The models are busy: wait for them to finish.</span>
        )}
      </div>
    </form>
  );
}
