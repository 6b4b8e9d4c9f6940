import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';

// Strings that exist only in the scripted engine's source.
const SCRIPTED_MARKERS = ['Finish loading on WebGPU - scripted', 'scripted_tps'];

function builtText(dir: string): string {
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' });
  return files
    .filter((f) => /\.(js|html|css)$/.test(f))
    .map((f) => readFileSync(join(dir, f), 'utf8'))
    .join('\n');
}

test('the production build does not contain the scripted engine', () => {
  const production = builtText('dist');
  for (const marker of SCRIPTED_MARKERS) expect(production).not.toContain(marker);
  // The production build does contain the real engine.
  expect(production).toContain('Loading GPU shader modules');
});

test('the test build does contain it (so the check above can fail)', () => {
  const testBuild = builtText('dist-e2e');
  for (const marker of SCRIPTED_MARKERS) expect(testBuild).toContain(marker);
});

test('index.html holds the first screen and runs only the small boot script, which starts the app', () => {
  const html = readFileSync('dist/index.html', 'utf8');
  // The first screen, rendered at build time (build/prerenderFirstScreen.ts).
  expect(html).toMatch(/<div id="root"><div class="app"[^]*<textarea aria-label="Message"/);
  const scripts = [...html.matchAll(/<script type="module"[^>]* src="\/([^"]+)"/g)].map(
    (m) => m[1],
  );
  expect(scripts).toHaveLength(1);
  const [boot] = scripts as [string];
  expect(boot).toMatch(/^assets\/boot-[\w-]+\.js$/);
  // The app's entry is fetched at once but run by the boot script (build/bootFirst.ts).
  expect(html).toMatch(
    /<link rel="modulepreload" crossorigin href="\/assets\/index-[\w-]+\.js" data-nook-entry>/,
  );
  // It starts the database open on its own: nothing it imports waits for the app. No static
  // import of any kind (`import{a}from"./x.js"`, `import"./y.js"`); one dynamic import, of the
  // entry. It leaves WebGPU alone: the engine worker probes it (src/engine/gpuProbe.ts), so the
  // page's main thread opens no GPU connection before its first paint.
  const code = readFileSync(join('dist', boot), 'utf8');
  expect(code).not.toMatch(/\bimport\s*[{*"']|\bimport\s+\w/);
  expect(code.match(/\bimport\(/g)).toHaveLength(1);
  expect(code).toContain('indexedDB.open');
  expect(code).not.toContain('requestAdapter');
  expect(code.length).toBeLessThan(16 * 1024);
});

test("the first screen's code arrives as one chunk, beside the boot script and the entry, without the app", () => {
  const html = readFileSync('dist/index.html', 'utf8');
  const preloads = [
    ...html.matchAll(/<link rel="modulepreload"[^>]* href="\/assets\/([^"]+)"/g),
  ].map((m) => m[1]);
  // The entry, Rolldown's runtime, the boot script and the first screen's chunk
  // (build/startChunks.ts).
  expect(preloads).toHaveLength(4);
  expect(preloads).toEqual(
    expect.arrayContaining([
      expect.stringMatching(/^index-/),
      expect.stringMatching(/^rolldown-runtime-/),
      expect.stringMatching(/^boot-/),
      expect.stringMatching(/^first-screen-/),
    ]),
  );
  // The app is one chunk of its own, loaded once the first screen is up.
  const assets = readdirSync('dist/assets');
  const app = assets.filter((name) => /^app-[\w-]+\.js$/.test(name));
  expect(app).toHaveLength(1);
  const firstScreen = preloads.find((name) => name?.startsWith('first-screen-')) as string;
  const emptyChatHeading = 'Private AI, on your device';
  expect(readFileSync(join('dist/assets', app[0] as string), 'utf8')).toContain(emptyChatHeading);
  expect(readFileSync(join('dist/assets', firstScreen), 'utf8')).not.toContain(emptyChatHeading);
});
