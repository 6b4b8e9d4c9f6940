import { median } from '../lib/statistics';
import type { BenchmarkResult } from './benchmarkStore';

/** Each benchmarked model's decode speed (the median of its newest result's runs), by id. */
export function decodeSpeeds(results: readonly BenchmarkResult[]): Record<string, number> {
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
