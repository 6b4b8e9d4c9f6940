/**
 * Which engine runs a model faster on this device, as measured: where the benchmark has run the
 * same model (the same friendly name) on both WebLLM and llama.cpp, the one that decoded faster.
 * Nothing is guessed: a model measured on one engine only has no verdict. Pure.
 */
import { ENGINE_NAMES, type CatalogEntry } from './catalog';
import type { EngineKind } from './engineModel';
import { friendlyName } from './names';

export interface EngineVerdict {
  /** Decode speed (tokens/s, the benchmark's median) and the build each engine ran. */
  measured: Record<EngineKind, { tokensPerS: number; modelId: string }>;
  faster: EngineKind;
}

/**
 * `speeds`: each benchmarked model's decode speed, by model id. Keyed by friendly name; where an
 * engine ran two builds of one model, its faster one counts.
 */
export function engineVerdicts(
  catalog: readonly CatalogEntry[],
  speeds: Readonly<Record<string, number>>,
): Map<string, EngineVerdict> {
  const byName = new Map<string, Partial<EngineVerdict['measured']>>();
  for (const entry of catalog) {
    const tokensPerS = speeds[entry.id];
    if (tokensPerS === undefined || entry.custom) continue;
    const name = friendlyName(entry);
    const measured = byName.get(name) ?? {};
    const best = measured[entry.engine];
    if (!best || tokensPerS > best.tokensPerS) {
      measured[entry.engine] = { tokensPerS, modelId: entry.id };
    }
    byName.set(name, measured);
  }
  const verdicts = new Map<string, EngineVerdict>();
  for (const [name, { webllm, llamacpp }] of byName) {
    if (!webllm || !llamacpp) continue;
    const faster = llamacpp.tokensPerS > webllm.tokensPerS ? 'llamacpp' : 'webllm';
    verdicts.set(name, { measured: { webllm, llamacpp }, faster });
  }
  return verdicts;
}

/** "Measured here: 23 tokens/s on llama.cpp, 14 on WebLLM." */
export function describeVerdict({ measured, faster }: EngineVerdict): string {
  const slower: EngineKind = faster === 'webllm' ? 'llamacpp' : 'webllm';
  const speed = (engine: EngineKind) => Math.round(measured[engine].tokensPerS);
  return `Measured here: ${speed(faster)} tokens/s on ${ENGINE_NAMES[faster]}, ${speed(slower)} on ${ENGINE_NAMES[slower]}.`;
}

/**
 * A pick swapped for the same model's build on the engine this device ran faster, where that
 * build can run here (`runs`); otherwise the entry itself.
 */
export function fasterBuild(
  entry: CatalogEntry,
  catalog: readonly CatalogEntry[],
  verdicts: ReadonlyMap<string, EngineVerdict>,
  runs: (entry: CatalogEntry) => boolean,
): CatalogEntry {
  const verdict = verdicts.get(friendlyName(entry));
  if (!verdict || verdict.faster === entry.engine) return entry;
  const faster = catalog.find((e) => e.id === verdict.measured[verdict.faster].modelId);
  return faster && runs(faster) ? faster : entry;
}
