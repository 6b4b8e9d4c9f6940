import { defineConfig } from '@playwright/test';

import { baseChromiumArgs, chromiumPath, webgpuArgs } from './e2e/chromium.mjs';

// The real-engine lane (`npm run test:real`, scripts/real-engine.mjs): Nook's production build,
// made against the WebLLM in NOOK_WEBLLM_DIR into NOOK_OUT_DIR, on a real model library and
// synthetic weights, with WebGPU on SwiftShader. Minutes per token: one worker, long timeouts.
const PORT = 4175;

export default defineConfig({
  testDir: 'e2e/real-engine',
  outputDir: 'test-results/real-engine',
  timeout: 30 * 60_000,
  expect: { timeout: 5 * 60_000 },
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `http://localhost:${PORT}`,
    launchOptions: { executablePath: chromiumPath, args: [...baseChromiumArgs, ...webgpuArgs] },
    viewport: { width: 1280, height: 800 },
    trace: 'retain-on-failure',
    serviceWorkers: 'block',
  },
  webServer: {
    command: `npx vite preview --outDir ${process.env.NOOK_OUT_DIR ?? '.real-engine/dist'} --port ${PORT} --strictPort`,
    url: `http://localhost:${PORT}`,
    reuseExistingServer: false,
    timeout: 60_000,
  },
});
