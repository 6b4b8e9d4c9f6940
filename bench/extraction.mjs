// How fast does Nook read documents, and does reading them ever block the UI thread? In headless
// Chromium, on a page of the test app (so under the app's Content-Security-Policy), we start the
// BUILT extraction worker and post it files: the 14-page TraceMonkey paper and a generated
// 300-page PDF of about 300 words a page. We time each file (the first run includes loading
// pdf.js into the worker), derive pages per second, record long tasks (> 50 ms) on the page's main
// thread while the worker reads (there should be none), and time how long a Cancel takes to stop
// the 300-page PDF. Every fixture in e2e/fixtures/documents is also read once and checked against
// what it should give. Then, in Node, we time chunkDocument on 1 MB of text.
import { readFileSync } from 'node:fs';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { createServer } from 'vite';
import { prng } from '../scripts/make-document-fixtures.mjs';
import { launchBrowser, median, round, summarize } from './harness.mjs';

const ROUNDS = 3;
const FIXTURES = 'e2e/fixtures/documents/';
const LONG_PDF_PAGES = 300;

/** What each fixture must give: a kind and page count, or an error code. */
const EXPECTED = [
  ['notes.txt', { kind: 'text' }],
  ['notes.md', { kind: 'markdown' }],
  ['page.html', { kind: 'html', absent: 'MUST-NOT-APPEAR' }],
  ['report.docx', { kind: 'docx', contains: 'Passenger numbers rose by 12 percent' }],
  ['long.txt', { kind: 'text', contains: 'The railway reached Wexmoor on the 1st of June 1872.' }],
  [
    'tracemonkey.pdf',
    { kind: 'pdf', pages: 14, contains: 'Trace-based Just-in-Time Type Specialization' },
  ],
  // Needs pdf.js's CMap files, served by the app itself.
  ['cjk-cmap.pdf', { kind: 'pdf', pages: 1, contains: 'ファイル 日本語' }],
  ['empty.txt', { code: 'empty' }],
  ['binary.txt', { code: 'binary' }],
  ['truncated.pdf', { code: 'corrupt' }],
  ['image-only.pdf', { code: 'no-text-layer' }],
  ['encrypted.pdf', { code: 'encrypted' }],
];

/** A PDF of `pages` pages of about 300 words each, deterministic. */
async function makeLongPdf(pages) {
  const random = prng(300);
  const words = (
    'the harbour keeper wrote every evening about weather ships cargo tides storms ' +
    'lanterns fishermen markets letters council records winter summer bridge railway ' +
    'mill weavers school chapel quay lighthouse customs brandy salt timber'
  ).split(' ');
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let p = 0; p < pages; p++) {
    const page = doc.addPage([595, 842]);
    const text = [];
    for (let w = 0; w < 300; w++) {
      text.push(words[Math.floor(random() * words.length)]);
      if (random() < 0.07) text[text.length - 1] += '.';
    }
    page.drawText(`Page ${p + 1}. ${text.join(' ')}.`, {
      x: 50,
      y: 790,
      size: 10,
      font,
      maxWidth: 495,
      lineHeight: 13,
    });
  }
  return Buffer.from(await doc.save());
}

/**
 * The built worker's URL, as the app's code names it: found in the chunks the page loads, from its
 * entry scripts and modulepreloads down the static imports and the app's own chunk, which the
 * first screen imports dynamically (build/startChunks.ts).
 */
