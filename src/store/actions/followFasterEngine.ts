/**
 * After a benchmark: where it settled which engine runs a model faster here, and the user's
 * chosen model is that model's slower build, the chosen model becomes the faster build. Only a
 * new or turned verdict moves it, so a build the user picks afterwards stays chosen.
 */
import { assessFit, type CatalogEntry } from '../../models/catalog';
import {
  buildToFollow,
  engineVerdicts,
  settledVerdicts,
  type EngineVerdict,
} from '../../models/fasterEngine';
import { friendlyName } from '../../models/names';
import { decodeSpeeds } from '../benchmarkSpeeds';
import { useBenchmarkStore, type BenchmarkResult } from '../benchmarkStore';
import { getCatalog } from '../catalog';
import { useChatStore } from '../chatStore';
import { useRuntimeStore } from '../runtimeStore';
import { switchToModel } from '../session/modelSession';

export interface FollowedEngine {
  /** The build now chosen. */
  entry: CatalogEntry;
  verdict: EngineVerdict;
}

/** `before`: the benchmark results as they were before the newest one was saved. */
export function followFasterEngine(before: readonly BenchmarkResult[]): FollowedEngine | null {
  const catalog = getCatalog();
  const after = useBenchmarkStore.getState().results;
  const settled = settledVerdicts(
    engineVerdicts(catalog, decodeSpeeds(before)),
    engineVerdicts(catalog, decodeSpeeds(after)),
  );
  const { gpu } = useRuntimeStore.getState();
  const { selectedModelId } = useChatStore.getState();
  const chosen = catalog.find((e) => e.id === selectedModelId);
  const runs = (e: CatalogEntry) => gpu !== null && assessFit(e, gpu).ok;
  const faster = buildToFollow(chosen, catalog, settled, runs);
  const verdict = faster && settled.get(friendlyName(faster));
  if (!faster || !verdict) return null;
  // Loaded now, as a model the user picks is: the benchmark has just downloaded it.
  void switchToModel(faster.id);
  return { entry: faster, verdict };
}
