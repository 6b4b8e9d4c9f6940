/**
 * The three models the manager suggests first: the fastest, the best balance and the most
 * capable that this device can run, on its engine (WebLLM on WebGPU, llama.cpp on the processor,
 * unless this device's benchmarks measured the other engine faster for that model).
 * Pure, so it is tested on both engines' own catalogs.
 */
import {
  assessFit,
  deviceEngine,
  memoryWarning,
  recommendModel,
  type CatalogEntry,
} from './catalog';
import type { GpuCapabilities } from './capabilities';
import { fasterBuild, type EngineVerdict } from './fasterEngine';
import { strengthsOf } from './strengths';

export type PickKind = 'fastest' | 'balanced' | 'capable';

export interface Pick {
  kind: PickKind;
  entry: CatalogEntry;
}

/** Below this a model answers too poorly to suggest, however fast it is (billions of parameters). */
const SMALLEST_USEFUL_B = 0.5;
/** Where the browser does not say how much memory the device has (only Chromium says): a laptop's. */
const ASSUMED_MEMORY_GB = 8;
/** A build cut to a shorter context ("-1k") is for devices the full one does not fit. */
const SHORT_CONTEXT = 2048;
/** On a processor, larger models answer at a few tokens a second: too slow to suggest. */
const LARGEST_FOR_PROCESSOR_B = 1.5;

function isCandidate(entry: CatalogEntry, gpu: GpuCapabilities, memoryGB: number): boolean {
  const onProcessor = gpu.status !== 'available';
  return (
    entry.engine === deviceEngine(gpu) &&
    (!onProcessor || (entry.paramsB ?? Infinity) <= LARGEST_FOR_PROCESSOR_B) &&
    strengthsOf(entry).suggest &&
    assessFit(entry, gpu).ok &&
    memoryWarning(entry, memoryGB) === null &&
    entry.quantization?.weightBits === 4 &&
    entry.paramsB !== null &&
    (entry.contextWindow ?? Infinity) > SHORT_CONTEXT
  );
}

const params = (e: CatalogEntry) => e.paramsB ?? 0;
const memory = (e: CatalogEntry) => e.vramMB ?? Infinity;

/**
 * Fastest: the fewest parameters above the useful minimum. Balanced: `recommendModel`. Most
 * capable: the most parameters that fit the device's memory. Ties go to the build needing less
 * memory, then to WebLLM's order (newest first). A pick that is not smaller (fastest) or larger
 * (most capable) than the balanced one is left out, so two picks never show the same model.
 */
export function pickModels(
  catalog: readonly CatalogEntry[],
  gpu: GpuCapabilities,
  deviceMemoryGB: number | undefined,
  verdicts: ReadonlyMap<string, EngineVerdict> = new Map(),
): Pick[] {
  const memoryGB = deviceMemoryGB ?? ASSUMED_MEMORY_GB;
  const candidates = catalog.filter((e) => isCandidate(e, gpu, memoryGB));
  const fastest = candidates
    .filter((e) => params(e) >= SMALLEST_USEFUL_B)
    .sort((a, b) => params(a) - params(b) || memory(a) - memory(b))[0];
  const capable = [...candidates].sort((a, b) => params(b) - params(a) || memory(a) - memory(b))[0];
  const balanced = recommendModel(catalog, gpu);
  const picks: Pick[] = [];
  if (fastest && (!balanced || params(fastest) < params(balanced))) {
    picks.push({ kind: 'fastest', entry: fastest });
  }
  if (balanced) picks.push({ kind: 'balanced', entry: balanced });
  if (capable && !picks.some((p) => params(p.entry) >= params(capable))) {
    picks.push({ kind: 'capable', entry: capable });
  }
  // Where this device ran a pick's model faster on the other engine, that engine's build it is.
  const runs = (e: CatalogEntry) => assessFit(e, gpu).ok;
  return picks.map((p) => ({ ...p, entry: fasterBuild(p.entry, catalog, verdicts, runs) }));
}
