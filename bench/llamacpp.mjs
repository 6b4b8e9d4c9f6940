// llama.cpp in Nook, on this machine's CPU: the synthetic GGUF model (scripts/make-gguf.mjs,
// random weights shaped to write printable words and never stop) added through the custom-model
// form, loaded, and asked for a 512-token reply, on one thread and on all of the machine's threads
// (the test build reads llama_threads from the page address). Figures are llama.cpp's own
// (timings), as the reply's usage carries them, and the load's wall time as Nook reports it.
import { writeFileSync } from 'node:fs';
import { writeGguf } from '../scripts/make-gguf.mjs';
import {
  launchBrowser,
  openChat,
  round,
  sendAndMeasure,
  summarize,
  useBenchGguf,
} from './harness.mjs';

export const name = 'llamacpp';

const REPLY_TOKENS = 512;
const ROUNDS = 3;
/** Served by the test app's own preview server, next to the build. */
const MODEL_FILE = 'bench-endless.gguf';

async function oneRun(browser, appUrl, threads) {
  const page = await openChat(
    browser,
    appUrl,
    { scripted_load_ms: 0, llama_threads: threads },
    { maxTokens: REPLY_TOKENS },
  );
  const status = await useBenchGguf(page, appUrl, MODEL_FILE);
  // "loaded in 1.7 s", or "loaded in 850 ms" under a second (lib/format formatSeconds).
  const [, amount, unit] = /loaded in ([\d.]+) (ms|s)\b/.exec(status) ?? [];
  const loadS = Number(amount) / (unit === 'ms' ? 1000 : 1);
  const device = /llama\.cpp · (.+)$/.exec(status)?.[1] ?? '';
  // The first reply after a load warms llama.cpp up; the second is measured.
  await sendAndMeasure(page, 'Warm up.');
  await page.evaluate(() => performance.clearMeasures('nook:reply'));
  const { usage } = await sendAndMeasure(page, 'Write for a long time.');
  await page.close();
  return {
    loadS,
    device,
    decodeTokensPerS: usage.decodeTokensPerS,
    prefillTokensPerS: usage.prefillTokensPerS,
  };
}

export async function run(appUrl) {
  writeFileSync(`dist-e2e/${MODEL_FILE}`, writeGguf({ seed: 5, noEos: true }));
  const browser = await launchBrowser();
  const probe = await browser.newPage();
  await probe.goto(appUrl);
  const all = await probe.evaluate(() => navigator.hardwareConcurrency);
  await probe.close();
  const runs = { one: [], all: [] };
  try {
    for (let i = 0; i < ROUNDS; i++) {
      runs.one.push(await oneRun(browser, appUrl, 1));
      runs.all.push(await oneRun(browser, appUrl, all));
    }
  } finally {
    await browser.close();
  }
  const figure = (side, key) => summarize(runs[side].map((r) => r[key]));
  const decode = { one: figure('one', 'decodeTokensPerS'), all: figure('all', 'decodeTokensPerS') };
  const show = (s) => `${s.median} (${s.min}–${s.max})`;
  return {
    name,
    description: `synthetic GGUF (llama, 2 layers, 0.5 MB) in Nook's own build, ${REPLY_TOKENS}-token replies after a warm-up reply; 1 thread vs ${all} (all) threads, cross-origin isolated; ${ROUNDS} interleaved runs each`,
    figures: {
      threads: { one: 1, all },
      device: { one: runs.one[0]?.device, all: runs.all[0]?.device },
      decodeTokensPerS: decode,
      prefillTokensPerS: {
        one: figure('one', 'prefillTokensPerS'),
        all: figure('all', 'prefillTokensPerS'),
      },
      loadS: { one: figure('one', 'loadS'), all: figure('all', 'loadS') },
    },
    rows: [
      ['decode tokens/s, 1 thread (median (min–max))', show(decode.one)],
      [`decode tokens/s, ${all} threads (median (min–max))`, show(decode.all)],
      [`${all} threads / 1 thread`, round(decode.all.median / decode.one.median, 2)],
      ['prefill tokens/s, 1 thread (median)', figure('one', 'prefillTokensPerS').median],
      [`prefill tokens/s, ${all} threads (median)`, figure('all', 'prefillTokensPerS').median],
      [
        'load incl. download and WebAssembly compile, 1 thread (s, median)',
        figure('one', 'loadS').median,
      ],
    ],
  };
}
