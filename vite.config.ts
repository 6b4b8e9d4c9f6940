/// <reference types="vitest/config" />
import { createHash } from 'node:crypto';
import { createReadStream, readFileSync } from 'node:fs';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import { OCR_DATA_PATH, OCR_LANGUAGES } from './src/documents/ocrLanguages.ts';

// Two builds from one source: `dist/` is what users get; `dist-e2e/` (mode "e2e") additionally
// contains the scripted engine that end-to-end tests drive. The mode is a compile-time constant, so
// the scripted engine's import is removed from the production build, not merely skipped at run time.

/**
 * The Content-Security-Policy, as written in index.html's <meta> tag.
 *
 * connect-src decides where Nook may send or fetch anything, and so what "nothing leaves the
 * device" means in practice. It names the app's own origin, the hosts WebLLM's prebuilt models
 * come from (huggingface.co for configs and weights, which it redirects to its CDNs:
 * cdn-lfs*.hf.co, cas-bridge.xethub.hf.co, *.cdn.hf.co, cdn-lfs*.huggingface.co; and
 * raw.githubusercontent.com for the compiled model libraries), and this computer (localhost,
 * 127.0.0.1: a model server on the same machine). And data:, because WebLLM reads the images it is
 * sent by fetching their data: URLs (getImageDataFromURL) in the engine worker; a data: URL
 * carries its content in itself, so allowing it lets nothing leave the device.
 *
 * Custom models may live on any http(s) host, intranet ones included, but a policy cannot be
 * widened at run time (a second policy only narrows the first), so allowing whatever host a user
 * types would mean `connect-src https: http:`: any code running in the page (a compromised
 * dependency, a library that phones home) could then send chats anywhere, and the browser would
 * no longer vouch for "only model downloads, only from these hosts". We keep the list closed
 * instead. A custom model must be served from the app's own origin, from the hosts above or from
 * this computer; an organisation with a model mirror builds Nook with that host added:
 * `NOOK_MODEL_HOSTS="https://models.intranet.example" npm run build` (space- or comma-separated
 * origins; `*.` wildcards allowed). A blocked custom model fails with a message that says why
 * (src/app/errorMessages.ts).
 */
function readIndexPolicy(): string {
  const html = readFileSync(new URL('./index.html', import.meta.url), 'utf8');
  const match = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html);
  if (!match?.[1]) throw new Error('index.html has no Content-Security-Policy <meta> tag');
  return match[1];
}

type Directives = Map<string, string[]>;

function parsePolicy(policy: string): Directives {
  return new Map(
    policy
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((tokens): tokens is [string, ...string[]] => Boolean(tokens[0]))
      .map(([name, ...values]) => [name, values]),
  );
}

function serializePolicy(directives: Directives): string {
  return [...directives].map(([name, values]) => [name, ...values].join(' ')).join('; ');
}

function addSources(directives: Directives, name: string, sources: string[]): void {
  directives.set(name, [...(directives.get(name) ?? []), ...sources]);
}

/** Origins from NOOK_MODEL_HOSTS, checked so that nothing but an origin reaches the policy. */
function extraModelHosts(value: string | undefined): string[] {
  const hosts = (value ?? '').split(/[\s,]+/).filter(Boolean);
  for (const host of hosts) {
    if (!/^https?:\/\/(\*\.)?[a-z0-9.-]+(:(\d+|\*))?$/i.test(host)) {
      throw new Error(
        `NOOK_MODEL_HOSTS: "${host}" is not an origin such as https://models.example`,
      );
    }
  }
  return hosts;
}

function contentSecurityPolicy(devServer: boolean) {
  const directives = parsePolicy(readIndexPolicy());
  addSources(directives, 'connect-src', extraModelHosts(process.env.NOOK_MODEL_HOSTS));
  if (devServer) {
    // The dev server (only): React Fast Refresh's inline preamble, by hash, and the HMR socket.
    const preamble = react.preambleCode.replace('__BASE__', '/');
    const hash = createHash('sha256').update(preamble).digest('base64');
    addSources(directives, 'script-src', [`'sha256-${hash}'`]);
    addSources(directives, 'connect-src', ['ws:', 'wss:']);
  }
  const meta = serializePolicy(directives);
  // frame-ancestors works only as a header: no other site may frame Nook.
  const header = `${meta}; frame-ancestors 'none'`;
  return { meta, header };
}

/** Writes the final policy into index.html's <meta> tag (with the dev and NOOK_MODEL_HOSTS additions). */
function cspMetaPlugin(policy: string): Plugin {
  return {
    name: 'nook:content-security-policy',
    transformIndexHtml: {
      order: 'pre',
      handler: (html) =>
        html.replace(
          /(http-equiv="Content-Security-Policy"\s+content=")[^"]+"/,
          (_, start: string) => `${start}${policy}"`,
        ),
    },
  };
}

/**
 * OCR's language data, served by Nook itself under the names tesseract.js asks for
 * (OCR_DATA_PATH + `eng.traineddata.gz`), copied from the installed @tesseract.js-data packages:
 * into the build, and by the dev server straight from node_modules. Never from a CDN.
 */