export async function findWorkerUrl(appUrl) {
  const html = await (await fetch(appUrl)).text();
  const pending = [
    ...html.matchAll(/<script[^>]+src="([^"]+)"|<link rel="modulepreload"[^>]+href="([^"]+)"/g),
  ].map((m) => new URL(m[1] ?? m[2], appUrl).href);
  const seen = new Set();
  while (pending.length > 0) {
    const url = pending.shift();
    if (seen.has(url)) continue;
    seen.add(url);
    const js = await (await fetch(url)).text();
    const match = /assets\/extract\.worker-[\w-]+\.js/.exec(js);
    if (match) return `/${match[0]}`;
    // Every chunk a script names, statically or not (the app's: "./app-….js").
    for (const [, name] of js.matchAll(/["'`](\.\/[\w.-]+\.js)["'`]/g)) {
      pending.push(new URL(name, url).href);
    }
  }
  throw new Error('No extraction worker in the build: does the UI import extractClient?');
}

/**
 * Runs in the page: posts one file to a worker and resolves with timings, the document's shape and
 * the long tasks seen meanwhile. `cancelAfterPage` aborts once that many pages are done.
 */
export async function extractInPage({ workerUrl, fileUrl, fileName, cancelAfterPage, fresh }) {
  const bytes = await (await fetch(fileUrl)).blob();
  const file = new File([bytes], fileName);
  window.__benchWorker =
    fresh || !window.__benchWorker
      ? new Worker(workerUrl, { type: 'module' })
      : window.__benchWorker;
  const worker = window.__benchWorker;
  const longTasks = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) longTasks.push(entry.duration);
  });
  observer.observe({ type: 'longtask' });
  const id = Math.floor(Math.random() * 1e9);
  const started = performance.now();
  let cancelledAt = null;
  let pagesAtCancel = null;
  let lastDone = 0;
  // The workers' wire (src/workers/wire.ts): a call, events, then a result or an error.
  const answer = await new Promise((resolve) => {
    worker.onmessage = ({ data }) => {
      if (data.id !== id) return;
      if (data.kind === 'event') {
        lastDone = data.event.done;
        if (cancelAfterPage && cancelledAt === null && lastDone >= cancelAfterPage) {
          cancelledAt = performance.now();
          pagesAtCancel = lastDone;
          worker.postMessage({ kind: 'abort', id });
        }
        return;
      }
      resolve(data);
    };
    worker.postMessage({ kind: 'call', id, type: 'extract', params: { file, language: 'eng' } });
  });
  const finished = performance.now();
  // Long-task entries arrive after the task ends.
  await new Promise((resolve) => setTimeout(resolve, 200));
  observer.disconnect();
  const doc = answer.kind === 'result' ? answer.value : null;
  return {
    ms: finished - started,
    code: answer.kind === 'error' ? answer.error.code : null,
    message: answer.kind === 'error' ? answer.error.message : null,
    kind: doc?.kind ?? null,
    pages: doc?.pageCount ?? null,
    chars: doc?.chars ?? null,
    text: doc ? doc.text : '',
    longTasks,
    cancelLatencyMs: cancelledAt === null ? null : finished - cancelledAt,
    pagesAfterCancel: pagesAtCancel === null ? null : lastDone - pagesAtCancel,
  };
}

function checkFixture(result, expected) {
  if (expected.code) return result.code === expected.code;
  return (
    result.kind === expected.kind &&
    (expected.pages === undefined || result.pages === expected.pages) &&
    (expected.contains === undefined || result.text.includes(expected.contains)) &&
    (expected.absent === undefined || !result.text.includes(expected.absent))
  );
}

/** chunkDocument on 1 MB of text, in Node: Vite's SSR loader compiles the TypeScript module. */
async function timeChunking() {
  const server = await createServer({
    configFile: false,
    logLevel: 'silent',
    server: { middlewareMode: true, hmr: false },
    appType: 'custom',
  });
  try {
    const { chunkDocument } = await server.ssrLoadModule('/src/documents/chunk.ts');
    const prose = readFileSync(`${FIXTURES}long.txt`, 'utf8');
    let text = prose;
    while (text.length < 1_000_000) text += `\n\n${prose}`;
    text = text.slice(0, 1_000_000).trim();
    const doc = {
      name: '1mb.txt',
      kind: 'text',
      pages: [{ number: 1, text }],
      pageCount: null,
      text,
      chars: text.length,
    };
    const times = [];
    let chunks = [];
    for (let i = 0; i < ROUNDS + 1; i++) {
      const started = performance.now();
      chunks = chunkDocument(doc, { maxTokens: 512, overlapTokens: 64 });
      if (i > 0) times.push(performance.now() - started); // the first run warms the JIT
    }
    return { ms: summarize(times), chunks: chunks.length };
  } finally {
    await server.close();
  }
}

export const name = 'document-extraction';

