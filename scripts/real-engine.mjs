// `npm run test:real`: Nook's own production build on a real WebLLM engine, here, without a GPU
// (WebGPU on SwiftShader) or a download: a real compiled model library (Qwen2-0.5B, from a snapshot
// of mlc-ai/binary-mlc-llm-libs) with synthetic weights (random, so the text is gibberish; the
// kernels, cache, streaming and timing are real). The newest WebLLM that links those libraries is
// 0.2.79, so Nook is built against it (installed into .real-engine/, outside the lock file).
// Never part of `npm test` or CI; it skips, saying why, when the library cannot be had.
//
// Inputs (environment; the defaults suit this workplace):
//   NOOK_REAL_DIR       working folder (default .real-engine/, ignored by git)
//   NOOK_REAL_LIBS      folder of model libraries, holding LIBRARY below (default $NOOK_REAL_DIR/libs)
//   NOOK_REAL_MODELS    folder of generated models (default $NOOK_REAL_DIR/models)
//   NOOK_REAL_HARNESS   the real-engine harness: serve.mjs, scripts/prepare-libs.sh, gen-weights.mjs
//                       (default ../shared/real-engine)
//   NOOK_LIBS_SNAPSHOT  a bare git snapshot of mlc-ai/binary-mlc-llm-libs, to take the library from
//                       (default ../.mirror/mlc-ai+binary-mlc-llm-libs/repo; bring it with the tool
//                       library's fetch)
// `--bare` also runs the harness's bare WebLLM page on the same model, to compare (figures in
// $NOOK_REAL_DIR/bare.json).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const WEBLLM_VERSION = '0.2.79';
const LIBRARY = 'v0_2_48/Qwen2-0.5B-Instruct-q4f32_1-ctx4k_cs1k-webgpu.wasm';
const MODEL = 'Qwen2-0.5B-q4f32_1-synthetic';

const dir = resolve(process.env.NOOK_REAL_DIR ?? '.real-engine');
const libs = resolve(process.env.NOOK_REAL_LIBS ?? join(dir, 'libs'));
const models = resolve(process.env.NOOK_REAL_MODELS ?? join(dir, 'models'));
const harness = resolve(process.env.NOOK_REAL_HARNESS ?? '../shared/real-engine');
const snapshot = resolve(
  process.env.NOOK_LIBS_SNAPSHOT ?? '../.mirror/mlc-ai+binary-mlc-llm-libs/repo',
);
const bare = process.argv.includes('--bare');

