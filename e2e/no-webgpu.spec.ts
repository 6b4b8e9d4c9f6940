import { expectClean } from './axe';
import { expect, test } from './fixtures';
import { ModelsPage } from './pages/ModelsPage';

// Runs in the "no-webgpu" project: Chromium without the WebGPU flags has no adapter.
test('without WebGPU, Nook says models run on the processor, picks GGUF builds with their speed, and a GGUF model chats on llama.cpp', async ({
  chat,
  llama,
  page,
}) => {
  await chat.open({ scripted_load_ms: 0 }, { withModel: false });
  // A GGUF build of about 1B is chosen, to download from Hugging Face on the first message.
  await expect(chat.modelButton).toHaveAccessibleName('Model Gemma 3 · 1B');
  await expect(page.getByRole('complementary', { name: 'First download' })).toContainText(
    /Gemma 3 · 1B downloads when you send your first message: about \d+ MB from huggingface\.co/,
  );
  const notice = page.getByRole('region', { name: 'Models run on the processor here' });
  await expect(notice).toContainText('No usable graphics card in this browser');
  await notice.getByText('Why, and how to use the graphics card instead').click();
  await expect(notice).toContainText('found no usable graphics adapter');
  await expect(page.getByText('The model runs in this tab, on your processor.')).toBeVisible();
  await expect(notice.getByRole('button', { name: 'Add custom model' })).toBeVisible();
  await expect(chat.messageBox).toBeVisible();
  await expectClean(page, 'the home screen without WebGPU');

  // The picks are small GGUF builds, each with an estimate of its speed on a processor.
  const models = new ModelsPage(page);
  await notice.getByRole('button', { name: 'Recommended models' }).click();
  await expect(models.picks()).toHaveCount(3);
  await expect(models.pick('Fastest')).toHaveAccessibleName('Fastest Qwen2.5 · 0.5B');
  await expect(models.pick('Best balance')).toHaveAccessibleName('Best balance Gemma 3 · 1B');
  await expect(models.pick('Most capable')).toHaveAccessibleName('Most capable Qwen2.5 · 1.5B');
  await expect(models.pick('Fastest')).toContainText(
    'about 25 tokens/s on a typical laptop’s processor',
  );
  await expectClean(page, 'the picks on the processor', 'dialog[open]');
  await models.close();

  await llama.open('tiny.gguf', 'Tiny');
  await chat.sendAndWait('Hello without a graphics card');
  await expect(chat.lastReply()).toHaveAttribute('data-status', 'done');
  await expect(chat.lastReply()).not.toBeEmpty();
  await expect((await chat.openStats()).getByText(/llama\.cpp · CPU/).first()).toBeVisible();

  // WebLLM's builds are listed, and say why they cannot run here.
  await models.open();
  await models.dialog.getByRole('checkbox', { name: /Only models this device can run/ }).uncheck();
  await models.dialog.getByRole('searchbox', { name: 'Search models' }).fill('Llama-3.2-1B');
  await expect(models.row('Llama-3.2-1B-Instruct-q4f32_1-MLC')).toContainText(
    'Runs on a GPU, through WebGPU, which this browser does not offer.',
  );
});
