import { defineConfig } from '@playwright/test';

import { baseChromiumArgs, chromiumPath, webgpuArgs } from './e2e/chromium.mjs';

// Another port lets a second checkout run its tests beside this one (NOOK_E2E_PORT).
const E2E_PORT = Number(process.env.NOOK_E2E_PORT ?? 4174);

export default defineConfig({
  testDir: 'e2e',
  // The real-engine lane has its own config (playwright.real.config.ts, `npm run test:real`).
  testIgnore: 'real-engine/**',
  outputDir: 'test-results',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: true,
  workers: process.env.CI ? 2 : undefined,
  retries: 0,
  reporter: process.env.CI ? 'list' : [['list']],
  use: {
    baseURL: `http://localhost:${E2E_PORT}`,
    launchOptions: {
      executablePath: chromiumPath,
      args: [...baseChromiumArgs, ...webgpuArgs],
    },
    // A trace costs every test its recording (a fifth of a short test's time, measured here); CI
    // keeps no files, so it records none there. Locally a failing test leaves its trace.
    trace: process.env.CI ? 'off' : 'retain-on-failure',
    // A service worker answers requests before context.route() sees them, so tests that route
    // requests would silently bypass their routes. Only the offline and PWA tests allow one
    // (test.use({ serviceWorkers: 'allow' })).
    serviceWorkers: 'block',
  },
  projects: [
    { name: 'webgpu', testIgnore: [/no-webgpu\.spec\.ts/, /real-engine\//] },
    {
      name: 'no-webgpu',
      testMatch: /no-webgpu\.spec\.ts/,
      use: { launchOptions: { executablePath: chromiumPath, args: baseChromiumArgs } },
    },
  ],
  webServer: {
    // The test build (scripted engine included) served as static files, like any file server would.
    command: `npx vite preview --mode e2e --port ${E2E_PORT} --strictPort`,
    url: `http://localhost:${E2E_PORT}`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});
