import { newId } from '../../lib/ids';
import { commitChats, updateConversation, useChatStore } from '../chatStore';
import { documentsOf, useDocumentStore } from '../documentStore';
import { useRuntimeStore } from '../runtimeStore';
import type { Conversation } from '../schema';
import { DEFAULT_SETTINGS } from '../settings';

export const NEW_CHAT_TITLE = 'New chat';
const MAX_TITLE_LENGTH = 200;

/** Opens a new, empty chat; an open chat that is still empty is reused rather than piling up. */
export function newChat(): string {
  const { activeConversationId, conversations } = useChatStore.getState();
  const active = activeConversationId ? conversations[activeConversationId] : undefined;
  if (active && active.messages.length === 0) return active.id;
  const now = Date.now();
  const conversation: Conversation = {
    id: newId(),
    title: NEW_CHAT_TITLE,
    createdAt: now,
    updatedAt: now,
    messages: [],
    settings: active?.settings ?? DEFAULT_SETTINGS,
  };
  useChatStore.setState((s) => ({
    conversations: { ...s.conversations, [conversation.id]: conversation },
    activeConversationId: conversation.id,
  }));
  return conversation.id;
}

/** Opens a chat; an empty chat left behind (no messages, no documents) is discarded. */
export function selectConversation(conversationId: string): void {
  useChatStore.setState((s) => {
    const left = s.activeConversationId ? s.conversations[s.activeConversationId] : undefined;
    const discard =
      left &&
      left.id !== conversationId &&
      left.messages.length === 0 &&
      documentsOf(useDocumentStore.getState(), left.id).length === 0;
    if (!discard) return { activeConversationId: conversationId };
    const { [left.id]: _empty, ...conversations } = s.conversations;
    return { conversations, activeConversationId: conversationId };
  });
}

/** The open conversation, or a new one when none is open. */
export function ensureActiveConversation(): string {
  const { activeConversationId, conversations } = useChatStore.getState();
  if (activeConversationId && conversations[activeConversationId]) return activeConversationId;
  return newChat();
}

export function renameConversation(conversationId: string, title: string): void {
  const clean = title.replace(/\s+/g, ' ').trim().slice(0, MAX_TITLE_LENGTH);
  if (!clean) return;
  updateConversation(conversationId, (c) => ({ ...c, title: clean, titleEdited: true }));
  void commitChats();
}

/**
 * Deletes a chat, remembering it for Undo until the next deletion. A chat that is generating a
 * reply cannot be deleted; stop it first.
 */
export function deleteConversation(conversationId: string): void {
  if (useRuntimeStore.getState().generation?.conversationId === conversationId) return;
  const conversation = useChatStore.getState().conversations[conversationId];
  if (!conversation) return;
  useChatStore.setState((s) => {
    const { [conversationId]: _deleted, ...conversations } = s.conversations;
    return {
      conversations,
      deletedConversations: { ...s.deletedConversations, [conversationId]: Date.now() },
      activeConversationId:
        s.activeConversationId === conversationId ? null : s.activeConversationId,
    };
  });
  useRuntimeStore.setState({ lastDeleted: conversation });
  void commitChats();
}

export function undoDelete(): void {
  const deleted = useRuntimeStore.getState().lastDeleted;
  if (!deleted) return;
  // Touching updatedAt makes the restored chat win over its tombstone in every tab.
  const restored = { ...deleted, updatedAt: Date.now() };
  useChatStore.setState((s) => {
    const { [deleted.id]: _tombstone, ...deletedConversations } = s.deletedConversations;
    return {
      conversations: { ...s.conversations, [deleted.id]: restored },
      deletedConversations,
      activeConversationId: deleted.id,
    };
  });
  useRuntimeStore.setState({ lastDeleted: null });
  void commitChats();
}

export function dismissUndo(): void {
  useRuntimeStore.setState({ lastDeleted: null });
}
