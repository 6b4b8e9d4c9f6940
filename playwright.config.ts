import { defineConfig } from '@playwright/test';

// Debian's Chromium, never a downloaded browser. WebGPU runs on SwiftShader (CPU), which gives a
// real adapter without a GPU; see ../shared/TESTING.md.
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const baseChromiumArgs = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
export const webgpuArgs = ['--enable-unsafe-webgpu', '--use-webgpu-adapter=swiftshader'];

const E2E_PORT = 4174;

export default defineConfig({
  testDir: 'e2e',
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
    trace: 'retain-on-failure',
  },
  projects: [
    { name: 'webgpu', testIgnore: /no-webgpu\.spec\.ts/ },
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
