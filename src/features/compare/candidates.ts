/**
 * The models a comparison can use: those this device can run, downloaded ones first, then the
 * manager's picks, then the rest in WebLLM's order. Pure.
 */
import { assessFit, estimateDownloadMB, type CatalogEntry } from '../../models/catalog';
import type { GpuCapabilities } from '../../models/capabilities';
import type { CacheInfo } from '../../engine/protocol';
import type { Pick } from '../../models/picks';

export interface Candidate {
  entry: CatalogEntry;
  downloaded: boolean;
  /** One of the manager's picks for this device. */
  suggested: boolean;
}

export function compareCandidates(
  catalog: readonly CatalogEntry[],
  gpu: GpuCapabilities,
  cache: Record<string, CacheInfo> | null,
  picks: readonly Pick[],
): Candidate[] {
  const rank = (c: Candidate) => (c.downloaded ? 0 : c.suggested ? 1 : 2);
  return catalog
    .filter((entry) => assessFit(entry, gpu).ok)
    .map((entry) => ({
      entry,
      downloaded: cache?.[entry.id]?.state === 'complete',
      suggested: picks.some((p) => p.entry.id === entry.id),
    }))
    .map((c, order) => ({ c, order }))
    .sort((a, b) => rank(a.c) - rank(b.c) || a.order - b.order)
    .map(({ c }) => c);
}

/** Two models make a comparison. */
export const MIN_COMPARED = 2;

/**
 * What starts checked: the models asked for; else the downloaded ones, topped up to two with the
 * smallest suggested downloads (never a multi-gigabyte one the user did not ask for).
 */
export function initialChoice(
  candidates: readonly Candidate[],
  requested: readonly string[] | undefined,
  max: number,
): string[] {
  const ids = candidates.map((c) => c.entry.id);
  if (requested?.length) return requested.filter((id) => ids.includes(id)).slice(0, max);
  const downloaded = candidates.filter((c) => c.downloaded).slice(0, max);
  const size = (c: Candidate) => estimateDownloadMB(c.entry) ?? Infinity;
  const smallest = candidates
    .filter((c) => !c.downloaded && c.suggested)
    .sort((a, b) => size(a) - size(b))
    .slice(0, Math.max(0, MIN_COMPARED - downloaded.length));
  return [...downloaded, ...smallest].map((c) => c.entry.id);
}
