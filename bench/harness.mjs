// Shared plumbing for `npm run bench`: serve the test build, launch Chromium, summarize runs.
import { chromium } from '@playwright/test';
import { preview } from 'vite';
import { baseChromiumArgs, chromiumPath, webgpuArgs } from '../e2e/chromium.mjs';

export async function startApp(port = 4175) {
  const server = await preview({ mode: 'e2e', preview: { port, strictPort: true } });
  return { url: `http://localhost:${port}`, close: () => server.close() };
}

export async function launchBrowser() {
  return chromium.launch({
    executablePath: chromiumPath,
    args: [...baseChromiumArgs, ...webgpuArgs],
  });
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

export function summarize(values) {
  return {
    median: round(median(values)),
    min: round(Math.min(...values)),
    max: round(Math.max(...values)),
    runs: values.length,
  };
}

export function round(n, digits = 2) {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

/**
 * Opens the chat with scripted-engine settings and waits until a model is chosen; `maxTokens`
 * raises the chat's reply limit through the Settings dialog, as a user would.
 */
export async function openChat(browser, appUrl, params, { maxTokens } = {}) {
  // No service worker: precaching the app in the background would disturb the measurements.
  const page = await browser.newPage({ serviceWorkers: 'block' });
  await page.goto(`${appUrl}/?${new URLSearchParams(params)}`);
  const model = page.getByRole('banner').getByRole('button', { name: /^Model/ });
  await model.waitFor();
  await page.waitForFunction(() => {
    const button = [...document.querySelectorAll('header button')].find((b) =>
      b.textContent?.startsWith('Model'),
    );
    return button && !button.disabled && !/loading…|none chosen/.test(button.textContent ?? '');
  });
  if (maxTokens) {
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('spinbutton', { name: 'Max tokens' }).fill(String(maxTokens));
    await page.getByRole('button', { name: 'Close' }).click();
  }
  return page;
}

/** Sends a message through the UI and waits for the reply's User Timing entry. */
export async function sendAndMeasure(page, text, timeoutMs = 120_000) {
  await page.getByRole('textbox', { name: 'Message' }).fill(text);
  await page.getByRole('button', { name: 'Send' }).click();
  await page.waitForFunction(() => performance.getEntriesByName('nook:reply').length > 0, null, {
    timeout: timeoutMs,
    polling: 100,
  });
  return page.evaluate(() => performance.getEntriesByName('nook:reply').at(-1).detail);
}

/**
 * Adds a GGUF model served next to the build through the custom-model form, as "Bench", and makes
 * it the chats' model; resolves with the status line once it is ready ("Bench is ready (loaded in
 * … s) · llama.cpp · …").
 */
export async function useBenchGguf(page, appUrl, file) {
  const dialog = page.getByRole('dialog', { name: 'Models' });
  await page
    .getByRole('banner')
    .getByRole('button', { name: /^Model/ })
    .click();
  await dialog.getByRole('button', { name: /^All models/ }).click();
  await dialog.getByRole('button', { name: 'Add custom model' }).click();
  const form = page.getByRole('dialog', { name: 'Add custom model' });
  await form.getByRole('textbox', { name: 'Name', exact: true }).fill('Bench');
  await form.getByRole('textbox', { name: 'GGUF file URL' }).fill(`${appUrl}/${file}`);
  await form.getByRole('button', { name: 'Add model' }).click();
  await form.waitFor({ state: 'hidden' });
  await dialog
    .getByRole('listitem', { name: 'gguf:bench' })
    .getByRole('button', { name: 'Download and use' })
    .click();
  await dialog.getByRole('button', { name: 'Close', exact: true }).click();
  const ready = page.getByRole('status').filter({ hasText: 'Bench is ready' });
  await ready.waitFor({ timeout: 120_000 });
  return (await ready.textContent()) ?? '';
}
