/**
 * What the model manager shows: the catalog filtered by the user's search and switches, sorted,
 * and grouped by family. Pure, so it is tested without a browser.
 */
import { assessFit, type CatalogEntry } from '../../models/catalog';
import type { GpuCapabilities } from '../../models/capabilities';
import type { CacheInfo } from '../../engine/protocol';
import { friendlyName } from '../../models/names';

export type SortKey = 'recommended' | 'size' | 'context' | 'name';

export const SORT_LABELS: Record<SortKey, string> = {
  recommended: 'Recommended first',
  size: 'Smallest first',
  context: 'Longest context first',
  name: 'Name',
};

export interface CatalogFilter {
  query: string;
  onlyRunnable: boolean;
  onlyDownloaded: boolean;
  sort: SortKey;
}

export interface CatalogGroup {
  family: string;
  entries: CatalogEntry[];
}

/** The names the user gave the models they added, by id: what their rows show. */
export type AddedNames = Readonly<Record<string, string>>;

function matches(entry: CatalogEntry, words: string[], names: AddedNames): boolean {
  const name = friendlyName(entry, names[entry.id]);
  const haystack = `${name} ${entry.id} ${entry.family}`.toLowerCase();
  return words.every((w) => haystack.includes(w));
}

function comparator(
  sort: SortKey,
  recommendedId: string | undefined,
  gpu: GpuCapabilities,
  names: AddedNames,
) {
  const size = (e: CatalogEntry) => e.vramMB ?? Infinity;
  switch (sort) {
    case 'size':
      return (a: CatalogEntry, b: CatalogEntry) => size(a) - size(b);
    case 'context':
      return (a: CatalogEntry, b: CatalogEntry) => (b.contextWindow ?? 0) - (a.contextWindow ?? 0);
    case 'name':
      return (a: CatalogEntry, b: CatalogEntry) =>
        friendlyName(a, names[a.id]).localeCompare(friendlyName(b, names[b.id])) ||
        a.id.localeCompare(b.id);
    case 'recommended': {
      const rank = (e: CatalogEntry) =>
        e.id === recommendedId ? 0 : assessFit(e, gpu).ok ? (e.lowResource ? 1 : 2) : 3;
      return (a: CatalogEntry, b: CatalogEntry) => rank(a) - rank(b) || size(a) - size(b);
    }
  }
}

export function viewCatalog(
  catalog: readonly CatalogEntry[],
  filter: CatalogFilter,
  gpu: GpuCapabilities,
  cache: Record<string, CacheInfo> | null,
  recommendedId: string | undefined,
  names: AddedNames = {},
): CatalogGroup[] {
  const words = filter.query.toLowerCase().split(/\s+/).filter(Boolean);
  const shown = catalog
    .filter((e) => matches(e, words, names))
    .filter((e) => !filter.onlyRunnable || assessFit(e, gpu).ok)
    .filter((e) => !filter.onlyDownloaded || (cache?.[e.id]?.state ?? 'absent') !== 'absent')
    .sort(comparator(filter.sort, recommendedId, gpu, names));
  // Groups appear in the order of their best-sorted member.
  const groups = new Map<string, CatalogEntry[]>();
  for (const entry of shown) groups.set(entry.family, [...(groups.get(entry.family) ?? []), entry]);
  return [...groups].map(([family, entries]) => ({ family, entries }));
}
