/**
 * The persisted store: conversations, messages, the chosen model. Saved to IndexedDB by zustand's
 * persist middleware through a debounced, durable, tab-aware storage; tokens never stream through
 * here (see runtimeStore's drafts). Updates are immutable and address chats and messages by id.
 */
import { mergeChatStates } from './mergeChats';
import { createPersistedStore } from './persistedStore';
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

const chats = createPersistedStore<PersistedChatState>({
  name: 'nook-chats',
  version: CHAT_STATE_VERSION,
  initial: emptyChatState,
  restore: restoreChatState,
  migrate: migrateChatState,
  merge: (stored, current) => {
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
  // Another tab may have saved chats since this one read them: writes merge, never overwrite.
  mergeBeforeWrite: (stored, next) => mergeChatStates(next, stored),
  storage: {
    onStorageError: (error) =>
      useRuntimeStore.setState({
        storageError: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
      }),
    onWriteSaved: () => {
      if (useRuntimeStore.getState().storageError) useRuntimeStore.setState({ storageError: null });
    },
    onExternalWrite: () => void useChatStore.persist.rehydrate(),
  },
});

export const useChatStore = chats.useStore;
export const chatHydration = chats.hydration;
export const chatStorage = chats.storage;
/** Stores the chats now; a user action that changes them (a rename, a deletion) calls it. */
export const commitChats = chats.commit;

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
