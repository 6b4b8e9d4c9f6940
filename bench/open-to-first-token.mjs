// Open to first token, for a returning user: the model is on this device already; the user opens
// Nook, starts typing as soon as the message box is usable, sends after TYPING_MS, and waits for
// the first word of the reply. Measured from navigation start (the reload) to the first text of
// the reply on screen (a MutationObserver in the page), with the warm start (the model starts
// loading as Nook opens) against load-on-send (the warm start held off the way a user holds it
// off, by asking the browser to save data). Two engines: the scripted engine with a load of
// SCRIPTED_LOAD_MS, its files faked into WebLLM's cache; and real llama.cpp with the synthetic GGUF
// (scripts/make-gguf.mjs), downloaded once through the custom-model form. Taking turns, so both
// sides see the same machine. No service worker, as in the other benches.
import { writeFileSync } from 'node:fs';
import { writeGguf } from '../scripts/make-gguf.mjs';
import { fakeWebLLMDownload } from '../e2e/webllmCache.mjs';
import { launchBrowser, round, summarize, useBenchGguf } from './harness.mjs';

export const name = 'open-to-first-token';

const ROUNDS = 3;
const TYPING_MS = 1500;
const SCRIPTED_LOAD_MS = 4000;
const RECOMMENDED = 'Llama-3.2-1B-Instruct-q4f32_1-MLC';
/** Served by the test app's own preview server, next to the build. */
const MODEL_FILE = 'bench-first-token.gguf';

/** Load-on-send: the warm start does not run when the browser asks to save data. */
const saveData = () =>
  Object.defineProperty(NetworkInformation.prototype, 'saveData', { get: () => true });

/**
 * Until the page marks `mark` (src/features/stats/startMarks.ts): 'nook:interactive' once the first
 * screen takes typing, 'nook:ready' once the app itself is up with a model chosen.
 */
const until = (page, mark) =>
  page.waitForFunction((name) => performance.getEntriesByName(name).length > 0, mark, {
    polling: 50,
    timeout: 60_000,
  });

/** Puts the model on this device, as an earlier visit would have. */
const setUp = {
  async scripted(page, appUrl) {
    await page.goto(`${appUrl}/?scripted_load_ms=0`);
    await fakeWebLLMDownload(page, RECOMMENDED, {
      shards: 2,
      shardBytes: 2 ** 20,
      present: [0, 1],
    });
    return `${appUrl}/?scripted_load_ms=${SCRIPTED_LOAD_MS}&scripted_tokens=8`;
  },
  async llamacpp(page, appUrl) {
    const url = `${appUrl}/?scripted_load_ms=0&llama_threads=1`;
    await page.goto(url);
    await until(page, 'nook:ready');
    await useBenchGguf(page, appUrl, MODEL_FILE);
    // The choice is saved a moment after it is made.
    await page.waitForTimeout(1000);
    return url;
  },
};

/** A returning visit: open, type, send; ms from navigation start to the reply's first text. */
async function openToFirstToken(page, url) {
  await page.goto(url);
  // Typed on the first screen if the app is not up yet: it carries on into the app's message box.
  await until(page, 'nook:interactive');
  const box = page.getByRole('textbox', { name: 'Message' });
  await box.fill('What did we talk about?');
  await page.waitForTimeout(TYPING_MS);
  await page.evaluate(() => {
    window.nookFirstText = new Promise((resolve) => {
      const seen = new MutationObserver(() => {
        const reply = document.querySelector('[data-role="assistant"] .message-content');
        if (!reply?.textContent) return;
        seen.disconnect();
        resolve(performance.now());
      });
      seen.observe(document.body, { subtree: true, childList: true, characterData: true });
    });
  });
  await page.getByRole('button', { name: 'Send' }).click();
  const firstText = await page.evaluate(() => window.nookFirstText);
  // The reply ends before the tab closes, as a user would let it.
  await page.waitForFunction(() => performance.getEntriesByName('nook:reply').length > 0, null, {
    polling: 100,
    timeout: 120_000,
  });
  return firstText;
}

/** One visit in a browser of its own: nothing carries over from the run before. */
async function oneRun(appUrl, engine, warm) {
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext({ serviceWorkers: 'block' });
    if (!warm) await context.addInitScript(saveData);
    const page = await context.newPage();
    const url = await setUp[engine](page, appUrl);
    return await openToFirstToken(page, url);
  } finally {
    await browser.close();
  }
}

export async function run(appUrl) {
  writeFileSync(`dist-e2e/${MODEL_FILE}`, writeGguf({ seed: 1 }));
  const runs = {
    scripted: { warm: [], cold: [] },
    llamacpp: { warm: [], cold: [] },
  };
  for (let i = 0; i < ROUNDS; i++) {
    for (const engine of ['scripted', 'llamacpp']) {
      runs[engine].cold.push(await oneRun(appUrl, engine, false));
      runs[engine].warm.push(await oneRun(appUrl, engine, true));
    }
  }
  const figures = Object.fromEntries(
    Object.entries(runs).map(([engine, r]) => [
      engine,
      { warm: summarize(r.warm), loadOnSend: summarize(r.cold) },
    ]),
  );
  const show = (s) => `${Math.round(s.median)} (${Math.round(s.min)}–${Math.round(s.max)})`;
  const row = (engine, label) => [
    [`${label}: load-on-send (ms, median (min–max))`, show(figures[engine].loadOnSend)],
    [`${label}: warm start (ms, median (min–max))`, show(figures[engine].warm)],
    [
      `${label}: warm / load-on-send`,
      round(figures[engine].warm.median / figures[engine].loadOnSend.median),
    ],
  ];
  return {
    name,
    description: `a returning user opens Nook, types for ${TYPING_MS / 1000} s once the message box is usable, sends; navigation start to the reply's first text on screen; ${ROUNDS} runs each, taking turns, each in a fresh browser`,
    figures: { typingMs: TYPING_MS, scriptedLoadMs: SCRIPTED_LOAD_MS, ...figures },
    rows: [
      ...row('scripted', `scripted engine, ${SCRIPTED_LOAD_MS / 1000} s load`),
      ...row('llamacpp', 'llama.cpp, synthetic GGUF'),
    ],
  };
}