function ocrLanguageData(): Plugin {
  const source = (code: string) =>
    new URL(
      `./node_modules/@tesseract.js-data/${code}/4.0.0_best_int/${code}.traineddata.gz`,
      import.meta.url,
    );
  const files = new Map(OCR_LANGUAGES.map(({ code }) => [`${code}.traineddata.gz`, source(code)]));
  return {
    name: 'nook:ocr-language-data',
    configureServer(server) {
      server.middlewares.use(OCR_DATA_PATH, (req, res, next) => {
        const file = files.get((req.url ?? '').replace(/^\//, '').split('?')[0] ?? '');
        if (!file) return next();
        res.setHeader('Content-Type', 'application/gzip');
        createReadStream(file).pipe(res);
      });
    },
    generateBundle() {
      for (const [name, file] of files) {
        this.emitFile({
          type: 'asset',
          fileName: `${OCR_DATA_PATH.slice(1)}${name}`,
          source: readFileSync(file),
        });
      }
    },
  };
}

/**
 * tesseract.js falls back to jsDelivr for its worker, core and language data when no path is
 * given. Nook always gives its own (src/documents/extract/ocrRuntime.ts), but the fallback URLs
 * still sit in the shipped code; they are rewritten to a path of Nook's own origin that serves
 * nothing, so even a missed option could never reach a CDN (e2e/privacy.spec.ts checks the build).
 */
const TESSERACT_CDN = 'https://cdn.jsdelivr.net/npm/';
function noCdnFallbacks(): Plugin {
  const rewrite = (text: string) => text.replaceAll(TESSERACT_CDN, '/nook-no-cdn/');
  return {
    name: 'nook:no-cdn-fallbacks',
    generateBundle(_, bundle) {
      for (const file of Object.values(bundle)) {
        if (file.type === 'chunk') file.code = rewrite(file.code);
        else if (typeof file.source === 'string') file.source = rewrite(file.source);
        else {
          const text = new TextDecoder().decode(file.source);
          if (text.includes(TESSERACT_CDN)) file.source = rewrite(text);
        }
      }
    },
  };
}

/**
 * `npm run test:real` (scripts/real-engine.mjs) builds Nook against another WebLLM, the newest
 * whose model libraries can be had offline, into a folder of its own: NOOK_WEBLLM_DIR names that
 * WebLLM's package folder, NOOK_OUT_DIR the output.
 */
const otherWebLLM = process.env.NOOK_WEBLLM_DIR;

export default defineConfig(({ command, mode, isPreview }) => {
  const csp = contentSecurityPolicy(command === 'serve' && !isPreview);
  // Served with every file, so workers (which a <meta> policy does not reach) are held to it too.
  const headers = { 'Content-Security-Policy': csp.header };
  return {
    plugins: [
      react(),
      cspMetaPlugin(csp.meta),
      ocrLanguageData(),
      noCdnFallbacks(),
      VitePWA({
        // A new version waits until the user chooses "Update" (src/features/privacy/).
        registerType: 'prompt',
        injectRegister: false,
        // The icons are precached by globPatterns below, once.
        includeManifestIcons: false,
        manifest: {
          id: '/',
          name: 'Nook',
          short_name: 'Nook',
          description: 'A private AI chat that runs entirely in your browser, on your GPU.',
          start_url: '/',
          scope: '/',
          display: 'standalone',
          theme_color: '#2f5d50',
          background_color: '#faf8f4',
          icons: [
            { src: 'pwa-192x192.png', sizes: '192x192', type: 'image/png' },
            { src: 'pwa-512x512.png', sizes: '512x512', type: 'image/png' },
            {
              src: 'maskable-icon-512x512.png',
              sizes: '512x512',
              type: 'image/png',
              purpose: 'maskable',
            },
          ],
        },
        workbox: {
          // The whole app shell, the engine worker and WebLLM's runtime chunk included, so that
          // after one visit Nook opens and chats with the network off; pdf.js's character maps
          // (bcmap, 1.7 MB) too, so documents in any script can be read offline.
          // OCR's language data (7 MB for four languages) too, so scans are read offline as well.
          globPatterns: ['**/*.{html,js,css,svg,png,wasm,bcmap}', 'ocr/**/*.traineddata.gz'],
          // WebLLM's runtime chunk is about 6 MB.
          maximumFileSizeToCacheInBytes: 16 * 1024 * 1024,
          // Any address of the app (with its query) opens the cached shell.
          navigateFallback: 'index.html',
          cleanupOutdatedCaches: true,
          // Nothing is cached at run time: model files are WebLLM's to keep (in IndexedDB), and
          // nothing from another origin passes through this cache.
          runtimeCaching: [],
        },
      }),
    ],
    ...(otherWebLLM && { resolve: { alias: { '@mlc-ai/web-llm': otherWebLLM } } }),
    build: {
      outDir: process.env.NOOK_OUT_DIR ?? (mode === 'e2e' ? 'dist-e2e' : 'dist'),
      target: 'es2022',
      sourcemap: mode === 'e2e',
      // WebLLM's runtime is several MB by nature; it loads lazily inside the engine worker.
      chunkSizeWarningLimit: 8000,
    },
    worker: {
      format: 'es',
      plugins: () => [noCdnFallbacks()],
    },
    server: { port: 5173, headers },
    preview: { port: mode === 'e2e' ? 4174 : 4173, strictPort: true, headers },
    test: {
      environment: 'jsdom',
      include: ['src/**/*.test.{ts,tsx}'],
      setupFiles: ['src/test/setup.ts'],
      restoreMocks: true,
    },
  };
});
