/**
 * Writing chats out: the JSON file that Nook reads back in (see importChats.ts), one chat as
 * Markdown to read anywhere, and safe file names for both. Pure; the caller starts the download.
 */
import {
  CHAT_STATE_VERSION,
  ConversationSchema,
  UNTITLED_CHAT,
  type Conversation,
  type MessageStatus,
  type StoredMessage,
} from '../schema';
import { tableToMarkdown } from '../../extraction/table';
import { knownFields } from '../schemaReader';
import { EXPORT_FORMAT, type ChatExportFile, type ExportedImage } from './exportFile';

/** The ids of the images the chats' messages show. */
export function imageIdsOf(conversations: Iterable<Conversation>): Set<string> {
  const ids = new Set<string>();
  for (const c of conversations)
    for (const m of c.messages) m.images?.forEach((i) => ids.add(i.id));
  return ids;
}

export function exportAllChats(
  conversations: Record<string, Conversation>,
  now = new Date(),
  images: Record<string, ExportedImage> = {},
): string {
  const file: ChatExportFile = {
    format: EXPORT_FORMAT,
    version: CHAT_STATE_VERSION,
    exportedAt: now.toISOString(),
    // The declared fields only: the file holds exactly what an import reads.
    conversations: Object.values(conversations)
      .sort((a, b) => b.updatedAt - a.updatedAt)
      .map((c) => knownFields(ConversationSchema, c)),
    ...(Object.keys(images).length > 0 && { images }),
  };
  return JSON.stringify(file, null, 2);
}

/** How a reply that did not end normally is marked, so a reader knows it is incomplete. */
const STATUS_NOTES: Record<MessageStatus, string | null> = {
  done: null,
  streaming: 'still being written',
  stopped: 'stopped',
  truncated: 'cut off at the length limit',
  interrupted: 'interrupted',
  error: 'error',
};

export function conversationToMarkdown(conversation: Conversation): string {
  const blocks = [`# ${oneLine(conversation.title)}`];
  const systemPrompt = conversation.settings.systemPrompt.trim();
  if (systemPrompt) blocks.push(blockquote(`**System prompt:**\n\n${systemPrompt}`));
  for (const message of conversation.messages) blocks.push(...messageBlocks(message));
  return `${blocks.join('\n\n')}\n`;
}

/** The shown version only: the others are alternatives the reader did not pick. */
function messageBlocks(message: StoredMessage): string[] {
  const blocks = [message.role === 'user' ? '## You' : '## Assistant'];
  // Replies are Markdown already and the user's text is shown as typed, so both go in unchanged.
  if (message.content) blocks.push(message.content);
  if (message.table) blocks.push(tableToMarkdown(message.table));
  const images = message.images?.length ?? 0;
  if (images > 0) blocks.push(`_(${images} image${images === 1 ? '' : 's'}, in the JSON export)_`);
  const note = STATUS_NOTES[message.status];
  if (note) blocks.push(`_(${note})_`);
  return blocks;
}

/** A heading ends at the line break, so a title must not contain one. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim() || UNTITLED_CHAT;
}

function blockquote(text: string): string {
  return text
    .split('\n')
    .map((line) => (line ? `> ${line}` : '>'))
    .join('\n');
}

const MAX_SLUG_LENGTH = 40;

/** `nook-<slug>-YYYY-MM-DD.<ext>`: safe on every file system, and sorts by date per chat. */
export function exportFileName(title: string, ext: 'md' | 'json', now = new Date()): string {
  return `nook-${slug(title)}-${localDate(now)}.${ext}`;
}

function slug(title: string): string {
  const words = title
    // Split accented letters into letter + accent and drop the accent: "Café" becomes "cafe".
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return words.slice(0, MAX_SLUG_LENGTH).replace(/-+$/, '') || 'chat';
}

/** The user's own calendar day, which is what they look for among their downloads. */
function localDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
