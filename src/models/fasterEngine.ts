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

/**
 * The verdicts a benchmark just settled: those in `after` that `before` lacked or that name the
 * other engine. Only these move the user's chosen model, so a build the user picks later stays.
 */
export function settledVerdicts(
  before: ReadonlyMap<string, EngineVerdict>,
  after: ReadonlyMap<string, EngineVerdict>,
): Map<string, EngineVerdict> {
  return new Map([...after].filter(([name, v]) => before.get(name)?.faster !== v.faster));
}

/**
 * The build the chosen model gives way to: where a settled verdict says the chosen model ran
 * slower here than its build on the other engine, that build (if it runs here); otherwise null.
 */
export function buildToFollow(
  chosen: CatalogEntry | undefined,
  catalog: readonly CatalogEntry[],
  settled: ReadonlyMap<string, EngineVerdict>,
  runs: (entry: CatalogEntry) => boolean,
): CatalogEntry | null {
  if (!chosen || chosen.custom) return null;
  const faster = fasterBuild(chosen, catalog, settled, runs);
  return faster === chosen ? null : faster;
}

/** "Nook will use the llama.cpp build of Llama 3.2 · 1B on this device: it ran 23 tokens/s against 14 on WebLLM." */
export function describeFollowed(entry: CatalogEntry, { measured, faster }: EngineVerdict): string {
  const slower: EngineKind = faster === 'webllm' ? 'llamacpp' : 'webllm';
  const speed = (engine: EngineKind) => Math.round(measured[engine].tokensPerS);
  return (
    `Nook will use the ${ENGINE_NAMES[faster]} build of ${friendlyName(entry)} on this device: ` +
    `it ran ${speed(faster)} tokens/s against ${speed(slower)} on ${ENGINE_NAMES[slower]}.`
  );
}
