import { expect, test } from './fixtures';
import { ModelsPage } from './pages/ModelsPage';

const WEBLLM = 'Llama-3.2-1B-Instruct-q4f32_1-MLC';
const GGUF = 'Llama-3.2-1B-Instruct-Q4_K_M-GGUF';

test('the benchmark settles which engine runs a model faster here; the chosen model follows it, and a build the user picks afterwards stays', async ({
  chat,
  llama,
  page,
  context,
}) => {
  test.slow(); // The GGUF build downloads, loads and runs the benchmark on a busy CPU.
  // Hugging Face is out of reach here: the catalog build's address answers with a synthetic model.
  await context.route(
    'https://huggingface.co/bartowski/Llama-3.2-1B-Instruct-GGUF/resolve/main/Llama-3.2-1B-Instruct-Q4_K_M.gguf',
    async (route) => {
      const response = await route.fetch({ url: llama.server.url('roomy.gguf') });
      await route.fulfill({ response });
    },
  );
  // WebLLM is the scripted stand-in, set far faster than any CPU decodes; llama.cpp is real.
  await chat.open({ scripted_load_ms: 0, scripted_tps: 50_000, scripted_prefill_tps: 1_000_000 });
  const models = new ModelsPage(page);
  const runBenchmark = async () => {
    const dialog = await chat.openBenchmark();
    await dialog.getByRole('button', { name: 'Run benchmark' }).click();
    const done = dialog.getByRole('status').filter({ hasText: 'Done: the result is saved' });
    await expect(done).toBeVisible({ timeout: 60_000 });
    const text = (await done.textContent()) ?? '';
    await dialog.getByRole('button', { name: 'Close' }).click();
    return text;
  };

  await chat.chooseModel(WEBLLM);
  // One engine measured: no verdict yet, nothing moves.
  expect(await runBenchmark()).not.toContain('Nook will use');

  await chat.chooseModel(GGUF);
  const settled = await runBenchmark();
  expect(settled).toMatch(
    /Nook will use the WebLLM build of Llama 3\.2 · 1B on this device: it ran \d+ tokens\/s against \d+ on llama\.cpp\.$/,
  );
  // The chosen model is now the WebLLM build: its pick names its engine and the measured speed.
  await models.openRecommended();
  const pick = models.pick('Best balance');
  await expect(pick).toHaveAccessibleName('Best balance Llama 3.2 · 1B · WebLLM');
  await expect(pick.getByRole('button', { name: 'In use' })).toBeVisible();
  await expect(pick).toContainText(/\d+ tokens\/s, measured on this device/);
  await expect(pick).toContainText(/Measured here: \d+ tokens\/s on WebLLM, \d+ on llama\.cpp\./);
  await models.close();

  // The user picks the llama.cpp build anyway: measured again, the same verdict moves nothing.
  await chat.chooseModel(GGUF);
  expect(await runBenchmark()).not.toContain('Nook will use');
  await models.open();
  await expect(models.row(GGUF).getByRole('button', { name: 'In use' })).toBeVisible();
  await expect(models.row(WEBLLM)).toContainText('Faster here');
});
