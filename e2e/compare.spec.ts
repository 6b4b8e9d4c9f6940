import { expect, test } from './fixtures';
import { ComparePage } from './pages/ComparePage';
import { ModelsPage } from './pages/ModelsPage';

const QWEN = 'Qwen2.5-0.5B-Instruct-q4f32_1-MLC';
const LLAMA = 'Llama-3.2-1B-Instruct-q4f32_1-MLC';
const SMOL = 'SmolLM2-360M-Instruct-q4f32_1-MLC';
const TINY = 'TinyLlama-1.1B-Chat-v1.0-q4f32_1-MLC';
const NAMES: Record<string, string> = {
  [QWEN]: 'Qwen2.5 · 0.5B',
  [LLAMA]: 'Llama 3.2 · 1B',
  [SMOL]: 'SmolLM2 · 360M',
};
const nameOf = (id: string) => NAMES[id] ?? id;
const FIGURES = /^Runs on.+Load.+First token.+Speed.+Tokens written/;

test('on llama.cpp, three models answer in turn with their figures; the kept reply joins the chat, the others as its versions', async ({
  chat,
  llama,
  page,
}) => {
  test.slow(); // Three real models load, one after another, on a busy CPU.
  const tiny = await llama.open('tiny.gguf', 'Tiny');
  const models = new ModelsPage(page);
  await models.open();
  await models.addGgufModel({ name: 'Tiny B', url: llama.server.url('tiny-b.gguf') });
  await models.addGgufModel({ name: 'Roomy', url: llama.server.url('roomy.gguf') });
  await models.close();
  await chat.messageBox.fill('Why is the sky blue?');
  const compare = new ComparePage(page);
  await compare.openFromComposer();
  const suggested = compare.dialog.getByRole('checkbox', { checked: true, name: /-MLC(\s|$)/ });
  while ((await suggested.count()) > 0) await suggested.first().uncheck();
  for (const id of ['gguf:tiny-b', 'gguf:roomy']) await compare.add(id);
  await compare.option(tiny).check();
  await expect(compare.checked()).toHaveCount(3);
  await compare.start();

  await expect(compare.columns()).toHaveCount(3);
  const columns = ['Tiny', 'Tiny B', 'Roomy'].map((name) => compare.column(name));
  for (const column of columns) {
    await expect(column).toContainText('Answered', { timeout: 60_000 });
    await expect(compare.figure(column, 'Runs on')).toHaveText(/^llama\.cpp · CPU/);
    await expect(compare.figure(column, 'First token')).toHaveText(/^\d+(\.\d)? m?s$/);
    await expect(compare.figure(column, 'Speed')).toHaveText(/^\d+(\.\d+)? tokens\/s$/);
    await expect(compare.figure(column, 'Tokens written')).toHaveText(/^[1-9]\d*$/);
  }
  // Tiny was loaded already; the others came from the network.
  await expect(compare.figure(columns[0]!, 'Load')).toHaveText('already loaded');
  await expect(compare.figure(columns[1]!, 'Load')).toHaveText(/^\d+(\.\d)? m?s, downloaded$/);

  await columns[1]!.getByRole('button', { name: 'Keep this reply' }).click();
  await compare.close();
  await expect(chat.content(chat.messages('user'))).toHaveText(['Why is the sky blue?']);
  await expect(chat.messages('assistant')).toHaveCount(1);
  await expect(chat.lastReply().getByLabel('Version')).toHaveText('2/3');
  await expect(chat.modelButton).toHaveAccessibleName('Model Tiny B');
  // The next message goes to the kept model, on the real engine.
  await chat.send('Thanks');
  await expect(chat.lastReply()).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
  await expect(page.getByText('Tiny B is ready')).toBeVisible();
});

