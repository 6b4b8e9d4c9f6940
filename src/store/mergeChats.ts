/**
 * Merges two copies of the chats, e.g. this tab's and what another tab stored meanwhile, so that
 * neither overwrites the other: per chat the later edit wins, and a deletion wins over any edit
 * made before it. Which chat is open and which model is chosen stay this tab's own.
 */
import type { Conversation, PersistedChatState } from './schema';

/** Tombstones older than this are forgotten; no tab stays stale that long. */
const TOMBSTONE_MS = 30 * 24 * 60 * 60 * 1000;

export function mergeChatStates(
  local: PersistedChatState,
  other: PersistedChatState,
  now = Date.now(),
): PersistedChatState {
  const deleted: Record<string, number> = {};
  for (const source of [other.deletedConversations, local.deletedConversations]) {
    for (const [id, at] of Object.entries(source)) {
      if (now - at < TOMBSTONE_MS) deleted[id] = Math.max(at, deleted[id] ?? 0);
    }
  }
  const latest: Record<string, Conversation> = {};
  for (const source of [other.conversations, local.conversations]) {
    for (const conversation of Object.values(source)) {
      const current = latest[conversation.id];
      if (!current || conversation.updatedAt >= current.updatedAt) {
        latest[conversation.id] = conversation;
      }
    }
  }
  const conversations = Object.fromEntries(
    Object.entries(latest).filter(([id, c]) => c.updatedAt > (deleted[id] ?? -Infinity)),
  );
  const active = local.activeConversationId;
  return {
    // Fields a newer version added, this tab's over the other's.
    ...other,
    ...local,
    conversations,
    deletedConversations: deleted,
    activeConversationId: active && conversations[active] ? active : null,
    selectedModelId: local.selectedModelId,
  };
}
