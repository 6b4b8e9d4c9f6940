import { expect, test } from './fixtures';

test('Regenerate keeps both versions of a reply, and the arrows switch between them (llama.cpp)', async ({
  chat,
  llama,
}) => {
  await llama.open();
  await chat.sendAndWait('Give me an answer');
  const reply = chat.lastReply();
  const first = (await chat.content(reply).textContent()) ?? '';
  await expect(reply.getByLabel('Version', { exact: true })).toHaveCount(0);

  await chat.action(reply, 'Regenerate').click();
  await expect(reply.getByLabel('Version', { exact: true })).toHaveText('2/2');
  await expect(reply).toHaveAttribute('data-status', 'done');
  const second = (await chat.content(reply).textContent()) ?? '';
  await expect(chat.messages('assistant')).toHaveCount(1);

  await chat.action(reply, 'Previous version').click();
  await expect(reply.getByLabel('Version', { exact: true })).toHaveText('1/2');
  await expect(chat.content(reply)).toHaveText(first);
  await expect(chat.action(reply, 'Previous version')).toBeDisabled();

  await chat.action(reply, 'Next version').click();
  await expect(reply.getByLabel('Version', { exact: true })).toHaveText('2/2');
  await expect(chat.content(reply)).toHaveText(second);
  await expect(chat.action(reply, 'Next version')).toBeDisabled();
});

// The scripted echo engine: its reply shows the prompt, which proves the model was asked the
// edited question and nothing of the dropped turns.
test('Edit replaces a message, drops the later reply, and asks again', async ({ chat }) => {
  await chat.open({ scripted_load_ms: 0, scripted_tps: 30, scripted_echo: 1 });
  await chat.sendAndWait('What is the capital of Frnace?');
  await chat.sendAndWait('And its population?');
  await expect(chat.messages()).toHaveCount(4);

  const first = chat.messages('user').first();
  await chat.action(first, 'Edit').click();
  const editor = first.getByRole('textbox', { name: 'Edit message' });
  await expect(editor).toHaveValue('What is the capital of Frnace?');
  await editor.fill('What is the capital of France?');
  await first.getByRole('button', { name: 'Save and send' }).click();

  // Everything after the edited message is gone; a new reply is written for it.
  await expect(chat.messages('user')).toHaveCount(1);
  await expect(chat.content(chat.messages('user'))).toHaveText(['What is the capital of France?']);
  await expect(chat.messages('assistant')).toHaveCount(1);
  const reply = chat.lastReply();
  // A new reply (the old one said "Frnace"), so no need to catch it streaming, which a short
  // echo at 30 tokens/s can finish before a busy machine looks.
  await expect(reply).toHaveAttribute('data-status', 'done');
  // The model was asked the edited question, and nothing of the dropped turns.
  await expect(chat.content(reply)).toContainText('[user] What is the capital of France?');
  await expect(chat.content(reply)).not.toContainText('Frnace');
  await expect(chat.content(reply)).not.toContainText('population');
});

// A scripted reply written in Markdown: the copy must be the Markdown, not the rendered text.
test('Copy puts the message text on the clipboard', async ({ chat, context, page }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await chat.open({
    scripted_load_ms: 0,
    scripted_tps: 200,
    scripted_reply: 'Here is **bold** advice.\n\n- one\n- two',
  });
  await chat.sendAndWait('Some advice, please');

  await chat.action(chat.lastReply(), 'Copy').click();
  await expect(chat.action(chat.lastReply(), 'Copied')).toBeVisible();
  // The reply is copied as written (Markdown), not as rendered.
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
    'Here is **bold** advice.\n\n- one\n- two',
  );

  await chat.action(chat.messages('user').first(), 'Copy').click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('Some advice, please');
});

test('Delete removes one message and leaves the rest (llama.cpp)', async ({
  chat,
  llama,
  page,
}) => {
  await llama.open();
  await chat.sendAndWait('First question');
  await chat.sendAndWait('Second question');
  await expect(chat.messages()).toHaveCount(4);
  const lastReply = (await chat.content(chat.lastReply()).textContent()) ?? '';

  await chat.action(chat.messages('assistant').first(), 'Delete').click();
  await expect(chat.messages()).toHaveCount(3);
  await expect(chat.messages().nth(0)).toHaveAttribute('data-role', 'user');
  await expect(chat.messages().nth(1)).toHaveAttribute('data-role', 'user');
  await expect(chat.content(chat.messages('user'))).toHaveText([
    'First question',
    'Second question',
  ]);
  await expect(chat.content(chat.lastReply())).toHaveText(lastReply);

  // Still gone after a reload.
  await chat.letSave();
  await page.reload();
  await chat.ready();
  await chat.openChat('First question');
  await expect(chat.messages()).toHaveCount(3);
});

test('Shift+Enter adds a line without sending, and Enter sends (llama.cpp)', async ({
  chat,
  llama,
}) => {
  await llama.open();
  await chat.messageBox.click();
  await chat.messageBox.pressSequentially('First line');
  await chat.messageBox.press('Shift+Enter');
  await chat.messageBox.pressSequentially('Second line');
  await expect(chat.messageBox).toHaveValue('First line\nSecond line');
  await expect(chat.messages()).toHaveCount(0);

  await chat.messageBox.press('Enter');
  await expect(chat.messages('user')).toHaveCount(1);
  await expect(chat.content(chat.messages('user'))).toHaveText('First line\nSecond line');
  await expect(chat.messageBox).toHaveValue('');
  await expect(chat.lastReply()).toHaveAttribute('data-status', 'done');
});
