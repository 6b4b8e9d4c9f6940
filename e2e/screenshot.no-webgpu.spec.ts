// The README's screenshot of Nook without WebGPU: runs in the "no-webgpu" project, whose Chromium
// has no WebGPU flags.
import { expect, test } from './fixtures';
import { shoot, skipUnlessAsked } from './readmeShots';

skipUnlessAsked();
test.use({ colorScheme: 'light', viewport: { width: 1280, height: 800 } });

test('the processor notice', async ({ chat, page }) => {
  await chat.open({ scripted_load_ms: 0 }, { withModel: false });
  await expect(
    page.getByRole('region', { name: 'Models run on the processor here' }),
  ).toBeVisible();
  await shoot(page, 'cpu');
});
