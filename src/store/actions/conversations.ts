import { newId } from '../../lib/ids';
import { useChatStore } from '../chatStore';
import type { Conversation } from '../schema';
import { DEFAULT_SETTINGS } from '../settings';

export const NEW_CHAT_TITLE = 'New chat';

export function newChat(): string {
  const now = Date.now();
  const conversation: Conversation = {
    id: newId(),
    title: NEW_CHAT_TITLE,
    createdAt: now,
    updatedAt: now,
    messages: [],
    settings: DEFAULT_SETTINGS,
  };
  useChatStore.setState((s) => ({
    conversations: { ...s.conversations, [conversation.id]: conversation },
    activeConversationId: conversation.id,
  }));
  return conversation.id;
}

export function selectConversation(conversationId: string): void {
  useChatStore.setState({ activeConversationId: conversationId });
}

/** The open conversation, or a new one when none is open. */
export function ensureActiveConversation(): string {
  const { activeConversationId, conversations } = useChatStore.getState();
  if (activeConversationId && conversations[activeConversationId]) return activeConversationId;
  return newChat();
}
