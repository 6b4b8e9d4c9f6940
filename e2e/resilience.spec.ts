import { expect, test } from './fixtures';
import { ChatPage, type ScriptedParams } from './pages/ChatPage';
import { ModelsPage } from './pages/ModelsPage';
import { syntheticReply } from '../src/engine/webllm/scripted/replies';

/** Compared without whitespace: rendered paragraphs lose their blank lines in textContent. */
const letters = (text: string | null) => (text ?? '').replace(/\s+/g, '');

const RECOMMENDED_NAME = 'Llama 3.2 · 1B';

// Scripted, most of this file: a lost GPU, a crashed worker or an out-of-memory load at a chosen
// moment cannot be caused in a real engine here, and resuming a cut-off reply is WebLLM's own
// resumable generation.

/** Opens the chat with a fault, asks, and waits until the reply is cut off and the model is back. */
async function cutOffReply(chat: ChatPage, params: ScriptedParams, question: string) {
  await chat.open({ scripted_load_ms: 0, scripted_tps: 40, ...params });
  await chat.send(question);
  const reply = chat.lastReply();
  await expect(reply).toHaveAttribute('data-status', 'interrupted');
  // The engine comes back on its own, once, with the model reloaded. A restarted worker loads
  // WebLLM's runtime (6 MB) again, which took 11 s on a busy 2-core machine.
  await expect(chat.page.getByText(`${RECOMMENDED_NAME} is ready`)).toBeVisible({
    timeout: 45_000,
  });
  return reply;
}

test('a worker crash mid-reply keeps the partial reply, restarts the engine, and Continue finishes it', async ({
  chat,
}) => {
  const reply = await cutOffReply(
    chat,
    { scripted_tokens: 60, scripted_fault: 'worker-crash@20' },
    'Tell me something',
  );
  await expect(reply).toContainText('Interrupted: The model engine stopped unexpectedly.');
  const partial = (await chat.content(reply).textContent()) ?? '';
  expect(partial.split(/\s+/).length).toBeGreaterThan(10);

  await reply.getByRole('button', { name: 'Continue' }).click();
  await expect(reply).toHaveAttribute('data-status', 'done');
  const finished = (await chat.content(reply).textContent()) ?? '';
  expect(finished.startsWith(partial.trim().slice(0, 40))).toBe(true);
  expect(finished.length).toBeGreaterThan(partial.length);
  // The question is still there too.
  await expect(chat.messages('user')).toContainText('Tell me something');
});

test('a reply cut off by a lost GPU is reported, finished by Continue word for word, and can be regenerated', async ({
  chat,
}) => {
  const reply = await cutOffReply(
    chat,
    { scripted_tokens: 60, scripted_fault: 'device-lost@15' },
    'Hello',
  );
  await expect(reply).toContainText('Interrupted: The GPU stopped responding');
  await reply.getByRole('button', { name: 'Continue' }).click();
  await expect(reply).toHaveAttribute('data-status', 'done');
  // Resumed from WebLLM's journal: the reply as it would have been, not a new attempt.
  expect(letters(await chat.content(reply).textContent())).toBe(letters(syntheticReply(60)));
  // Regenerate starts a journal of its own: the cut-off one does not block it.
  await reply.getByRole('button', { name: 'Regenerate' }).click();
  await expect(reply.getByLabel('Version', { exact: true })).toHaveText('2/2');
  await expect(reply).toHaveAttribute('data-status', 'done');
});

test('out of GPU memory names the need and offers smaller models that work', async ({
  chat,
  page,
}) => {
  await chat.open({
    scripted_load_ms: 200,
    scripted_fault: 'oom-on-load',
    scripted_reply: 'Small but mighty.',
  });
  await chat.send('Hello');
  const alert = page.getByRole('alert');
  await expect(alert).toContainText(
    `${RECOMMENDED_NAME} could not be loaded. The GPU ran out of memory.`,
  );
  await expect(alert).toContainText('It needs about 1.1 GB of GPU memory.');
  await expect(alert).toContainText('Try a smaller model:');
  const smaller = alert.getByRole('button', { name: /^Use / });
  expect(await smaller.count()).toBeGreaterThan(0);
  const choice = ((await smaller.first().textContent()) ?? '').replace(/^Use (.+) \(.*\)$/, '$1');
  await smaller.first().click();
  await expect(page.getByText(`${choice} is ready`)).toBeVisible();
  await expect(chat.messages('user')).toContainText('Hello');
  await chat.send('Hello again');
  await expect(chat.lastReply()).toContainText('Small but mighty.');
});

test('two tabs share one model: the second asks, and Take over moves the model cleanly (llama.cpp)', async ({
  context,
  llama,
}) => {
  const first = new ChatPage(await context.newPage());
  // The llama fixture opens its own page: this test's tabs are the two made here.
  await first.open({ scripted_load_ms: 0 });
  await new ModelsPage(first.page).useGgufModel({
    name: 'Tiny',
    url: llama.server.url('tiny.gguf'),
  });
  await first.send('Hi from tab one');
  await expect(first.lastReply()).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
  const firstReply = await first.content(first.lastReply()).textContent();

  const second = new ChatPage(await context.newPage());
  await second.open({ scripted_load_ms: 0 });
  await second.startNewChat();
  await second.send('Hi from tab two');
  const busy = second.page.getByText('Nook is running a model in another tab.');
  await expect(busy).toBeVisible();
  await expect(second.messages('user')).toContainText('Hi from tab two');

  await second.page.getByRole('button', { name: 'Take over' }).click();
  // Tab two loads the model from this device and answers.
  await expect(second.lastReply()).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
  await expect(second.page.getByText('Tiny is ready')).toBeVisible();
  await expect(first.page.getByText('Nook is running a model in another tab.')).toBeVisible();
  // The first tab's chat is intact.
  await expect(first.content(first.lastReply())).toHaveText(firstReply ?? '');
});

test('Stop while a resumed reply restores its place is not lost', async ({ chat }) => {
  // A slow prefill makes the restore (WebLLM replays the prompt and the words so far) take seconds.
  const reply = await cutOffReply(
    chat,
    { scripted_prefill_tps: 10, scripted_tokens: 80, scripted_fault: 'worker-crash@20' },
    'Tell me something',
  );
  const before = ((await chat.content(reply).textContent()) ?? '').trim().split(/\s+/).length;
  await reply.getByRole('button', { name: 'Continue' }).click();
  await chat.stopButton.click();
  await expect(reply).toHaveAttribute('data-status', 'stopped');
  const after = ((await chat.content(reply).textContent()) ?? '').trim().split(/\s+/).length;
  // At most the one step WebLLM was taking when the stop came.
  expect(after - before).toBeLessThanOrEqual(2);
});
