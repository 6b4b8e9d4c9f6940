import { describe, expect, it } from 'vitest';
import { mergeChatStates } from './mergeChats';
import type { Conversation, PersistedChatState } from './schema';
import { DEFAULT_SETTINGS } from './settings';

const chat = (id: string, updatedAt: number, title = id): Conversation => ({
  id,
  title,
  createdAt: 0,
  updatedAt,
  messages: [],
  settings: DEFAULT_SETTINGS,
});

const state = (over: Partial<PersistedChatState>): PersistedChatState => ({
  conversations: {},
  deletedConversations: {},
  activeConversationId: null,
  selectedModelId: null,
  ...over,
});

describe('mergeChatStates', () => {
  const now = 1_000_000;

  it('keeps chats that only the other tab has, and the later edit of shared ones', () => {
    const local = state({ conversations: { a: chat('a', 5, 'local'), b: chat('b', 1) } });
    const other = state({ conversations: { a: chat('a', 9, 'other'), c: chat('c', 2) } });
    const merged = mergeChatStates(local, other, now);
    expect(Object.keys(merged.conversations).sort()).toEqual(['a', 'b', 'c']);
    expect(merged.conversations.a?.title).toBe('other');
  });

  it('does not let a stale copy bring back a chat deleted in another tab', () => {
    const local = state({ conversations: { a: chat('a', 5) } });
    const other = state({ deletedConversations: { a: 7 } });
    expect(mergeChatStates(local, other, now).conversations).toEqual({});
  });

  it('keeps a chat edited after its deletion (an undo)', () => {
    const local = state({ conversations: { a: chat('a', 9) }, deletedConversations: { a: 7 } });
    expect(mergeChatStates(local, state({}), now).conversations.a).toBeDefined();
  });

  it("keeps this tab's open chat and model", () => {
    const local = state({
      conversations: { a: chat('a', 1) },
      activeConversationId: 'a',
      selectedModelId: 'M1',
    });
    const other = state({ activeConversationId: 'x', selectedModelId: 'M2' });
    expect(mergeChatStates(local, other, now)).toMatchObject({
      activeConversationId: 'a',
      selectedModelId: 'M1',
    });
  });

  it('forgets old tombstones', () => {
    const merged = mergeChatStates(
      state({ deletedConversations: { a: 1 } }),
      state({}),
      40 * 24 * 3600 * 1000,
    );
    expect(merged.deletedConversations).toEqual({});
  });
});
