/**
 * Checks an MLC model folder chosen on this computer before anything of it is stored: that it
 * holds what WebLLM reads when it loads a model (MLCEngine.reloadInternal): mlc-chat-config.json
 * with the fields it needs, the tokenizer file asyncLoadTokenizer will read, the manifest of the
 * weight shards (tensor-cache.json, or ndarray-cache.json before WebLLM 0.2.80) with every shard
 * it lists at its listed size (tvmjs fetchTensorCache), and one compiled library (.wasm) that tvmjs
 * can start. Each failure is one sentence naming what is missing or wrong. Pure but for reading the
 * small JSON files and compiling the library, so it runs in the worker and in unit tests alike.
 */
import { formatCount } from '../../lib/format';
import { isRecord } from '../../lib/isRecord';
import { libraryProblem } from './modelLibrary';
import { SHARD_MANIFESTS } from './modelUrls';

/** A file of the folder, by its path inside the folder ("params_shard_0.bin"). */
export interface FolderEntry {
  path: string;
  file: Blob;
}

export interface CheckedShard extends FolderEntry {
  nbytes: number;
}

/** A folder that passed the checks: its files by the part they play. */
export interface MlcFolder {
  config: FolderEntry;
  /** The manifest as the folder has it; stored under the name this WebLLM reads. */
  manifest: { entry: FolderEntry; json: unknown };
  tokenizer: FolderEntry;
  shards: CheckedShard[];
  library: FolderEntry;
  /** The config's context_window_size, when it gives one. */
  contextWindow?: number;
  /** Everything that will be stored, in bytes. */
  bytes: number;
}

export type FolderCheck = { ok: true; folder: MlcFolder } | { ok: false; error: string };

const CONFIG = 'mlc-chat-config.json';
/** The tokenizers asyncLoadTokenizer reads, in the order it prefers them. */
const TOKENIZERS = ['tokenizer.json', 'tokenizer.model'] as const;

const plural = (n: number, one: string, many: string) =>
  `${formatCount(n)} ${n === 1 ? one : many}`;

/**
 * The folder's files by path, seen from the folder that holds mlc-chat-config.json: a person may
 * choose the folder above the model's.
 */
function fromConfigFolder(entries: readonly FolderEntry[]): Map<string, Blob> | null {
  const configs = entries
    .filter((e) => e.path === CONFIG || e.path.endsWith(`/${CONFIG}`))
    .sort((a, b) => a.path.split('/').length - b.path.split('/').length);
  const config = configs[0];
  if (!config) return null;
  const root = config.path.slice(0, -CONFIG.length);
  return new Map(
    entries.filter((e) => e.path.startsWith(root)).map((e) => [e.path.slice(root.length), e.file]),
  );
}

async function readJson(file: Blob): Promise<unknown> {
  try {
    return JSON.parse(await file.text()) as unknown;
  } catch {
    return undefined;
  }
}

/** The tokenizer file WebLLM will read, or a sentence saying why there is none. */
function tokenizerOf(config: Record<string, unknown>): string {
  const listed = config.tokenizer_files;
  if (!Array.isArray(listed)) {
    throw new FolderProblem(`${CONFIG} does not list its tokenizer_files.`);
  }
  const name = TOKENIZERS.find((t) => listed.includes(t));
  if (!name) {
    throw new FolderProblem(
      `${CONFIG} names no tokenizer WebLLM can read (tokenizer.json or tokenizer.model).`,
    );
  }
  return name;
}

class FolderProblem extends Error {}

interface ManifestShard {
  dataPath: string;
  nbytes: number;
}

function shardsOf(manifestName: string, json: unknown): ManifestShard[] {
  const records = isRecord(json) ? json.records : undefined;
  if (!Array.isArray(records) || records.length === 0) {
    throw new FolderProblem(`${manifestName} lists no weight shards.`);
  }
  return records.map((r: unknown) => {
    if (!isRecord(r) || typeof r.dataPath !== 'string' || typeof r.nbytes !== 'number') {
      throw new FolderProblem(`${manifestName} is damaged: a shard has no dataPath or nbytes.`);
    }
    return { dataPath: r.dataPath, nbytes: r.nbytes };
  });
}

