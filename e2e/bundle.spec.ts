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

test('index.html runs the small boot script first, ahead of the app and React', () => {
  const html = readFileSync('dist/index.html', 'utf8');
  const scripts = [...html.matchAll(/<script type="module"[^>]* src="\/([^"]+)"/g)].map(
    (m) => m[1],
  );
  expect(scripts).toHaveLength(2);
  const [boot, app] = scripts as [string, string];
  expect(boot).toMatch(/^assets\/boot-[\w-]+\.js$/);
  expect(app).toMatch(/^assets\/index-[\w-]+\.js$/);
  // It starts the GPU probe and the database open on its own: nothing it imports waits for the app.
  const code = readFileSync(join('dist', boot), 'utf8');
  // No static import of any kind (`import{a}from"./x.js"`, `import"./y.js"`), nor a dynamic one.
  expect(code).not.toMatch(/\bimport\s*[{*"'(]|\bimport\s+\w/);
  expect(code).toContain('requestAdapter');
  expect(code.length).toBeLessThan(16 * 1024);
});

test('the first screen arrives as one chunk, beside the boot script and the entry, without the app', () => {
  const html = readFileSync('dist/index.html', 'utf8');
  const preloads = [
    ...html.matchAll(/<link rel="modulepreload"[^>]* href="\/assets\/([^"]+)"/g),
  ].map((m) => m[1]);
  // Rolldown's runtime, the boot script and the first screen's chunk (build/startChunks.ts).
  expect(preloads).toHaveLength(3);
  expect(preloads).toEqual(
    expect.arrayContaining([
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