test('one model on both engines side by side: WebLLM beside llama.cpp, its GGUF build downloaded from the catalog', async ({
  chat,
  llama,
  page,
  context,
}) => {
  test.slow(); // A real model downloads and loads on a busy CPU.
  const llamaGguf = 'Llama-3.2-1B-Instruct-Q4_K_M-GGUF';
  // Hugging Face is out of reach here: the catalog build's address answers with a synthetic model.
  await context.route(
    'https://huggingface.co/bartowski/Llama-3.2-1B-Instruct-GGUF/resolve/main/Llama-3.2-1B-Instruct-Q4_K_M.gguf',
    async (route) => {
      const response = await route.fetch({ url: llama.server.url('tiny.gguf') });
      await route.fulfill({ response });
    },
  );
  // WebLLM is the scripted stand-in (its model library cannot be had here); llama.cpp is real.
  await chat.open({ scripted_load_ms: 200, scripted_reply: 'Hello from WebLLM.' });
  await chat.messageBox.fill('Say hello');
  const compare = new ComparePage(page);
  await compare.openFromComposer();
  const suggested = compare.dialog.getByRole('checkbox', { checked: true });
  while ((await suggested.count()) > 0) await suggested.first().uncheck();
  await compare.add(LLAMA);
  await compare.add(llamaGguf);
  await compare.start();

  // The two builds share a name; each column says its engine.
  const webllm = compare.column('Llama 3.2 · 1B · WebLLM');
  const llamaCpp = compare.column('Llama 3.2 · 1B · llama.cpp');
  for (const column of [webllm, llamaCpp]) {
    await expect(column).toContainText('Answered', { timeout: 60_000 });
    await expect(compare.figure(column, 'Speed')).toHaveText(/^\d+(\.\d+)? tokens\/s$/);
  }
  await expect(webllm).toContainText('Hello from WebLLM.');
  await expect(compare.figure(webllm, 'Runs on')).toHaveText(/^WebLLM · /);
  await expect(compare.figure(llamaCpp, 'Runs on')).toHaveText(/^llama\.cpp · CPU/);
  await expect(compare.figure(llamaCpp, 'Load')).toHaveText(/^\d+(\.\d)? m?s, downloaded$/);
});

// Scripted: which models start checked, their download sizes and what this GPU can run come from
// WebLLM's catalog, which the real llama.cpp engine cannot stand in for.
test('three models answer the typed message in turn with their figures; the kept reply joins the chat, the others as its versions', async ({
  chat,
  page,
}) => {
  await chat.open({ scripted_load_ms: 300, scripted_tps: 15, scripted_tokens: 24 });
  await chat.messageBox.fill('Why is the sky blue?');
  const compare = new ComparePage(page);
  await compare.openFromComposer();
  await expect(compare.prompt).toHaveValue('Why is the sky blue?');
  // Nothing is downloaded yet: the two smallest suggestions start checked.
  await expect(compare.checked()).toHaveCount(2);
  await expect(compare.option(QWEN)).toBeChecked();
  await expect(compare.option(QWEN)).toHaveAccessibleName(/Downloads \d+ MB$/);
  await compare.add(SMOL);
  // Three is the most: the rest cannot be checked.
  await compare.find(TINY);
  await expect(compare.option(TINY)).toBeDisabled();
  await compare.start();

  await expect(chat.messageBox).toHaveValue('');
  await expect(compare.columns()).toHaveCount(3);
  const [first, second, third] = [QWEN, LLAMA, SMOL].map((id) => compare.column(nameOf(id)));
  // One after another: while the first answers, the last waits its turn. (At 15 tokens/s each
  // answer takes over a second and a half: at 60 a busy machine missed the first one answering.)
  await expect(first!).toContainText('Answering');
  await expect(third!).toContainText('Waiting for its turn');
  for (const column of [first!, second!, third!]) {
    await expect(column).toContainText('Answered', { timeout: 20_000 });
    await expect(compare.figure(column, 'Load')).toHaveText(/^\d+(\.\d)? m?s, downloaded$/);
    await expect(compare.figure(column, 'First token')).toHaveText(/^\d+(\.\d)? m?s$/);
    await expect(compare.figure(column, 'Speed')).toHaveText(/^\d+(\.\d+)? tokens\/s$/);
    await expect(compare.figure(column, 'Tokens written')).toHaveText('24');
  }
  await expect(first!.getByLabel('Figures')).toHaveText(FIGURES);

  await second!.getByRole('button', { name: 'Keep this reply' }).click();
  await expect(second!.getByRole('button', { name: 'Kept in the chat' })).toBeDisabled();
  await compare.close();
  // The chat has the question once and the kept reply, the others one click away.
  await expect(chat.content(chat.messages('user'))).toHaveText(['Why is the sky blue?']);
  await expect(chat.messages('assistant')).toHaveCount(1);
  await expect(chat.lastReply().getByLabel('Version')).toHaveText('2/3');
  await expect(chat.modelButton).toHaveAccessibleName(`Model ${nameOf(LLAMA)}`);
  // The next message goes to the kept model.
  await chat.sendAndWait('Thanks');
  await expect(page.getByText(`${nameOf(LLAMA)} is ready`)).toBeVisible();
});

