// Does decoding wait for the UI thread? The scripted engine decodes at 200 tokens/s while the UI
// thread is either idle or blocked 40 ms in every 50 ms. Because the worker drives the stream and
// pushes batches, the tokens produced per second should not change.
import { launchBrowser, openChat, round, sendAndMeasure, summarize } from './harness.mjs';

const TOKENS = 1000;
const TPS = 200;
const ROUNDS = 3;

async function oneRun(browser, appUrl, blocked) {
  const page = await openChat(browser, appUrl, {
    scripted_tps: TPS,
    scripted_tokens: TOKENS,
    scripted_load_ms: 0,
  });
  if (blocked) {
    await page.evaluate(() => {
      setInterval(() => {
        const until = performance.now() + 40;
        while (performance.now() < until);
      }, 50);
    });
  }
  const detail = await sendAndMeasure(page, 'Benchmark');
  await page.close();
  return {
    producedTokensPerS: detail.usage.decodeTokensPerS,
    receivedTokensPerS: ((detail.tokens - 1) * 1000) / (detail.finishedAt - detail.firstTokenAt),
  };
}

export const name = 'streaming-under-main-thread-load';

export async function run(appUrl) {
  const browser = await launchBrowser();
  const runs = { idle: [], blocked: [] };
  try {
    // Interleaved, so drift in machine speed hits both sides alike.
    for (let i = 0; i < ROUNDS; i++) {
      runs.idle.push(await oneRun(browser, appUrl, false));
      runs.blocked.push(await oneRun(browser, appUrl, true));
    }
  } finally {
    await browser.close();
  }
  const produced = (side) => summarize(runs[side].map((r) => r.producedTokensPerS));
  const received = (side) => summarize(runs[side].map((r) => r.receivedTokensPerS));
  const idle = produced('idle');
  const blocked = produced('blocked');
  return {
    name,
    description: `scripted engine at ${TPS} tokens/s, ${TOKENS}-token reply; UI thread idle vs blocked 40 ms of every 50 ms; ${ROUNDS} interleaved runs each`,
    figures: {
      producedTokensPerS: { idle, blocked },
      receivedOnUiThreadTokensPerS: { idle: received('idle'), blocked: received('blocked') },
      blockedVsIdleProducedRatio: round(blocked.median / idle.median, 3),
    },
    rows: [
      ['tokens/s produced by the engine, UI idle (median)', idle.median],
      ['tokens/s produced by the engine, UI blocked 80% (median)', blocked.median],
      ['blocked / idle', round(blocked.median / idle.median, 3)],
      ['tokens/s arriving on the UI thread, UI idle (median)', received('idle').median],
      ['tokens/s arriving on the UI thread, UI blocked 80% (median)', received('blocked').median],
    ],
  };
}
