import { useMemo } from 'react';
import type { CatalogEntry } from '../../models/catalog';
import { engineVerdicts, type EngineVerdict } from '../../models/fasterEngine';
import { decodeSpeeds } from '../../store/benchmarkSpeeds';
import { useBenchmarkStore } from '../../store/benchmarkStore';

/** Where this device's benchmarks ran a model on both engines, which one was faster. */
export function useEngineVerdicts(
  catalog: readonly CatalogEntry[],
): ReadonlyMap<string, EngineVerdict> {
  const results = useBenchmarkStore((s) => s.results);
  return useMemo(() => engineVerdicts(catalog, decodeSpeeds(results)), [catalog, results]);
}
