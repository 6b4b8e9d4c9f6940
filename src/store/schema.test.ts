import { describe, expect, it } from 'vitest';
import { CHAT_STATE_VERSION, migrateChatState, restoreChatState } from './schema';

const message = (over: object = {}) => ({
  id: 'm1',
  role: 'assistant',
  content: 'Hi',
  createdAt: 1,
  status: 'done',
  ...over,
});

describe('restoreChatState', () => {
  it('keeps valid conversations exactly', () => {
    const state = {
      conversations: {
        c1: { id: 'c1', title: 'T', createdAt: 1, updatedAt: 2, messages: [message()] },
      },
      activeConversationId: 'c1',
      selectedModelId: 'M',
    };
    expect(restoreChatState(state)).toEqual(state);
  });

  it('marks a reply that was still streaming as interrupted', () => {
    const restored = restoreChatState({
      conversations: {
        c1: { id: 'c1', messages: [message({ status: 'streaming', content: 'Part' })] },
      },
    });
    expect(restored.conversations.c1?.messages[0]).toMatchObject({
      status: 'interrupted',
      content: 'Part',
    });
  });

  it('drops malformed entries and keeps the rest', () => {
    const restored = restoreChatState({
      conversations: {
        bad: 42,
        c1: { id: 'c1', messages: [message(), { id: 3 }, message({ id: 'm2', role: 'system' })] },
      },
      activeConversationId: 'missing',
    });
    expect(Object.keys(restored.conversations)).toEqual(['c1']);
    expect(restored.conversations.c1?.messages.map((m) => m.id)).toEqual(['m1']);
    expect(restored.activeConversationId).toBeNull();
    expect(restoreChatState('garbage').conversations).toEqual({});
  });
});

describe('migrateChatState', () => {
  it('leaves current-version data as it is', () => {
    const data = { conversations: {} };
    expect(migrateChatState(data, CHAT_STATE_VERSION)).toEqual(data);
  });
});
