import type { Locator } from '@playwright/test';
import { expect, test } from './fixtures';

const FAST_OK = { scripted_load_ms: 0, scripted_tps: 2000, scripted_reply: 'OK' } as const;

/** A message of about `chars` characters that reads differently for each `topic`. */
function longMessage(topic: string, chars: number): string {
  const sentence = `Here is another sentence about ${topic}, number `;
  let text = `Please read these notes about ${topic}.`;
  for (let i = 1; text.length < chars; i++) text += ` ${sentence}${i}.`;
  return text;
}

/** Chinese text of `chars` characters: one token each for the model, a third of one by estimate. */
function chineseMessage(topic: string, chars: number): string {
  return `关于${topic}的笔记：${'这是一段需要模型阅读的中文内容。'.repeat(Math.ceil(chars / 16))}`.slice(
    0,
    chars,
  );
}

const droppedNote = (reply: Locator) =>
  reply.getByRole('note').filter({ hasText: /oldest messages? of this chat no longer fit/ });

test('a chat is trimmed to the context window by the model’s own count of its tokens', async ({
  chat,
}) => {
  // The recommended model reads 4,096 tokens at a time, 1,024 of them kept for the reply. By its
  // tokenizer three of these messages fit (about 1,000 tokens each); by a guess of 3 characters a
  // token (1,667 each) the second would already push the first out.
  await chat.open(FAST_OK);
  for (const topic of ['gardening', 'astronomy', 'sailing']) {
    await chat.sendAndWait(longMessage(topic, 5000));
  }
  const replies = chat.messages('assistant');
  await expect(droppedNote(replies.nth(2))).toHaveCount(0);

  await chat.sendAndWait(longMessage('cooking', 5000));
  const fourth = replies.nth(3);
  await expect(chat.content(fourth)).toHaveText('OK');
  await expect(droppedNote(fourth)).toContainText('were left out');
  await expect(chat.page.getByRole('alert')).toHaveCount(0);
  // Nothing is deleted from the chat itself.
  await expect(chat.messages('user')).toHaveCount(4);
  await expect(chat.content(chat.messages('user').first())).toContainText(
    'Please read these notes about gardening.',
  );
});

test('Chinese, which takes far more tokens than a guess says, is trimmed in time too', async ({
  chat,
}) => {
  await chat.open(FAST_OK);
  for (const topic of ['园艺', '天文', '航海', '烹饪']) {
    await chat.sendAndWait(chineseMessage(topic, 1200));
  }
  await expect(droppedNote(chat.lastReply())).toContainText('were left out');
  await expect(chat.page.getByRole('alert')).toHaveCount(0);
});

test('without the model’s tokenizer, a prompt the engine finds too long is trimmed and sent again', async ({
  chat,
}) => {
  // An English first turn teaches the estimate about 5 characters a token; the Chinese that
  // follows takes one token a character, so the estimate lets too much through and WebLLM
  // refuses it (ContextWindowSizeExceededError).
  await chat.open({ ...FAST_OK, scripted_tokenizer: 0 });
  await chat.sendAndWait(longMessage('tea', 600));
  for (const topic of ['园艺', '天文', '航海']) {
    await chat.sendAndWait(chineseMessage(topic, 1500));
  }
  const last = chat.lastReply();
  await expect(chat.content(last)).toHaveText('OK');
  await expect(droppedNote(last)).toContainText('were left out');
  await expect(chat.page.getByRole('alert')).toHaveCount(0);
});

test('a single message too long for the model fails with a clear error, and the app recovers', async ({
  chat,
  page,
}) => {
  await chat.open(FAST_OK);
  await chat.send(longMessage('history', 20_000));
  const reply = chat.lastReply();
  await expect(reply).toHaveAttribute('data-status', 'error');
  await expect(reply.getByRole('alert')).toContainText(/too long/);
  await expect(reply.getByRole('alert')).toContainText(
    'This conversation is too long for the model to read at once.',
  );
  await expect(chat.sendButton).toBeVisible();
  await expect(chat.stopButton).toHaveCount(0);

  await chat.startNewChat();
  await chat.sendAndWait('A short question');
  await expect(chat.content(chat.lastReply())).toHaveText('OK');
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('the context meter counts the chat with the model’s tokenizer once it is loaded', async ({
  chat,
}) => {
  await chat.open(FAST_OK);
  await chat.sendAndWait(chineseMessage('园艺', 300));
  const meter = chat.page.getByRole('main').getByText(/of 4,096 tokens$/);
  // 300 characters, one token each, the reply, and the template's tokens per message.
  await expect(meter).toHaveText(/^3\d\d of 4,096 tokens$/);
  await expect(chat.page.getByRole('meter', { name: 'Context used' })).toBeVisible();
  // After a reload the model is not loaded yet: the meter estimates, and says so.
  await chat.letSave();
  await chat.page.reload();
  await chat.ready();
  await expect(meter).toHaveText(/^≈[\d,]+ of 4,096 tokens$/);
});
