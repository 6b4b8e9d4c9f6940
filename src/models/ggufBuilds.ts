/**
 * GGUF builds of the seed families for llama.cpp, from their usual Hugging Face repositories: what
 * Nook offers where there is no WebGPU, and beside WebLLM's builds where there is.
 *
 * Sizes are as each repository's file listing shows them (decimal units), read on 2026-12-05; the
 * download itself then reports the exact size. Each build is one file under 2^31 bytes, the most
 * wllama loads from one file (its README: "Max file size is 2GB"; its worker: ftell() is limited
 * to MAX_LONG), which is why Phi-3.5 mini and Phi-4 mini (2.49 GB at Q4_K_M) are their Q3_K_M.
 * Models under 400M parameters are 8-bit: on a processor that costs little and answers better.
 * Qwen3's and Phi-4 mini's sizes are exact bytes, as listed by projects that download those files
 * and check them (found with the library's code search on 2026-12-06; Hugging Face itself was
 * not reachable from here).
 */
import type { GgufModel } from './engineModel';

export interface GgufBuild {
  /** Named like WebLLM's ids ("-GGUF" for "-MLC"), so names, families and strengths read alike. */
  id: string;
  repo: string;
  file: string;
  /** The file's size as the repository lists it, in decimal megabytes. */
  listedMB: number;
}

/** The context a GGUF model is asked for when nothing says more (llama.cpp caps it at the model's). */
export const DEFAULT_GGUF_CONTEXT = 4096;

export const GGUF_BUILDS: readonly GgufBuild[] = [
  {
    // lmstudio-community's listing (bartowski's upload); HuggingFaceTB's own repo holds no 8-bit.
    id: 'SmolLM2-135M-Instruct-Q8_0-GGUF',
    repo: 'lmstudio-community/SmolLM2-135M-Instruct-GGUF',
    file: 'SmolLM2-135M-Instruct-Q8_0.gguf',
    listedMB: 145,
  },
  {
    id: 'SmolLM2-360M-Instruct-Q8_0-GGUF',
    repo: 'HuggingFaceTB/SmolLM2-360M-Instruct-GGUF',
    file: 'smollm2-360m-instruct-q8_0.gguf',
    listedMB: 386,
  },
  {
    id: 'Qwen2.5-0.5B-Instruct-Q4_K_M-GGUF',
    repo: 'bartowski/Qwen2.5-0.5B-Instruct-GGUF',
    file: 'Qwen2.5-0.5B-Instruct-Q4_K_M.gguf',
    listedMB: 398,
  },
  {
    // Qwen's own repository, whose only build of 0.6B is 8-bit: 639,446,688 bytes at revision
    // 23749fefcc72300e3a2ad315e1317431b06b590a, as several projects pin it with its SHA-256
    // (9465e63a…0491784c).
    id: 'Qwen3-0.6B-Q8_0-GGUF',
    repo: 'Qwen/Qwen3-0.6B-GGUF',
    file: 'Qwen3-0.6B-Q8_0.gguf',
    listedMB: 639.446688,
  },
  {
    // Google's own repository is gated; unsloth's copy is not.
    id: 'gemma-3-1b-it-Q4_K_M-GGUF',
    repo: 'unsloth/gemma-3-1b-it-GGUF',
    file: 'gemma-3-1b-it-Q4_K_M.gguf',
    listedMB: 806,
  },
  {
    // Meta publishes no GGUF, and its repositories are gated.
    id: 'Llama-3.2-1B-Instruct-Q4_K_M-GGUF',
    repo: 'bartowski/Llama-3.2-1B-Instruct-GGUF',
    file: 'Llama-3.2-1B-Instruct-Q4_K_M.gguf',
    listedMB: 808,
  },
  {
    id: 'Qwen2.5-1.5B-Instruct-Q4_K_M-GGUF',
    repo: 'bartowski/Qwen2.5-1.5B-Instruct-GGUF',
    file: 'Qwen2.5-1.5B-Instruct-Q4_K_M.gguf',
    listedMB: 986,
  },
  {
    id: 'SmolLM2-1.7B-Instruct-Q4_K_M-GGUF',
    repo: 'HuggingFaceTB/SmolLM2-1.7B-Instruct-GGUF',
    file: 'smollm2-1.7b-instruct-q4_k_m.gguf',
    listedMB: 1060,
  },
  {
    // unsloth's upload: 1,107,409,472 bytes, as several projects pin it with its SHA-256
    // (b139949c…fa181897).
    id: 'Qwen3-1.7B-Q4_K_M-GGUF',
    repo: 'unsloth/Qwen3-1.7B-GGUF',
    file: 'Qwen3-1.7B-Q4_K_M.gguf',
    listedMB: 1107.409472,
  },
  {
    id: 'Phi-3.5-mini-instruct-Q3_K_M-GGUF',
    repo: 'bartowski/Phi-3.5-mini-instruct-GGUF',
    file: 'Phi-3.5-mini-instruct-Q3_K_M.gguf',
    listedMB: 1960,
  },
  {
    id: 'Llama-3.2-3B-Instruct-Q4_K_M-GGUF',
    repo: 'bartowski/Llama-3.2-3B-Instruct-GGUF',
    file: 'Llama-3.2-3B-Instruct-Q4_K_M.gguf',
    listedMB: 2020,
  },
  {
    // 2,117,533,056 bytes, 30 MB under wllama's limit: as a project lists bartowski's repository
    // from Hugging Face's tree API, with its SHA-256 (514a111e…5aec06c); unsloth's own Q3_K_M is
    // 2,117,532,640 bytes.
    id: 'Phi-4-mini-instruct-Q3_K_M-GGUF',
    repo: 'bartowski/microsoft_Phi-4-mini-instruct-GGUF',
    file: 'microsoft_Phi-4-mini-instruct-Q3_K_M.gguf',
    listedMB: 2117.533056,
  },
];

/** What llama.cpp loads for a build: the file from Hugging Face's main branch. */
export function ggufBuildModel(build: GgufBuild): GgufModel {
  return {
    engine: 'llamacpp',
    id: build.id,
    url: `https://huggingface.co/${build.repo}/resolve/main/${build.file}`,
    bytes: build.listedMB * 1e6,
    contextWindow: DEFAULT_GGUF_CONTEXT,
  };
}
