import { expect, test } from './fixtures';
import type { ChatPage } from './pages/ChatPage';

const ECHO = { scripted_load_ms: 0, scripted_tps: 500, scripted_echo: 1 } as const;
const CONCISE =
  'You are a helpful assistant. Answer clearly and concisely; use lists when they help.';

/** The echoed request's generation options, as the engine received them. */
async function echoedOptions(chat: ChatPage): Promise<Record<string, unknown>> {
  // The last paragraph: earlier replies, echoed back in the history, carry options lines too.
  const last = chat.content(chat.lastReply()).getByRole('paragraph').last();
  const text = (await last.textContent()) ?? '';
  const json = /^\[options\] (\{.*\})$/.exec(text)?.[1];
  if (!json) throw new Error(`no [options] line in the reply: ${text}`);
  return JSON.parse(json) as Record<string, unknown>;
}

async function choosePreset(chat: ChatPage, name: string): Promise<void> {
  const dialog = await chat.openSettings();
  await dialog.getByRole('button', { name }).click();
  await expect(dialog.getByRole('button', { name })).toHaveAttribute('aria-pressed', 'true');
  await expect(dialog.getByRole('textbox', { name: 'System prompt' })).toHaveValue(CONCISE);
  await chat.closeSettings();
}

test('a system prompt preset fills the prompt and is sent as the system message', async ({
  chat,
}) => {
  await chat.open(ECHO);
  await chat.sendAndWait('Hello');
  await expect(chat.content(chat.lastReply())).not.toContainText('[system]');

  await choosePreset(chat, 'Concise assistant');
  await chat.sendAndWait('Hello again');
  const paragraphs = chat.content(chat.lastReply()).getByRole('paragraph');
  await expect(paragraphs.first()).toHaveText(`[system] ${CONCISE}`);
  await expect(chat.content(chat.lastReply())).toContainText('[user] Hello again');

  // The prompt belongs to the chat: the dialog shows it again when reopened.
  const dialog = await chat.openSettings();
  await expect(dialog.getByRole('textbox', { name: 'System prompt' })).toHaveValue(CONCISE);
});

test('for a model without a system role the system prompt opens the first user turn', async ({
  chat,
}) => {
  await chat.open(ECHO);
  await chat.chooseModel('gemma-2-2b-it-q4f32_1-MLC');
  await choosePreset(chat, 'Concise assistant');
  await chat.sendAndWait('Hello');
  const reply = chat.content(chat.lastReply());
  await expect(reply).not.toContainText('[system]');
  await expect(reply.getByRole('paragraph').first()).toHaveText(`[user] ${CONCISE}`);
  await expect(reply.getByRole('paragraph').nth(1)).toHaveText('Hello');
});

test('temperature is sent with the request, and an out-of-range value is refused', async ({
  chat,
}) => {
  await chat.open(ECHO);
  const dialog = await chat.openSettings();
  const temperature = dialog.getByRole('spinbutton', { name: 'Temperature' });
  await temperature.fill('0.3');
  await expect(temperature).not.toHaveAttribute('aria-invalid', 'true');
  await chat.closeSettings();
  await chat.sendAndWait('Hello');
  expect((await echoedOptions(chat)).temperature).toBe(0.3);
  await expect(chat.content(chat.lastReply())).toContainText('"temperature":0.3');

  await chat.openSettings();
  await temperature.fill('5');
  await expect(temperature).toHaveAttribute('aria-invalid', 'true');
  await chat.closeSettings();

  // The refused value was not kept: the field shows the stored 0.3 again, and 0.3 is sent.
  await chat.openSettings();
  await expect(temperature).toHaveValue('0.3');
  await expect(temperature).not.toHaveAttribute('aria-invalid', 'true');
  await chat.closeSettings();
  await chat.sendAndWait('Hello again');
  expect((await echoedOptions(chat)).temperature).toBe(0.3);
});

test('a reply’s thinking is shown collapsed, apart from the answer', async ({ chat }) => {
  await chat.open({
    scripted_load_ms: 0,
    scripted_tps: 100,
    scripted_reply: '<think>I should greet them.</think>Hello there!',
  });
  await chat.sendAndWait('Hi');
  const reply = chat.lastReply();
  await expect(chat.content(reply)).toHaveText('Hello there!');

  const disclosure = reply.locator('details');
  await expect(disclosure).toHaveCount(1);
  await expect(disclosure).not.toHaveAttribute('open');
  const summary = disclosure.getByText('Thinking', { exact: true });
  await expect(summary).toBeVisible();
  await expect(reply.getByText('I should greet them.')).toBeHidden();

  await summary.click();
  await expect(disclosure).toHaveAttribute('open');
  await expect(reply.getByText('I should greet them.')).toBeVisible();
});

test('thinking can be switched off for a model that supports it', async ({ chat }) => {
  await chat.open(ECHO);
  const checkbox = chat.settingsDialog.getByRole('checkbox', {
    name: /Let the model think before answering/,
  });
  // The recommended model cannot think: no switch, and nothing about thinking is sent.
  await chat.openSettings();
  await expect(chat.settingsDialog.getByRole('textbox', { name: 'System prompt' })).toBeVisible();
  await expect(checkbox).toHaveCount(0);
  await chat.closeSettings();
  await chat.sendAndWait('Hello');
  expect(await echoedOptions(chat)).not.toHaveProperty('enable_thinking');

  await chat.chooseModel('Qwen3-0.6B-q4f32_1-MLC');
  await chat.openSettings();
  await expect(checkbox).toBeChecked();
  await chat.closeSettings();
  await chat.sendAndWait('Think first');
  expect((await echoedOptions(chat)).enable_thinking).toBe(true);

  await chat.openSettings();
  await checkbox.uncheck();
  await expect(checkbox).not.toBeChecked();
  await chat.closeSettings();
  await chat.sendAndWait('Answer straight away');
  expect((await echoedOptions(chat)).enable_thinking).toBe(false);
  await expect(chat.content(chat.lastReply())).toContainText('"enable_thinking":false');
});
