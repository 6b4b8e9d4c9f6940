// How soon is Nook usable after the address is typed, and how much JavaScript must arrive first?
//
// Time to interactive: from navigation start to the moment the header and the message box are on
// screen and take typing. Nook's first screen (src/app/FirstScreen.tsx) is written into index.html
// at build time (build/prerenderFirstScreen.ts), so it takes typing once the page and its
// stylesheet are parsed; its boot script, which runs then, marks the moment with
// performance.mark('nook:interactive'). The bare page marks the same name in the effect after
// React commits its first render. For both, the later of that mark and the first contentful paint
// counts: a box is not usable before it is painted. Time to ready: until the app itself is up and
// a model is chosen, so a message can be sent (what e2e/pages/ChatPage.ts `ready()` waits for),
// marked 'nook:ready' (src/features/stats/startMarks.ts). A mark's startTime counts from
// navigation start. Measured on the test app (as `npm run bench` serves it), in a fresh browser
// context each time (empty HTTP cache and storage: a first visit), then once more after a reload
// in that context (a return visit). No service worker, as in the other benches. The catalog is
// data built into the app, so none of this waits for the engine worker, which starts beside the
// app.
//
// Playwright is kept out of the page while it starts (QUIET_MS): evaluating in the page (as
// waitForFunction does) makes Chromium run Playwright's injected script there, about 10 ms of the
// page's main thread in a trace, and where it fell inside a start it was counted as the page's.
//
// Initial JavaScript: what the production build's dist/index.html loads before anything else — its
// entry script and modulepreloads, and every module they import statically — compressed with gzip
// (node's zlib, default level) as a server would send it. Chunks loaded later through dynamic
// import() or as workers (the app after its first screen, WebLLM and the engine worker, pdf.js and
// the document readers) are not counted. dist/ is built first when missing or older than the
// sources.
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { build, preview } from 'vite';
import { launchBrowser, round, summarize } from './harness.mjs';

const ROUNDS = 9;
const SETTLE_MS = 1500;
const DIST = 'dist';
const MARK = 'nook:interactive';
const READY_MARK = 'nook:ready';
const QUIET_MS = 1000;
const BARE = 'bench/bare';
const BARE_OUT = '../../.bench-bare';

function newestMtime(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

function ensureProductionBuild() {
  const index = join(DIST, 'index.html');
  const sources = Math.max(
    ...['src', 'public', 'build', 'index.html', 'vite.config.ts', 'package-lock.json']
      .filter(existsSync)
      .map(newestMtime),
  );
  if (!existsSync(index) || statSync(index).mtimeMs < sources) {
    execSync('npm run build --silent', { stdio: 'inherit' });
  }
}

/** The scripts index.html loads up front: module scripts and modulepreloads, as site paths. */
function entryScripts(html) {
  const attribute = (tag, name) => new RegExp(`\\b${name}="([^"]+)"`).exec(tag)?.[1];
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)]
    .map(([tag]) => tag)
    .filter((tag) => attribute(tag, 'type') === 'module')
    .map((tag) => attribute(tag, 'src'));
  const preloads = [...html.matchAll(/<link\b[^>]*>/g)]
    .map(([tag]) => tag)
    .filter((tag) => attribute(tag, 'rel') === 'modulepreload')
    .map((tag) => attribute(tag, 'href'));
  return [...scripts, ...preloads].filter((src) => src && src.startsWith('/'));
}

