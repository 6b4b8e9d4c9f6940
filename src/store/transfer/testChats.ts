/**
 * Chats for the transfer tests, between them using every field the persisted shape allows.
 * Only the tests import this module.
 */
import type { Conversation, StoredMessage } from '../schema';
import { DEFAULT_SETTINGS } from '../settings';

export function testMessage(over: Partial<StoredMessage> = {}): StoredMessage {
  return { id: 'm1', role: 'user', content: 'Hello', createdAt: 1000, status: 'done', ...over };
}

export function testChat(over: Partial<Conversation> = {}): Conversation {
  return {
    id: 'c1',
    title: 'Trip plan',
    createdAt: 1000,
    updatedAt: 2000,
    messages: [testMessage()],
    settings: DEFAULT_SETTINGS,
    ...over,
  };
}

/** A chat with a renamed title, custom settings, a regenerated reply, stats and a failed reply. */
export const richChat: Conversation = testChat({
  id: 'rich',
  title: 'Packing list — "Alps" 🏔',
  titleEdited: true,
  createdAt: 1_700_000_000_000,
  updatedAt: 1_700_000_500_000,
  settings: {
    systemPrompt: 'Answer briefly.\n\nUse metric units.',
    generation: { temperature: 0.2, topP: 0.9, maxTokens: 512, repetitionPenalty: 1.1 },
    thinking: false,
  },
  messages: [
    testMessage({ id: 'u1', content: 'What do I pack?\n\n* boots?' }),
    testMessage({
      id: 'a1',
      role: 'assistant',
      content: '## Essentials\n\n- Boots\n- `Rain jacket`',
      modelId: 'Qwen3-1.7B-q4f16_1-MLC',
      stats: {
        promptTokens: 30,
        completionTokens: 120,
        timeToFirstTokenS: 0.4,
        prefillTokensPerS: 310.5,
        decodeTokensPerS: 41.25,
        receivedTokensPerS: null,
      },
      droppedMessages: 2,
      otherVersions: [
        { content: 'Boots.', createdAt: 1500, status: 'stopped', modelId: 'Llama-3.2-1B' },
        {
          content: '',
          createdAt: 1600,
          status: 'error',
          error: {
            code: 'download-failed',
            detail: 'HTTP 404',
            url: 'https://example.com/model.bin',
            httpStatus: 404,
          },
        },
      ],
      versionIndex: 1,
    }),
    testMessage({ id: 'u2', content: 'And food?' }),
    testMessage({
      id: 'a2',
      role: 'assistant',
      content: '',
      status: 'error',
      error: { code: 'out-of-memory', detail: 'GPU allocation failed' },
    }),
  ],
});
