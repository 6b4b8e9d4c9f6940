import { useMemo } from 'react';
import type { CatalogEntry } from '../../models/catalog';
import { engineVerdicts, type EngineVerdict } from '../../models/fasterEngine';
import { useBenchmarkStore, type BenchmarkResult } from '../../store/benchmarkStore';
import { median } from '../benchmark/statistics';

/** Each benchmarked model's decode speed (the median of its newest result's runs), by id. */
function decodeSpeeds(results: readonly BenchmarkResult[]): Record<string, number> {
  const speeds: Record<string, number> = {};
  // Newest first: the first result for a model is the one that counts.
  for (const result of results) {
    if (result.modelId in speeds) continue;
    const runs = result.prompts.flatMap((p) => p.runs.map((r) => r.decodeTokensPerS));
    const speed = median(runs);
    if (speed !== null) speeds[result.modelId] = speed;
  }
  return speeds;
}

/** Where this device's benchmarks ran a model on both engines, which one was faster. */
export function useEngineVerdicts(
  catalog: readonly CatalogEntry[],
): ReadonlyMap<string, EngineVerdict> {
  const results = useBenchmarkStore((s) => s.results);
  return useMemo(() => engineVerdicts(catalog, decodeSpeeds(results)), [catalog, results]);
}
