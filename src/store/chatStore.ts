/**
 * The persisted store: conversations, messages, the chosen model. Saved to IndexedDB by zustand's
 * persist middleware; tokens never stream through here (see runtimeStore's drafts).
 * Updates are immutable and address conversations and messages by id.
 */
import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import { createIdbStorage } from '../persistence/idbStorage';
import { useRuntimeStore } from './runtimeStore';
import {
  CHAT_STATE_VERSION,
  emptyChatState,
  migrateChatState,
  restoreChatState,
  type Conversation,
  type PersistedChatState,
  type StoredMessage,
} from './schema';

export const useChatStore = create<PersistedChatState>()(
  persist(() => emptyChatState, {
    name: 'nook-chats',
    version: CHAT_STATE_VERSION,
    // What comes back from disk is unknown until restoreChatState has validated it (in merge).
    storage: createIdbStorage<unknown>({
      onWriteError: (error) => useRuntimeStore.setState({ storageError: String(error) }),
    }),
    migrate: migrateChatState,
    merge: (persisted, current) => ({ ...current, ...restoreChatState(persisted) }),
  }),
);

export function updateConversation(
  conversationId: string,
  update: (conversation: Conversation) => Conversation,
): void {
  useChatStore.setState((state) => {
    const conversation = state.conversations[conversationId];
    if (!conversation) return state;
    return { conversations: { ...state.conversations, [conversationId]: update(conversation) } };
  });
}

export function appendMessage(conversationId: string, message: StoredMessage): void {
  updateConversation(conversationId, (c) => ({
    ...c,
    messages: [...c.messages, message],
    updatedAt: Date.now(),
  }));
}

export function updateMessage(
  conversationId: string,
  messageId: string,
  patch: Partial<StoredMessage>,
): void {
  updateConversation(conversationId, (c) => ({
    ...c,
    messages: c.messages.map((m) => (m.id === messageId ? { ...m, ...patch } : m)),
    updatedAt: Date.now(),
  }));
}
