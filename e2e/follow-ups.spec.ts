import { expect, test } from './fixtures';

// WebLLM keeps a chat's tokens in its KV cache, and reads only the new message when a request
// extends the conversation it holds exactly. Each reply says what it read.

test('a follow-up reads only the new message, however long the chat has grown', async ({
  chat,
}) => {
  await chat.open({ scripted_load_ms: 0, scripted_tps: 2000, scripted_tokens: 120 });
  const questions = [
    'Tell me about the history of tea in China and Japan.',
    'And in England?',
    'How is green tea made?',
    'What about oolong?',
    'Which one has the most caffeine?',
  ];
  const costs = [];
  for (const question of questions) {
    await chat.sendAndWait(question);
    costs.push(await chat.cost(chat.lastReply()));
  }
  const written = costs.reduce((sum, c) => sum + c.wrote, 0);
  expect(written).toBeGreaterThanOrEqual(500);
  // The fifth turn read its own few words (and the chat template's), not the 500 tokens before.
  expect(costs[4]!.read).toBeLessThan(25);
  expect(costs[4]!.read).toBeLessThanOrEqual(costs[0]!.read);
});
