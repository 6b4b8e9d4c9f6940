import { expect, test } from './fixtures';

const FAST_OK = { scripted_load_ms: 0, scripted_tps: 2000, scripted_reply: 'OK' } as const;

/** A message of about `chars` characters that reads differently for each `topic`. */
function longMessage(topic: string, chars: number): string {
  const sentence = `Here is another sentence about ${topic}, number `;
  let text = `Please read these notes about ${topic}.`;
  for (let i = 1; text.length < chars; i++) text += ` ${sentence}${i}.`;
  return text;
}

test('a chat that outgrows the context window leaves out its oldest messages, and says so', async ({
  chat,
}) => {
  // The recommended model reads 4,096 tokens at a time; three of these messages do not fit.
  await chat.open(FAST_OK);
  const topics = ['gardening', 'astronomy', 'sailing'];
  for (const topic of topics) {
    const text = longMessage(topic, 5000);
    expect(text.length).toBeGreaterThanOrEqual(5000);
    await chat.sendAndWait(text);
  }

  const replies = chat.messages('assistant');
  await expect(replies).toHaveCount(3);
  await expect(replies.first().getByRole('note')).toHaveCount(0);

  const third = replies.nth(2);
  await expect(third).toHaveAttribute('data-status', 'done');
  await expect(chat.content(third)).toHaveText('OK');
  await expect(third.getByRole('note')).toContainText(
    /oldest messages? of this chat no longer fit/,
  );
  await expect(third.getByRole('note')).toContainText('were left out');
  await expect(chat.page.getByRole('alert')).toHaveCount(0);
  // Nothing is deleted from the chat itself.
  await expect(chat.messages('user')).toHaveCount(3);
  await expect(chat.content(chat.messages('user').first())).toContainText(
    'Please read these notes about gardening.',
  );
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