function checkShards(
  files: Map<string, Blob>,
  manifestName: string,
  listed: ManifestShard[],
): CheckedShard[] {
  const lists = `${manifestName} lists ${plural(listed.length, 'shard', 'shards')}`;
  const missing = listed.filter((s) => !files.has(s.dataPath));
  const [first] = missing;
  if (first) {
    const others = missing.length - 1;
    throw new FolderProblem(
      others === 0
        ? `${first.dataPath} is missing (${lists}).`
        : `${first.dataPath} and ${plural(others, 'other shard are', 'other shards are')} missing (${lists}).`,
    );
  }
  return listed.map((shard) => {
    const file = files.get(shard.dataPath) as Blob;
    if (file.size !== shard.nbytes) {
      throw new FolderProblem(
        `${shard.dataPath} is ${plural(file.size, 'byte', 'bytes')}, but ${manifestName} says ${formatCount(shard.nbytes)}: it is incomplete or from another model.`,
      );
    }
    return { path: shard.dataPath, file, nbytes: shard.nbytes };
  });
}

function libraryOf(files: Map<string, Blob>): FolderEntry {
  const libraries = [...files.keys()].filter((p) => /\.wasm$/i.test(p)).sort();
  const [only] = libraries;
  if (!only) {
    throw new FolderProblem(
      'The folder has no model library (a .wasm file built for this model and WebLLM).',
    );
  }
  if (libraries.length > 1) {
    throw new FolderProblem(
      `The folder has ${formatCount(libraries.length)} model libraries (${libraries.join(', ')}); keep only the one built for this model.`,
    );
  }
  return { path: only, file: files.get(only) as Blob };
}

/** A library tvmjs could not start is refused here, not copied into storage to fail at load. */
async function checkLibrary({ path, file }: FolderEntry): Promise<void> {
  switch (await libraryProblem(await file.arrayBuffer())) {
    case 'not-webassembly':
      throw new FolderProblem(`${path} is not WebAssembly: it is damaged, or not a model library.`);
    case 'not-tvm-library':
      throw new FolderProblem(
        `${path} is WebAssembly, but not a model library built for WebLLM (it lacks TVM's runtime).`,
      );
  }
}

async function check(entries: readonly FolderEntry[]): Promise<MlcFolder> {
  const files = fromConfigFolder(entries);
  if (!files) throw new FolderProblem(`The folder has no ${CONFIG}.`);

  const configFile = files.get(CONFIG) as Blob;
  const config = await readJson(configFile);
  if (config === undefined) throw new FolderProblem(`${CONFIG} is not valid JSON.`);
  if (!isRecord(config)) throw new FolderProblem(`${CONFIG} is not a model configuration.`);
  // LLMChatPipeline builds its prompts from conv_template (getConversation).
  if (!isRecord(config.conv_template)) {
    throw new FolderProblem(`${CONFIG} has no conv_template: it is not a chat model's.`);
  }
  const tokenizerName = tokenizerOf(config);
  const tokenizer = files.get(tokenizerName);
  if (!tokenizer) throw new FolderProblem(`${tokenizerName} is missing (${CONFIG} lists it).`);

  const manifestName = SHARD_MANIFESTS.find((name) => files.has(name));
  if (!manifestName) {
    throw new FolderProblem(
      `The folder has no ${SHARD_MANIFESTS.join(' or ')}, the list of its weight shards.`,
    );
  }
  const manifestFile = files.get(manifestName) as Blob;
  const manifest = await readJson(manifestFile);
  if (manifest === undefined) throw new FolderProblem(`${manifestName} is not valid JSON.`);
  const shards = checkShards(files, manifestName, shardsOf(manifestName, manifest));
  const library = libraryOf(files);
  await checkLibrary(library);

  const window = config.context_window_size;
  const contextWindow =
    typeof window === 'number' && Number.isInteger(window) && window > 0 ? window : undefined;
  const stored = [configFile, manifestFile, tokenizer, library.file, ...shards.map((s) => s.file)];
  return {
    config: { path: CONFIG, file: configFile },
    manifest: { entry: { path: manifestName, file: manifestFile }, json: manifest },
    tokenizer: { path: tokenizerName, file: tokenizer },
    shards,
    library,
    ...(contextWindow !== undefined && { contextWindow }),
    bytes: stored.reduce((sum, f) => sum + f.size, 0),
  };
}

/** Checks the chosen folder's files; a folder that fails gets the sentence saying why. */
export async function checkMlcFolder(entries: readonly FolderEntry[]): Promise<FolderCheck> {
  try {
    return { ok: true, folder: await check(entries) };
  } catch (error) {
    if (error instanceof FolderProblem) return { ok: false, error: error.message };
    throw error;
  }
}
