/**
 * Every prompt Nook sends is built here, not in components or stores.
 */
import type { ChatMessage } from '../engine/protocol';
import type { StoredMessage } from '../store/schema';

/** The history the model sees: finished turns, and partial replies the user stopped. */
export function buildChatMessages(messages: readonly StoredMessage[]): ChatMessage[] {
  return messages
    .filter((m) => m.status !== 'error' && m.status !== 'streaming' && m.content.trim() !== '')
    .map((m) => ({ role: m.role, content: m.content }));
}

const TITLE_LENGTH = 60;

/** A title from the first user message, cut at a word boundary. */
export function titleFromMessage(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  if (line.length <= TITLE_LENGTH) return line;
  const cut = line.slice(0, TITLE_LENGTH);
  const lastSpace = cut.lastIndexOf(' ');
  return `${(lastSpace > 20 ? cut.slice(0, lastSpace) : cut).trimEnd()}…`;
}
