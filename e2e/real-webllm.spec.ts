import { expect, test } from './fixtures';
import { ModelsPage } from './pages/ModelsPage';
import { serveModelHostsFrom, startEmptyServer, type LocalServer } from './localServer';

// These tests run WebLLM itself (engine=webllm): the WebGPU probe, the real model records, and a
// real download attempt, which a local server answers with 404.
let server: LocalServer;
test.beforeEach(async ({ context }) => {
  server = await startEmptyServer();
  await serveModelHostsFrom(context, server);
});
test.afterEach(async () => server.close());

test('the probe sees the SwiftShader adapter and offers only models it can run', async ({
  chat,
  page,
}) => {
  await chat.open({ engine: 'webllm' });
  await expect(page.getByLabel('Graphics adapter')).toContainText('google swiftshader');
  await expect(page.getByLabel('Graphics adapter')).toContainText('no 16-bit shaders');
  await expect(chat.modelButton).toContainText('Llama 3.2 · 1B');
  const models = new ModelsPage(page);
  await models.open();
  await expect(models.row('Llama-3.2-1B-Instruct-q4f32_1-MLC')).toContainText('Recommended');
  await models.dialog.getByRole('checkbox', { name: 'Only models this device can run' }).uncheck();
  await expect(
    models
      .row('Llama-3.2-1B-Instruct-q4f16_1-MLC')
      .getByRole('button', { name: 'Download and use' }),
  ).toBeDisabled();
});

test('a model whose files answer 404 fails with an error naming the file, and the app stays usable', async ({
  chat,
  page,
}) => {
  await chat.open({ engine: 'webllm' });
  await chat.send('Hello');

  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Llama 3.2 · 1B could not be loaded');
  await expect(alert).toContainText(
    'The model file mlc-chat-config.json could not be downloaded (the server answered 404)',
  );
  expect(server.requests).toContain(
    '/mlc-ai/Llama-3.2-1B-Instruct-q4f32_1-MLC/resolve/main/mlc-chat-config.json',
  );

  // Nothing is lost and nothing is stuck: the message stays, the box takes the next one.
  await expect(chat.messages('user')).toContainText('Hello');
  await expect(chat.messages('assistant')).toHaveCount(0);
  await expect(chat.messageBox).toBeEnabled();
  await expect(chat.modelButton).toBeEnabled();

  const before = server.requests.length;
  await alert.getByRole('button', { name: 'Retry' }).click();
  await expect.poll(() => server.requests.length).toBeGreaterThan(before);
  await expect(page.getByRole('alert')).toContainText('answered 404');
});
