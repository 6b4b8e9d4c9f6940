/** Selectors shared by views; each returns a stable value so components re-render only on change. */
import type { CatalogEntry } from '../engine/catalog';
import type { PersistedChatState } from './schema';
import type { RuntimeState } from './runtimeStore';

export const selectActiveConversation = (s: PersistedChatState) =>
  s.activeConversationId ? s.conversations[s.activeConversationId] : undefined;

export const selectIsGenerating = (s: RuntimeState) => s.generation !== null;

export function findEntry(catalog: CatalogEntry[] | null, modelId: string | null) {
  return catalog?.find((e) => e.id === modelId);
}
