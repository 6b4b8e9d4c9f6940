/** Selectors shared by views; each returns a stable value so components re-render only on change. */
import type { Conversation, PersistedChatState } from './schema';
import type { RuntimeState } from './runtimeStore';

export const selectActiveConversation = (s: PersistedChatState) =>
  s.activeConversationId ? s.conversations[s.activeConversationId] : undefined;

export const selectIsGenerating = (s: RuntimeState) => s.generation !== null;

/** The model the engine holds or is loading (or failed to load), if any. */
export function engineModelId(engine: RuntimeState['engine']): string | null {
  return 'modelId' in engine ? engine.modelId : null;
}

/**
 * Chats newest first, narrowed to those whose title or messages contain the query. Empty chats
 * are listed only while open, so "New chat" never leaves a trail of blank entries.
 */
export function listConversations(
  conversations: Record<string, Conversation>,
  query: string,
  activeId: string | null,
): Conversation[] {
  const needle = query.trim().toLocaleLowerCase();
  const all = Object.values(conversations)
    .filter((c) => c.messages.length > 0 || c.id === activeId)
    .sort((a, b) => b.updatedAt - a.updatedAt);
  if (!needle) return all;
  return all.filter(
    (c) =>
      c.title.toLocaleLowerCase().includes(needle) ||
      c.messages.some((m) => m.content.toLocaleLowerCase().includes(needle)),
  );
}
