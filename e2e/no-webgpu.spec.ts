import { expect, test } from './fixtures';
import { ModelsPage } from './pages/ModelsPage';

// Runs in the "no-webgpu" project: Chromium without the WebGPU flags has no adapter.
test('without WebGPU, Nook says models run on the processor, and a GGUF model chats on llama.cpp', async ({
  chat,
  llama,
  page,
}) => {
  await chat.open({ scripted_load_ms: 0 }, { withModel: false });
  await expect(chat.modelButton).toContainText('none chosen');
  const notice = page.getByRole('region', { name: 'Models run on the processor here' });
  await expect(notice).toContainText('No usable graphics card in this browser');
  await notice.getByText('Why, and how to use the graphics card instead').click();
  await expect(notice).toContainText('found no usable graphics adapter');
  await expect(page.getByText('The model runs in this tab, on your processor.')).toBeVisible();
  await expect(notice.getByRole('button', { name: 'Add custom model' })).toBeVisible();
  await expect(chat.messageBox).toBeVisible();

  await llama.open('tiny.gguf', 'Tiny');
  await chat.sendAndWait('Hello without a graphics card');
  await expect(chat.lastReply()).toHaveAttribute('data-status', 'done');
  await expect(chat.lastReply()).not.toBeEmpty();
  await expect((await chat.openStats()).getByText(/llama\.cpp · CPU/).first()).toBeVisible();

  // WebLLM's builds are listed, and say why they cannot run here.
  const models = new ModelsPage(page);
  await models.open();
  await models.dialog.getByRole('checkbox', { name: /Only models this device can run/ }).uncheck();
  await models.dialog.getByRole('searchbox', { name: 'Search models' }).fill('Llama-3.2-1B');
  await expect(models.row('Llama-3.2-1B-Instruct-q4f32_1-MLC')).toContainText(
    'Runs on a GPU, through WebGPU, which this browser does not offer.',
  );
});
