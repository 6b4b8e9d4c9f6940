// Does the page stay responsive with heavy content? Keyboard input latency (the browser's Event
// Timing: from the key press to the next paint) while typing into the message box, with a
// 2,000-message chat on screen; and the longest main-thread task when 1 MB of text is pasted
// (Nook turns such a paste into a document, read in a worker).
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchBrowser, openChat, percentile, round, summarize } from './harness.mjs';

const ROUNDS = 3;
const KEYS = 60;

function longChatExport() {
  const messages = Array.from({ length: 2000 }, (_, m) => ({
    id: `m-${m}`,
    role: m % 2 === 0 ? 'user' : 'assistant',
    content: `Message ${m}: ${'a few words of **markdown** and `code` '.repeat(6)}`,
    createdAt: 1_700_000_000_000 + m,
    status: 'done',
  }));
  const file = join(tmpdir(), 'nook-bench-long-chat.json');
  writeFileSync(
    file,
    JSON.stringify({
      format: 'nook-chats',
      version: 2,
      exportedAt: '',
      conversations: [{ id: 'long', title: 'Long chat', createdAt: 1, updatedAt: 2, messages }],
    }),
  );
  return file;
}

async function observe(page) {
  await page.evaluate(() => {
    window.__bench = { events: [], clicks: [], longTasks: [] };
    // Key presses and the click that focuses the box are reported apart.
    const typing = new Set(['keydown', 'keypress', 'keyup', 'beforeinput', 'input']);
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        if (typing.has(e.name)) window.__bench.events.push(e.duration);
        else if (e.name === 'click') window.__bench.clicks.push(e.duration);
      }
    }).observe({ type: 'event', durationThreshold: 16, buffered: false });
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__bench.longTasks.push(e.duration);
    }).observe({ type: 'longtask' });
  });
}

async function oneRun(browser, appUrl, chatFile) {
  const page = await openChat(browser, appUrl, { scripted_load_ms: 0 });
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'More' }).click();
  await page.getByRole('menuitem', { name: 'Import' }).click();
  await (await chooser).setFiles(chatFile);
  await page.getByRole('button', { name: 'Long chat' }).click();
  await page.getByText('Message 1999:').waitFor();
  await observe(page);
  const box = page.getByRole('textbox', { name: 'Message' });
  await box.click();
  // Event Timing reports only events over 16 ms; every key press is counted, slow ones measured.
  await page.keyboard.type('x'.repeat(KEYS), { delay: 30 });
  const typing = await page.evaluate(() => window.__bench.events.slice());
  const clicks = await page.evaluate(() => window.__bench.clicks.slice());
  await box.fill('');

  await observe(page);
  const started = await page.evaluate(() => performance.now());
  await page.evaluate((size) => {
    const data = new DataTransfer();
    data.setData('text/plain', 'A sentence of pasted text. '.repeat(Math.ceil(size / 27)));
    document.activeElement?.dispatchEvent(
      new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
    );
  }, 1_000_000);
  await page.getByRole('region', { name: /^Pasted text/ }).waitFor({ timeout: 60_000 });
  const pasteMs = (await page.evaluate(() => performance.now())) - started;
  const longTasks = await page.evaluate(() => window.__bench.longTasks.slice());
  await page.close();
  return {
    slowKeys: typing.length,
    keyLatencyP95Ms: typing.length ? percentile(typing, 95) : 16,
    keyLatencyMaxMs: typing.length ? Math.max(...typing) : 16,
    focusClickMs: clicks.length ? Math.max(...clicks) : 16,
    pasteToDocumentMs: pasteMs,
    longestTaskDuringPasteMs: longTasks.length ? Math.max(...longTasks) : 0,
  };
}

export const name = 'input-latency';

export async function run(appUrl) {
  const chatFile = longChatExport();
  const browser = await launchBrowser();
  const runs = [];
  try {
    for (let i = 0; i < ROUNDS; i++) runs.push(await oneRun(browser, appUrl, chatFile));
  } finally {
    await browser.close();
  }
  const figures = Object.fromEntries(
    Object.keys(runs[0]).map((key) => [key, summarize(runs.map((r) => r[key]))]),
  );
  return {
    name,
    description: `typing ${KEYS} keys with a 2,000-message chat open, then pasting 1 MB of text; ${ROUNDS} runs, medians`,
    figures,
    rows: [
      [
        `key presses reported at 16 ms or more, i.e. one frame (of ${KEYS})`,
        figures.slowKeys.median,
      ],
      [
        'key-to-paint latency p95 / max (ms; 16 when none was slow)',
        `${round(figures.keyLatencyP95Ms.median, 1)} / ${round(figures.keyLatencyMaxMs.median, 1)}`,
      ],
      [
        'click into the message box, to paint (ms; 16 when within a frame)',
        round(figures.focusClickMs.median, 1),
      ],
      ['1 MB paste until it is listed as a document (ms)', round(figures.pasteToDocumentMs.median)],
      [
        'longest main-thread task during the paste (ms)',
        round(figures.longestTaskDuringPasteMs.median, 1),
      ],
    ],
  };
}
