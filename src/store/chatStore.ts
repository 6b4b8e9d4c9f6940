/**
 * The persisted store: conversations, messages, the chosen model. Saved to IndexedDB by zustand's
 * persist middleware through a debounced, durable, tab-aware storage; tokens never stream through
 * here (see runtimeStore's drafts). Updates are immutable and address chats and messages by id.
 */
import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import { createIdbStorage } from '../persistence/idbStorage';
import { firstHydration } from './hydration';
import { mergeChatStates } from './mergeChats';
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

// What comes back from disk is unknown until restoreChatState has validated it.
export const chatStorage = createIdbStorage<unknown>({
  mergeBeforeWrite: (stored, next) => ({
    version: CHAT_STATE_VERSION,
    state:
      stored?.version === CHAT_STATE_VERSION
        ? mergeChatStates(restoreChatState(next.state), restoreChatState(stored.state))
        : next.state,
  }),
  onStorageError: (error) =>
    useRuntimeStore.setState({
      storageError: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
    }),
  onWriteSaved: () => {
    if (useRuntimeStore.getState().storageError) useRuntimeStore.setState({ storageError: null });
  },
  onExternalWrite: () => void useChatStore.persist.rehydrate(),
});

export const useChatStore = create<PersistedChatState>()(
  persist(() => emptyChatState, {
    name: 'nook-chats',
    version: CHAT_STATE_VERSION,
    storage: chatStorage,
    migrate: migrateChatState,
    merge: (persisted, current) => {
      const stored = restoreChatState(persisted);
      const merged = mergeChatStates(current, stored);
      // This tab's choices win, but a tab that has none yet (just opened) takes the saved ones.
      return {
        ...merged,
        activeConversationId:
          merged.activeConversationId ??
          (stored.activeConversationId && merged.conversations[stored.activeConversationId]
            ? stored.activeConversationId
            : null),
        selectedModelId: merged.selectedModelId ?? stored.selectedModelId,
      };
    },
  }),
);

export const chatHydration = firstHydration(useChatStore.persist);

export function updateConversation(
  conversationId: string,
  update: (conversation: Conversation) => Conversation,
): void {
  useChatStore.setState((state) => {
    const conversation = state.conversations[conversationId];
    if (!conversation) return state;
    const updated = { ...update(conversation), updatedAt: Date.now() };
    return { conversations: { ...state.conversations, [conversationId]: updated } };
  });
}

export function appendMessage(conversationId: string, message: StoredMessage): void {
  updateConversation(conversationId, (c) => ({ ...c, messages: [...c.messages, message] }));
}

export function updateMessage(
  conversationId: string,
  messageId: string,
  patch: Partial<StoredMessage>,
): void {
  updateConversation(conversationId, (c) => ({
    ...c,
    messages: c.messages.map((m) => (m.id === messageId ? { ...m, ...patch } : m)),
  }));
}
