import { useMemo } from 'react';
import { assessFit, recommendModel, type CatalogEntry } from '../../engine/catalog';
import { useCatalog } from '../../store/catalog';
import { selectModel } from '../../store/actions/selectModel';
import { useChatStore } from '../../store/chatStore';
import { useRuntimeStore } from '../../store/runtimeStore';
import { selectIsGenerating } from '../../store/selectors';
import { formatMegabytes } from '../../lib/format';

function optionLabel(entry: CatalogEntry, recommended: boolean, unfit: string | null): string {
  const size = entry.vramMB ? ` · ${formatMegabytes(entry.vramMB)}` : '';
  const marks = [recommended && 'recommended', unfit].filter(Boolean).join(', ');
  return `${entry.id}${size}${marks ? ` (${marks})` : ''}`;
}

const unfitReason = { 'needs-shader-f16': 'needs shader-f16', 'buffer-too-large': 'too large' };

export function ModelPicker() {
  const catalog = useCatalog();
  const gpu = useRuntimeStore((s) => s.gpu);
  const busy = useRuntimeStore((s) => selectIsGenerating(s) || s.engine.status === 'loading');
  const selected = useChatStore((s) => s.selectedModelId);

  const groups = useMemo(() => {
    const byFamily = new Map<string, CatalogEntry[]>();
    for (const entry of catalog ?? []) {
      byFamily.set(entry.family, [...(byFamily.get(entry.family) ?? []), entry]);
    }
    return [...byFamily.entries()];
  }, [catalog]);
  const recommendedId = useMemo(
    () => (catalog && gpu ? recommendModel(catalog, gpu)?.id : undefined),
    [catalog, gpu],
  );

  if (!catalog || !gpu) return <span className="muted">Loading models…</span>;
  return (
    <label className="model-picker">
      <span className="visually-hidden">Model</span>
      <select
        aria-label="Model"
        value={selected ?? ''}
        disabled={busy}
        onChange={(e) => selectModel(e.target.value)}
      >
        {groups.map(([family, entries]) => (
          <optgroup key={family} label={family}>
            {entries.map((entry) => {
              const fit = assessFit(entry, gpu);
              return (
                <option key={entry.id} value={entry.id} disabled={!fit.ok}>
                  {optionLabel(
                    entry,
                    entry.id === recommendedId,
                    fit.ok ? null : unfitReason[fit.reason],
                  )}
                </option>
              );
            })}
          </optgroup>
        ))}
      </select>
    </label>
  );
}
