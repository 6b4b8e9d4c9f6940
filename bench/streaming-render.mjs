// What does a long streamed reply cost the UI thread? The scripted engine streams a 4,000-token
// markdown reply at 500 tokens/s (the longest that fits the model's 4,096-token window: like
// WebLLM, the engine ends a reply that fills it); we record long tasks (> 50 ms), the browser's own scripting
// and layout time, and the time between animation frames, early in the reply and late in it. If
// rendering re-parsed the whole message per update, late frames would cost far more than early ones.
import {
  launchBrowser,
  openChat,
  percentile,
  round,
  sendAndMeasure,
  summarize,
} from './harness.mjs';

const TOKENS = 4000;
const TPS = 500;
const ROUNDS = 3;

async function oneRun(browser, appUrl) {
  const page = await openChat(
    browser,
    appUrl,
    { scripted_tps: TPS, scripted_tokens: TOKENS, scripted_load_ms: 0 },
    { maxTokens: TOKENS + 100 },
  );
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const metrics = async () =>
    Object.fromEntries(
      (await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]),
    );
  await page.evaluate(() => {
    window.__bench = { longTasks: [], frames: [] };
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.__bench.longTasks.push(entry.duration);
    }).observe({ type: 'longtask' });
    let last = performance.now();
    const tick = (now) => {
      window.__bench.frames.push([now, now - last]);
      last = now;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  const before = await metrics();
  const detail = await sendAndMeasure(page, 'Write a very long answer', 120_000);
  const after = await metrics();
  const { longTasks, frames } = await page.evaluate(() => window.__bench);
  await page.close();
  // Frames while the reply streamed, split into its first and last quarter.
  const streaming = frames.filter(([t]) => t >= detail.firstTokenAt && t <= detail.finishedAt);
  const quarter = Math.floor(streaming.length / 4);
  const early = streaming.slice(0, quarter).map(([, d]) => d);
  const late = streaming.slice(-quarter).map(([, d]) => d);
  const streamingS = (detail.finishedAt - detail.firstTokenAt) / 1000;
  return {
    longTasks: longTasks.length,
    longestTaskMs: longTasks.length ? Math.max(...longTasks) : 0,
    scriptingS: after.ScriptDuration - before.ScriptDuration,
    layoutAndStyleS:
      after.LayoutDuration -
      before.LayoutDuration +
      (after.RecalcStyleDuration - before.RecalcStyleDuration),
    scriptingShare: (after.ScriptDuration - before.ScriptDuration) / streamingS,
    frameP50Ms: percentile(
      streaming.map(([, d]) => d),
      50,
    ),
    frameP95Ms: percentile(
      streaming.map(([, d]) => d),
      95,
    ),
    earlyFrameP95Ms: percentile(early, 95),
    lateFrameP95Ms: percentile(late, 95),
    receivedTokensPerS: ((detail.tokens - 1) * 1000) / (detail.finishedAt - detail.firstTokenAt),
    tokens: detail.tokens,
  };
}

export const name = 'streaming-render-cost';

export async function run(appUrl) {
  const browser = await launchBrowser();
  const runs = [];
  try {
    for (let i = 0; i < ROUNDS; i++) runs.push(await oneRun(browser, appUrl));
  } finally {
    await browser.close();
  }
  const figure = (key) => summarize(runs.map((r) => r[key]));
  const figures = Object.fromEntries(Object.keys(runs[0]).map((key) => [key, figure(key)]));
  return {
    name,
    description: `scripted engine at ${TPS} tokens/s, ${TOKENS}-token markdown reply; ${ROUNDS} runs, medians`,
    figures,
    rows: [
      ['long tasks > 50 ms during the reply', figures.longTasks.median],
      ['longest task (ms)', round(figures.longestTaskMs.median, 1)],
      [
        'UI-thread scripting (s) / share of streaming time',
        `${round(figures.scriptingS.median)} / ${round(figures.scriptingShare.median * 100, 1)}%`,
      ],
      ['layout + style (s)', round(figures.layoutAndStyleS.median)],
      [
        'frame interval p50 / p95 (ms)',
        `${round(figures.frameP50Ms.median, 1)} / ${round(figures.frameP95Ms.median, 1)}`,
      ],
      [
        'frame interval p95, first vs last quarter (ms)',
        `${round(figures.earlyFrameP95Ms.median, 1)} vs ${round(figures.lateFrameP95Ms.median, 1)}`,
      ],
      [
        'tokens received / tokens/s arriving on the UI thread',
        `${figures.tokens.median} / ${round(figures.receivedTokensPerS.median, 1)}`,
      ],
    ],
  };
}
