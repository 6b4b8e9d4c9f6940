// How fast does Nook read scanned pages (OCR), and does it ever block the UI thread? In headless
// Chromium, on a page of the test app (under its CSP), the BUILT extraction worker is posted
// e2e/fixtures/documents/scanned.pdf: 3 A4 pages with no text layer, drawn from text at 150 dpi
// (scripts/make-scanned-fixtures.mjs). pdf.js draws each page and tesseract.js (a nested worker,
// English, LSTM) reads it. The first run includes starting tesseract and loading its core and
// language data; the warm runs reuse them. Long tasks (> 50 ms) on the page's main thread are
// recorded throughout (the goal: none), and Cancel is timed once OCR of page 1 has begun.
import { readFileSync } from 'node:fs';
import { extractInPage, findWorkerUrl } from './extraction.mjs';
import { launchBrowser, round, summarize } from './harness.mjs';

const ROUNDS = 3;
const FILE = 'scanned.pdf';
const PAGES = 3;

export const name = 'ocr';

export async function run(appUrl) {
  const workerUrl = await findWorkerUrl(appUrl);
  const bytes = readFileSync(`e2e/fixtures/documents/${FILE}`);
  const browser = await launchBrowser();
  const runs = [];
  let cold;
  let cancelled;
  try {
    const context = await browser.newContext({ serviceWorkers: 'block' });
    const page = await context.newPage();
    await page.route('**/__bench/**', (route) =>
      route.fulfill({ body: bytes, contentType: 'application/pdf' }),
    );
    await page.goto(`${appUrl}/?scripted_load_ms=0`);
    await page.waitForFunction(() => (document.getElementById('root')?.childElementCount ?? 0) > 0);
    await page.waitForTimeout(1000);
    const extract = (options = {}) =>
      page.evaluate(extractInPage, {
        workerUrl,
        fileUrl: `/__bench/${FILE}`,
        fileName: FILE,
        cancelAfterPage: options.cancelAfterPage ?? 0,
        fresh: options.fresh ?? false,
      });
    cold = await extract({ fresh: true });
    for (let i = 0; i < ROUNDS; i++) runs.push(await extract());
    // Cancel once page 1 is done, while page 2 is being recognized.
    cancelled = await extract({ cancelAfterPage: 1 });
    await context.close();
  } finally {
    await browser.close();
  }
  const longTasks = [cold, ...runs, cancelled].flatMap((r) => r.longTasks);
  const figures = {
    coldMs: round(cold.ms),
    warmMs: summarize(runs.map((r) => r.ms)),
    pagesPerS: summarize(runs.map((r) => (PAGES * 1000) / r.ms)),
    readAnswer: runs.every((r) => r.text.includes('twenty past eleven')),
    chars: runs[0]?.chars ?? null,
    longTasks: longTasks.length,
    longestTaskMs: longTasks.length ? round(Math.max(...longTasks)) : 0,
    cancelLatencyMs: round(cancelled.cancelLatencyMs ?? NaN),
    cancelCode: cancelled.code,
  };
  return {
    name,
    description: `built extraction worker + tesseract.js in headless Chromium under the app's CSP; ${FILE} (${PAGES} scanned A4 pages); ${ROUNDS} warm runs, medians`,
    figures,
    rows: [
      [
        `${FILE}, ${PAGES} pages (s): first run incl. starting OCR / warm`,
        `${round(figures.coldMs / 1000, 1)} / ${round(figures.warmMs.median / 1000, 1)}`,
      ],
      ['OCR pages/s (warm)', round(figures.pagesPerS.median, 2)],
      ['text read as expected (the timetable fact on page 2)', figures.readAnswer ? 'yes' : 'no'],
      [
        'main-thread long tasks > 50 ms during OCR / longest (ms)',
        `${figures.longTasks} / ${figures.longestTaskMs}`,
      ],
      [
        'cancel during page 2: time to stop (ms) / result',
        `${figures.cancelLatencyMs} / ${figures.cancelCode ?? 'finished'}`,
      ],
    ],
  };
}