function run(command, args, env = {}, cwd = undefined) {
  const result = spawnSync(command, args, {
    stdio: 'inherit',
    env: { ...process.env, ...env },
    cwd,
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

function skip(why) {
  console.log(`test:real skipped: ${why}\nSee README.md, "The real-engine lane".`);
  process.exit(0);
}

mkdirSync(dir, { recursive: true });
if (!existsSync(join(libs, LIBRARY))) {
  if (!existsSync(join(harness, 'scripts/prepare-libs.sh'))) {
    skip(`the model library ${LIBRARY} is not in ${libs}, and no harness at ${harness} to get it.`);
  }
  if (!existsSync(snapshot)) {
    skip(
      `the model library ${LIBRARY} is not in ${libs}, and there is no snapshot of mlc-ai/binary-mlc-llm-libs at ${snapshot} to take it from.`,
    );
  }
  run('bash', [join(harness, 'scripts/prepare-libs.sh'), snapshot, libs, LIBRARY]);
  if (!existsSync(join(libs, LIBRARY))) skip(`the snapshot at ${snapshot} lacks ${LIBRARY}.`);
}
if (!existsSync(join(models, MODEL, 'mlc-chat-config.json'))) {
  if (!existsSync(join(harness, 'scripts/gen-weights.mjs'))) {
    skip(`no synthetic weights in ${models}, and no harness at ${harness} to make them.`);
  }
  run('node', [
    join(harness, 'scripts/gen-weights.mjs'),
    '--lib',
    join(libs, LIBRARY),
    '--out',
    join(models, MODEL),
  ]);
}

const webllmRoot = join(dir, `webllm-${WEBLLM_VERSION}`);
const webllm = join(webllmRoot, 'node_modules/@mlc-ai/web-llm');
if (!existsSync(join(webllm, 'package.json'))) {
  mkdirSync(webllmRoot, { recursive: true });
  writeFileSync(join(webllmRoot, 'package.json'), '{ "private": true }\n');
  run('npm', [
    'install',
    '--prefix',
    webllmRoot,
    '--no-audit',
    '--no-fund',
    `@mlc-ai/web-llm@${WEBLLM_VERSION}`,
  ]);
}

const outDir = join(dir, 'dist');
console.log(`Building Nook against WebLLM ${WEBLLM_VERSION} into ${outDir}…`);
run('npx', ['vite', 'build', '--logLevel', 'warn'], {
  NOOK_WEBLLM_DIR: webllm,
  NOOK_OUT_DIR: outDir,
});

const results = join(dir, 'results.json');
run('npx', ['playwright', 'test', '-c', 'playwright.real.config.ts'], {
  NOOK_OUT_DIR: outDir,
  NOOK_REAL_LIBS: libs,
  NOOK_REAL_MODELS: models,
  NOOK_REAL_HARNESS: harness,
  NOOK_REAL_MODEL: MODEL,
  NOOK_REAL_LIBRARY: LIBRARY,
  NOOK_REAL_RESULTS: results,
});
console.log(`\nNook on WebLLM ${WEBLLM_VERSION} (${results}):`);
console.log(readFileSync(results, 'utf8'));

if (bare) {
  // The harness's own page, installed in a copy (its folder may be read-only).
  const copy = join(dir, 'harness');
  if (!existsSync(join(copy, 'node_modules'))) {
    cpSync(harness, copy, { recursive: true });
    run('chmod', ['-R', 'u+w', copy]);
    run('npm', ['ci', '--prefix', copy, '--no-audit', '--no-fund']);
  }
  // Its build resolves the WebLLM aliases from the working folder.
  run('node', ['build.mjs'], {}, copy);
  run(
    'node',
    [
      join(copy, 'run.mjs'),
      ...['--version', WEBLLM_VERSION, '--mode', 'worker', '--model', MODEL, '--lib', LIBRARY],
      ...['--profile', join(dir, 'bare-profile'), '--phases', 'cold:1,warm:0', '--max-tokens', '3'],
      ...[
        '--prompt',
        'Write a short poem about the ocean and the moon. Keep it simple and friendly.',
      ],
      ...['--out', join(dir, 'bare.json'), '--quiet'],
    ],
    { WEBLLM_MODELS_DIR: models, WEBLLM_LIBS_DIR: libs },
  );
  const nook = JSON.parse(readFileSync(results, 'utf8'));
  const { phases } = JSON.parse(readFileSync(join(dir, 'bare.json'), 'utf8'));
  const [reply] = phases.cold.chat;
  const rows = [
    ['load from the network (s)', nook.coldLoadS, phases.cold.load.load_ms / 1000],
    ['load from the cache (s)', nook.warmLoadS, phases.warm.load.load_ms / 1000],
    ['time to first token (s)', nook.timeToFirstTokenS, reply.usage_extra.time_to_first_token_s],
    ['seconds per token', nook.secondsPerToken, 1 / reply.usage_extra.decode_tokens_per_s],
    ['prompt tokens, turn 1', nook.turn1.read, reply.prompt_tokens],
  ];
  console.log('\n| figure | Nook | bare WebLLM page | Nook / bare |\n| --- | --- | --- | --- |');
  for (const [label, ours, theirs] of rows) {
    console.log(
      `| ${label} | ${ours.toFixed(2)} | ${theirs.toFixed(2)} | ${(ours / theirs).toFixed(2)} |`,
    );
  }
}
