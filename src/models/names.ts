/**
 * Names people can read, derived from the builds' ids: "Llama-3.2-1B-Instruct-q4f32_1-MLC" (and
 * "Llama-3.2-1B-Instruct-Q4_K_M-GGUF") is "Llama 3.2 · 1B". Builds that differ only by
 * quantization or engine share a name (those are details); a build cut to a shorter context, a
 * thinking model and a vision model say so. Pure: any feature may import it.
 */
import { ENGINE_NAMES, type CatalogEntry } from './catalog';
import { quirksFor } from '../prompts/modelQuirks';

const SEPARATOR = ' · ';

/**
 * What ends a build's id: WebLLM's quantization, "-MLC" and a shortened context such as "-1k";
 * a GGUF build's quantization and "-GGUF" (src/models/ggufBuilds.ts).
 */
const BUILD_SUFFIX =
  /-(?:q\d+f(?:16|32|bf16)(?:_\d+)?(?:-MLC)?(?:-(\d+)k)?|(?:I?Q\d_[A-Z0-9_]+|B?F(?:16|32))-GGUF)$/i;
const SIZE = /^E?\d+(?:[._]\d+)?[BM]$/i;
/** Words that say how a model was tuned or packed, not which model it is. */
const NOISE = /^(instruct|it|chat|hf|bf16|mlc|distill|\d{4}|\d+k)$/i;
/** Base models others are fine-tuned from: "Hermes-3-Llama-3.2" is "Hermes 3 (Llama 3.2)". */
const BASE_MODEL = /^(Llama|Mistral|Qwen[\d.]*)$/;
const BRANDS: Record<string, string> = {
  gemma: 'Gemma',
  phi: 'Phi',
  stablelm: 'StableLM',
  zephyr: 'Zephyr',
  jpn: 'Japanese',
};

function word(token: string): string {
  if (/^v\d/i.test(token)) return token.toLowerCase();
  if (/^\d+_\d+$/.test(token)) return token.replace('_', '.');
  const brand = /^([a-z]+)(\d*)$/.exec(token);
  const name = brand?.[1] && BRANDS[brand[1]];
  if (name) return brand[2] ? `${name} ${brand[2]}` : name;
  return token;
}

function formatSize(paramsB: number): string {
  return paramsB >= 1 ? `${paramsB}B` : `${Math.round(paramsB * 1000)}M`;
}

/** The model without its build: ["Llama 3.2", "1B"]; the size is the id's own ("E2B", "360M"). */
function lineAndSize(id: string, paramsB: number | null): [string, string | null] {
  const tokens = id.replace(BUILD_SUFFIX, '').split('-');
  const sizeToken = tokens.find((t) => SIZE.test(t));
  const words = tokens.filter((t) => t !== sizeToken && !NOISE.test(t)).map(word);
  const base = words.findIndex((w, i) => i > 0 && BASE_MODEL.test(w));
  const line =
    base > 0
      ? `${words.slice(0, base).join(' ')} (${words.slice(base).join(' ')})`
      : words.join(' ');
  const size = sizeToken
    ? sizeToken.replace('_', '.').replace(/[bm]$/, (unit) => unit.toUpperCase())
    : paramsB !== null
      ? formatSize(paramsB)
      : null;
  return [line, size];
}

/** What sets this build apart in its name: thinking, vision, a shortened context. */
function tags(entry: CatalogEntry): string[] {
  const shortContext = BUILD_SUFFIX.exec(entry.id)?.[1];
  return [
    quirksFor(entry.id).thinking !== 'none' && 'thinking',
    entry.vision && 'vision',
    shortContext && `${shortContext}k context`,
  ].filter((t): t is string => Boolean(t));
}

/**
 * "Qwen3 · 0.6B · thinking". A custom model keeps the name its user gave it (`customName`,
 * from the model store), or its id where there is none.
 */
export function friendlyName(entry: CatalogEntry, customName?: string): string {
  if (entry.custom) return customName ?? entry.id;
  const [line, size] = lineAndSize(entry.id, entry.paramsB);
  return [line, size, ...tags(entry)].filter(Boolean).join(SEPARATOR);
}

/**
 * Names for builds shown together (Compare's columns): where two share a name, each adds what
 * tells them apart, its engine ("Llama 3.2 · 1B · llama.cpp") and, within one engine, its
 * quantization. `names[i]` is `entries[i]`'s own name; an unknown entry (undefined) keeps it.
 */
export function distinguishNames(
  entries: readonly (CatalogEntry | undefined)[],
  names: readonly string[],
): string[] {
  return names.map((name, i) => {
    const entry = entries[i];
    const twins = entries.filter((e, j) => e && j !== i && names[j] === name);
    if (!entry || twins.length === 0) return name;
    const parts = [name];
    if (twins.some((e) => e?.engine !== entry.engine)) parts.push(ENGINE_NAMES[entry.engine]);
    if (twins.some((e) => e?.engine === entry.engine) && entry.quantization) {
      parts.push(entry.quantization.code);
    }
    return parts.join(SEPARATOR);
  });
}

/**
 * Whether this model (the same name, not a custom one) can also run here on the other engine
 * (`runs`): then its engine is worth naming. Without WebGPU, WebLLM's twins do not count.
 */
export function onBothEngines(
  entry: CatalogEntry,
  catalog: readonly CatalogEntry[],
  runs: (entry: CatalogEntry) => boolean,
): boolean {
  const name = friendlyName(entry);
  return catalog.some(
    (e) => !e.custom && e.engine !== entry.engine && friendlyName(e) === name && runs(e),
  );
}
