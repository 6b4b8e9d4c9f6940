// Nook's own CPU time per token in the engine worker, for each engine: measured in Node by
// bench/workerOverhead.measure.ts (the host and each backend, driven by a stand-in engine).
import { execSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const name = 'worker-overhead';

const OUT = join(tmpdir(), 'nook-worker-overhead.json');

export async function run() {
  execSync('npx vitest run --config bench/vitest.config.ts', {
    stdio: 'inherit',
    env: { ...process.env, NOOK_OVERHEAD_OUT: OUT },
  });
  const { tokens, paceMs, figures } = JSON.parse(readFileSync(OUT, 'utf8'));
  return {
    name,
    description: `the engine worker's host and backend streaming a ${tokens}-token reply from a stand-in engine (a token every ${paceMs} ms), postMessage serialization included; CPU time minus the stand-in stream's own; median of interleaved runs`,
    figures,
    rows: [
      ['WebLLM: Nook’s CPU time per token in the worker (µs)', figures.webllm.microsecondsPerToken],
      [
        'llama.cpp: Nook’s CPU time per token in the worker (µs)',
        figures.llamacpp.microsecondsPerToken,
      ],
    ],
  };
}