test('Stop stops the model answering and skips the rest (llama.cpp)', async ({
  chat,
  llama,
  page,
}) => {
  // A model that never ends its reply answers first; Tiny would answer second.
  const endless = await llama.open('endless.gguf', 'Endless');
  const models = new ModelsPage(page);
  await models.open();
  await models.addGgufModel({ name: 'Tiny', url: llama.server.url('tiny.gguf') });
  await models.close();
  await chat.messageBox.fill('Tell me a long story');
  const compare = new ComparePage(page);
  await compare.openFromComposer();
  await compare.add('gguf:tiny');
  await compare.option(endless).check();
  // Leave out the catalog's suggestions, which this machine cannot download.
  const suggested = compare.dialog.getByRole('checkbox', { checked: true, name: /-MLC(\s|$)/ });
  while ((await suggested.count()) > 0) await suggested.first().uncheck();
  await expect(compare.checked()).toHaveCount(2);
  await compare.start();
  const first = compare.column('Endless');
  await expect(first).toContainText('Answering');
  // Some of the reply has come.
  await expect
    .poll(async () => (await first.textContent())?.length ?? 0, { timeout: 30_000 })
    .toBeGreaterThan(200);
  await compare.dialog.getByRole('button', { name: 'Stop' }).click();
  await expect(first).toContainText('Stopped');
  await expect(compare.column('Tiny')).toContainText('Skipped');
  // What was written is kept, and can be kept.
  await expect(first.getByRole('button', { name: 'Keep this reply' })).toBeEnabled();
  await compare.close();
  await expect(chat.lastReply()).toHaveAttribute('data-status', 'stopped');
  await expect(chat.lastReply().getByLabel('Version')).toHaveCount(0);
});

// Scripted: running out of GPU memory cannot be made to happen on this machine's engines.
test('a model that fails to load says why in its column, and the others answer', async ({
  chat,
  page,
}) => {
  // oom-on-load fails every load of a model of 1 GB or more: Qwen2.5 0.5B and Llama 3.2 1B here.
  await chat.open({ scripted_load_ms: 0, scripted_fault: 'oom-on-load', scripted_tokens: 12 });
  await chat.messageBox.fill('Hello');
  const compare = new ComparePage(page);
  await compare.openFromComposer();
  await compare.option(QWEN).uncheck();
  await compare.add(SMOL);
  await compare.add(TINY);
  await compare.start();
  const llama = compare.column(nameOf(LLAMA));
  await expect(llama).toContainText('Failed');
  await expect(llama.getByRole('alert')).toContainText('ran out of memory');
  await expect(compare.column(nameOf(SMOL))).toContainText('Answered', { timeout: 20_000 });
  await expect(compare.column('TinyLlama v1.0 · 1.1B')).toContainText('Answered', {
    timeout: 20_000,
  });
  await expect(llama.getByRole('button', { name: 'Keep this reply' })).toHaveCount(0);
});

// Scripted: the picks come from WebLLM's catalog and what this GPU can run.
test('from the model manager, the picks are compared; the Markdown copy has every figure', async ({
  chat,
  context,
  page,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await chat.open({ scripted_load_ms: 0, scripted_tokens: 8, scripted_tps: 200 });
  const models = new ModelsPage(page);
  await models.openRecommended();
  await models.dialog.getByRole('button', { name: 'Compare these' }).click();
  const compare = new ComparePage(page);
  await expect(compare.dialog).toBeVisible();
  await expect(compare.checked()).toHaveCount(3);
  await compare.prompt.fill('Name three colours');
  // The most capable pick is a download of gigabytes: left out here.
  await compare.dialog
    .getByRole('checkbox', { name: /Downloads [\d.]+ GB$/, checked: true })
    .uncheck();
  await expect(compare.checked()).toHaveCount(2);
  await compare.start();
  for (const id of [QWEN, LLAMA]) {
    await expect(compare.column(nameOf(id))).toContainText('Answered', { timeout: 20_000 });
  }
  await compare.dialog.getByRole('button', { name: 'Copy as Markdown' }).click();
  await expect(compare.dialog.getByRole('status')).toHaveText('Copied as Markdown.');
  const markdown = await page.evaluate(() => navigator.clipboard.readText());
  expect(markdown).toContain('**Prompt:** Name three colours');
  for (const id of [QWEN, LLAMA]) {
    expect(markdown).toMatch(
      new RegExp(
        `\\| ${nameOf(id)} \\| ${id} \\| answered \\| [\\d.]+ m?s, downloaded \\| [\\d.]+ m?s \\| [\\d.]+ tokens/s \\| 8 \\|`,
      ),
    );
    expect(markdown).toContain(`## ${nameOf(id)}`);
  }
  expect(markdown).toMatch(/Device: google swiftshader.* · Browser: .+ · \d{4}-\d\d-\d\d/);

  // A new comparison starts from the setup again.
  await compare.dialog.getByRole('button', { name: 'New comparison' }).click();
  await expect(compare.prompt).toBeVisible();
});