export async function run(appUrl) {
  const workerUrl = await findWorkerUrl(appUrl);
  const files = new Map(EXPECTED.map(([file]) => [file, readFileSync(FIXTURES + file)]));
  files.set('long-300-pages.pdf', await makeLongPdf(LONG_PDF_PAGES));

  const browser = await launchBrowser();
  const runs = { paper: [], long: [], cancel: [] };
  let coldPaperMs;
  let observerWorks;
  const checks = [];
  const violations = [];
  try {
    // No service worker: it would precache the whole app in the background while we measure.
    const context = await browser.newContext({ serviceWorkers: 'block' });
    const page = await context.newPage();
    page.on('console', (message) => {
      if (/Content.Security.Policy|unsafe-eval/i.test(message.text()))
        violations.push(message.text());
    });
    // The files come from Node through an address of the app's own origin (allowed by connect-src).
    await page.route('**/__bench/**', (route) => {
      const file = decodeURIComponent(new URL(route.request().url()).pathname.split('/').pop());
      return route.fulfill({ body: files.get(file), contentType: 'application/octet-stream' });
    });
    await page.goto(`${appUrl}/?scripted_load_ms=0`);
    // Any screen will do (the worker needs only the app's origin and policy): wait for a render,
    // then let the app settle before measuring its main thread.
    await page.waitForFunction(() => (document.getElementById('root')?.childElementCount ?? 0) > 0);
    await page.waitForTimeout(1000);
    const extract = (fileName, options = {}) =>
      page.evaluate(extractInPage, {
        workerUrl,
        fileUrl: `/__bench/${encodeURIComponent(fileName)}`,
        fileName,
        cancelAfterPage: options.cancelAfterPage ?? 0,
        fresh: options.fresh ?? false,
      });

    // The long-task observer does see a long task here (so a count of 0 below means something).
    observerWorks = await page.evaluate(async () => {
      const seen = [];
      const observer = new PerformanceObserver((list) => seen.push(...list.getEntries()));
      observer.observe({ type: 'longtask' });
      setTimeout(() => {
        const until = performance.now() + 80;
        while (performance.now() < until);
      }, 0);
      await new Promise((resolve) => setTimeout(resolve, 300));
      observer.disconnect();
      return seen.length > 0;
    });
    // A fresh worker: this first run also loads pdf.js into it.
    coldPaperMs = (await extract('tracemonkey.pdf', { fresh: true })).ms;
    for (let i = 0; i < ROUNDS; i++) {
      runs.paper.push(await extract('tracemonkey.pdf'));
      runs.long.push(await extract('long-300-pages.pdf'));
      runs.cancel.push(await extract('long-300-pages.pdf', { cancelAfterPage: 20 }));
    }
    for (const [file, expected] of EXPECTED) {
      const result = await extract(file);
      checks.push({
        file,
        ok: checkFixture(result, expected),
        got: result.code ?? `${result.kind}, ${result.pages ?? '-'} pages, ${result.chars} chars`,
      });
    }
    await context.close();
  } finally {
    await browser.close();
  }
  const chunking = await timeChunking();

  const pagesPerS = (list, pages) => summarize(list.map((r) => (pages * 1000) / r.ms));
  const allLongTasks = [...runs.paper, ...runs.long, ...runs.cancel].flatMap((r) => r.longTasks);
  const figures = {
    paperColdMs: round(coldPaperMs),
    paperMs: summarize(runs.paper.map((r) => r.ms)),
    paperPagesPerS: pagesPerS(runs.paper, 14),
    longMs: summarize(runs.long.map((r) => r.ms)),
    longPagesPerS: pagesPerS(runs.long, LONG_PDF_PAGES),
    longChars: runs.long[0]?.chars,
    longTasks: allLongTasks.length,
    longTaskObserverWorks: observerWorks,
    longestTaskMs: allLongTasks.length ? round(Math.max(...allLongTasks)) : 0,
    cancelLatencyMs: summarize(runs.cancel.map((r) => r.cancelLatencyMs)),
    cancelledRunMs: summarize(runs.cancel.map((r) => r.ms)),
    pagesReadAfterCancel: median(runs.cancel.map((r) => r.pagesAfterCancel)),
    cancelCodes: runs.cancel.map((r) => r.code),
    chunk1MbMs: chunking.ms,
    chunk1MbChunks: chunking.chunks,
    fixtureChecks: checks,
    cspViolations: violations,
  };
  for (const check of checks)
    if (!check.ok) console.warn(`  fixture ${check.file}: got ${check.got}`);
  for (const violation of violations) console.warn(`  CSP: ${violation}`);
  return {
    name,
    description: `built extraction worker in headless Chromium under the app's CSP; ${ROUNDS} runs, medians; chunking in Node`,
    figures,
    rows: [
      [
        'tracemonkey.pdf, 14 pages (ms): first run incl. loading pdf.js / warm',
        `${figures.paperColdMs} / ${round(figures.paperMs.median, 0)}`,
      ],
      ['tracemonkey.pdf pages/s (warm)', round(figures.paperPagesPerS.median, 1)],
      [
        `generated ${LONG_PDF_PAGES}-page PDF (s) / pages/s / characters`,
        `${round(figures.longMs.median / 1000, 2)} / ${round(figures.longPagesPerS.median, 1)} / ${figures.longChars}`,
      ],
      [
        'main-thread long tasks > 50 ms while extracting / longest (ms)',
        `${figures.longTasks} / ${figures.longestTaskMs}${observerWorks ? '' : ' (observer saw nothing: not measured)'}`,
      ],
      [
        'cancel at page 20 of 300: time to stop (ms) / pages read after cancel / whole run (ms)',
        `${round(figures.cancelLatencyMs.median, 1)} / ${figures.pagesReadAfterCancel} / ${round(figures.cancelledRunMs.median, 0)}`,
      ],
      [
        'fixtures read as expected',
        `${checks.filter((c) => c.ok).length}/${checks.length}${violations.length ? `; ${violations.length} CSP violations` : ''}`,
      ],
      [
        'chunkDocument on 1 MB, 512-token chunks, 64 overlap (ms, Node) / chunks',
        `${round(figures.chunk1MbMs.median, 1)} / ${figures.chunk1MbChunks}`,
      ],
    ],
  };
}
