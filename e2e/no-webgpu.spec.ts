import { expect, test } from '@playwright/test';

// Runs in the "no-webgpu" project: Chromium without the WebGPU flags has no adapter.
test('without WebGPU the user sees why and what to do, not a blank page', async ({ page }) => {
  await page.goto('/');
  await expect(
    page.getByRole('heading', { name: 'Nook can’t run a model in this browser' }),
  ).toBeVisible();
  await expect(page.getByText('found no usable graphics adapter')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'What you can do' })).toBeVisible();
  await expect(page.getByText('chrome://gpu')).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Message' })).toHaveCount(0);
});