/** Static imports of a built chunk (`import{a}from"./x.js"`, `import"./y.js"`), not import(). */
function staticImports(code) {
  return [...code.matchAll(/(?:^|[;}\s])import\s*(?:[\w$*{][^"'();]*?from\s*)?["']([^"']+)["']/g)]
    .map((m) => m[1])
    .filter((specifier) => specifier.startsWith('.') || specifier.startsWith('/'));
}

/** Every file the page loads before it runs: the entries and, transitively, their static imports. */
function initialJavaScript() {
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  const queue = entryScripts(html);
  const files = new Map();
  while (queue.length > 0) {
    const path = queue.shift();
    if (files.has(path)) continue;
    const code = readFileSync(join(DIST, path));
    files.set(path, code);
    for (const specifier of staticImports(code.toString('utf8'))) {
      queue.push(specifier.startsWith('/') ? specifier : posix.join(dirname(path), specifier));
    }
  }
  const raw = [...files.values()].reduce((sum, code) => sum + code.length, 0);
  const gzip = [...files.values()].reduce((sum, code) => sum + gzipSync(code).length, 0);
  return { files: [...files.keys()], rawBytes: raw, gzipBytes: gzip };
}

/** The start's marks, read once it has surely made them (the bare page makes no ready mark). */
async function marksOf(page) {
  await page.waitForTimeout(QUIET_MS);
  await page.waitForFunction((mark) => performance.getEntriesByName(mark).length > 0, MARK, {
    timeout: 60_000,
    polling: 50,
  });
  return page.evaluate(
    ([interactive, ready]) => {
      const at = (name) => performance.getEntriesByName(name)[0]?.startTime ?? null;
      // On screen, not only in the page: a mark made before the first paint waits for it.
      const paint = at('first-contentful-paint');
      return {
        interactiveMs: Math.max(at(interactive), paint ?? 0),
        readyMs: at(ready),
        firstContentfulPaintMs: at('first-contentful-paint'),
      };
    },
    [MARK, READY_MARK],
  );
}

export const name = 'app-start';

/**
 * How the app's server hosts it, read from its responses: the headers on the page (the content
 * policy, and the cross-origin isolation llama.cpp's threads need, which costs a first visit a
 * new browser process) and how long the browser may keep a hashed build file.
 */
async function hostingOf(appUrl) {
  const page = await fetch(appUrl);
  const html = await page.text();
  const script = /<script[^>]+src="(\/assets\/[^"]+)"/.exec(html)?.[1];
  if (!script) throw new Error(`no /assets/ script in ${appUrl}`);
  const asset = await fetch(new URL(script, appUrl));
  const names = [
    'content-security-policy',
    'cross-origin-opener-policy',
    'cross-origin-embedder-policy',
  ];
  return {
    headers: Object.fromEntries(
      names.map((name) => [name, page.headers.get(name)]).filter(([, value]) => value),
    ),
    assetCacheControl: asset.headers.get('cache-control'),
  };
}

/**
 * The yardstick: bench/bare, a bare Vite + React page with the same header and composer that
 * marks the same moment, built by Vite and hosted as the app is (its headers and caching).
 */
async function startBarePage({ headers, assetCacheControl }, port = 4176) {
  const hostedLikeTheApp = {
    name: 'hosted-like-the-app',
    configurePreviewServer(server) {
      server.middlewares.use((req, res, next) => {
        if (assetCacheControl && req.url?.startsWith('/assets/')) {
          res.setHeader('Cache-Control', assetCacheControl);
        }
        next();
      });
    },
  };
  const config = {
    root: BARE,
    configFile: false,
    logLevel: 'warn',
    plugins: [react(), hostedLikeTheApp],
  };
  await build({ ...config, build: { outDir: BARE_OUT, emptyOutDir: true } });
  const server = await preview({
    ...config,
    build: { outDir: BARE_OUT },
    preview: { port, strictPort: true, headers },
  });
  return { url: `http://localhost:${port}`, close: () => server.close() };
}

/** A first visit in a fresh context, then, once it has settled, a reload in it. */
async function visitTwice(browser, url) {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  try {
    const page = await context.newPage();
    await page.goto(url);
    const first = await marksOf(page);
    // A returning user comes back to a page that has settled: reloading while the first visit
    // still starts its engine worker and prefetches would time that page's leftover work too.
    await page.waitForTimeout(SETTLE_MS);
    await page.reload();
    return { first, again: await marksOf(page) };
  } finally {
    await context.close();
  }
}

export async function run(appUrl) {
  ensureProductionBuild();
  const js = initialJavaScript();
  const bare = await startBarePage(await hostingOf(appUrl));
  const browser = await launchBrowser();
  const nook = { first: [], again: [] };
  const yardstick = { first: [], again: [] };
  try {
    // Side by side, taking turns, so both see the same machine.
    for (let i = 0; i < ROUNDS; i++) {
      for (const [runs, url] of [
        [yardstick, bare.url],
        [nook, `${appUrl}/?scripted_load_ms=0`],
      ]) {
        const { first, again } = await visitTwice(browser, url);
        runs.first.push(first);
        runs.again.push(again);
      }
    }
  } finally {
    await browser.close();
    await bare.close();
  }
  const figure = (runs, key) => summarize(runs.map((r) => r[key]).filter((v) => v !== null));
  const bareFigures = {
    firstVisit: figure(yardstick.first, 'interactiveMs'),
    reload: figure(yardstick.again, 'interactiveMs'),
  };
  const { first, again } = nook;
  const figures = {
    interactiveMs: {
      firstVisit: figure(first, 'interactiveMs'),
      reload: figure(again, 'interactiveMs'),
    },
    readyMs: {
      firstVisit: figure(first, 'readyMs'),
      reload: figure(again, 'readyMs'),
    },
    barePageInteractiveMs: bareFigures,
    firstContentfulPaintMs: {
      firstVisit: figure(first, 'firstContentfulPaintMs'),
      reload: figure(again, 'firstContentfulPaintMs'),
    },
    initialJavaScript: {
      files: js.files,
      rawKiB: round(js.rawBytes / 1024, 1),
      gzipKiB: round(js.gzipBytes / 1024, 1),
    },
  };
  const spread = (s) => `${Math.round(s.median)} (${Math.round(s.min)}–${Math.round(s.max)})`;
  return {
    name,
    description: `test app beside a bare Vite + React page (bench/bare) hosted as the app is, ${ROUNDS} fresh contexts each, visited then reloaded once settled (${SETTLE_MS / 1000} s), taking turns; initial JavaScript of dist/ (entry, modulepreloads and their static imports), gzip`,
    figures,
    rows: [
      [
        'time to interactive, first visit (ms, median (min–max))',
        spread(figures.interactiveMs.firstVisit),
      ],
      ['time to interactive, reload (ms, median (min–max))', spread(figures.interactiveMs.reload)],
      [
        'time to ready (a model chosen), first visit / reload (ms, median)',
        `${Math.round(figures.readyMs.firstVisit.median)} / ${Math.round(figures.readyMs.reload.median)}`,
      ],
      [
        'bare Vite + React page, first visit / reload (ms, median)',
        `${Math.round(bareFigures.firstVisit.median)} / ${Math.round(bareFigures.reload.median)}`,
      ],
      [
        'Nook / bare page, first visit / reload',
        `${round(figures.interactiveMs.firstVisit.median / bareFigures.firstVisit.median)} / ${round(figures.interactiveMs.reload.median / bareFigures.reload.median)}`,
      ],
      [
        'first contentful paint, first visit (ms, median)',
        Math.round(figures.firstContentfulPaintMs.firstVisit.median),
      ],
      ['initial JavaScript, gzip (KiB)', figures.initialJavaScript.gzipKiB],
      ['initial JavaScript, uncompressed (KiB)', figures.initialJavaScript.rawKiB],
      ['initial JavaScript files', js.files.length],
    ],
  };
}
