/// <reference types="vitest/config" />
import { availableParallelism } from 'node:os';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { CROSS_ORIGIN_ISOLATION } from './build/crossOriginIsolation.ts';
import { bootFirst } from './build/bootFirst.ts';
import { contentSecurityPolicy, cspMetaPlugin } from './build/csp.ts';
import { immutableAssets } from './build/immutableAssets.ts';
import { startChunks } from './build/startChunks.ts';
import { noCdnFallbacks } from './build/noCdnFallbacks.ts';
import { ocrLanguageData } from './build/ocrLanguageData.ts';
import { prerenderFirstScreen } from './build/prerenderFirstScreen.ts';
import { pwa } from './build/pwa.ts';
import { webllmCatalog } from './build/webllmCatalog.ts';

// Two builds from one source: `dist/` is what users get; `dist-e2e/` (mode "e2e") additionally
// contains the scripted engine that end-to-end tests drive. The mode is a compile-time constant, so
// the scripted engine's import is removed from the production build, not merely skipped at run time.
// Nook's own plugins live in build/.

/**
 * `npm run test:real` (scripts/real-engine.mjs) builds Nook against another WebLLM, the newest
 * whose model libraries can be had offline, into a folder of its own: NOOK_WEBLLM_DIR names that
 * WebLLM's package folder, NOOK_OUT_DIR the output.
 */
const otherWebLLM = process.env.NOOK_WEBLLM_DIR;

export default defineConfig(({ command, mode, isPreview }) => {
  const csp = contentSecurityPolicy(command === 'serve' && !isPreview);
  const headers = {
    // Served with every file, so workers (which a <meta> policy does not reach) are held to it too.
    'Content-Security-Policy': csp.header,
    // Cross-origin isolation, so llama.cpp can decode on several threads (SharedArrayBuffer).
    // "credentialless" lets the page fetch models from other hosts without their opting in.
    ...CROSS_ORIGIN_ISOLATION,
  };
  return {
    plugins: [
      react(),
      webllmCatalog(),
      cspMetaPlugin(csp.meta),
      ocrLanguageData(),
      noCdnFallbacks(),
      pwa(),
      immutableAssets(),
      bootFirst(),
      startChunks(),
      prerenderFirstScreen(),
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
      // Most tests need no DOM; the files that do say so (`@vitest-environment jsdom`). Setting up
      // jsdom for every file took more time than the tests themselves.
      environment: 'node',
      include: ['src/**/*.test.{ts,tsx}'],
      setupFiles: ['src/test/setup.ts'],
      restoreMocks: true,
      // The property tests run hundreds of cases: on a busy 2-core machine one took 5.4 s, past the
      // 5 s default, while passing.
      testTimeout: 20_000,
      // Vitest keeps a core free by default, which on a 2-core machine (CI's) runs the files one
      // at a time: the suite took 65 s there, and 41 s on both cores.
      maxWorkers: Math.max(2, availableParallelism() - 1),
    },
  };
});
