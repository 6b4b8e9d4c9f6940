/**
 * Reading a chat export back in: checks the whole file against the declared shape (exportFile.ts
 * and the stored chats' own declaration, store/schema.ts) before any of it is accepted, upgrades
 * files from older versions with the stored chats' own migrations, and merges the result in
 * without overwriting a chat. Pure; the caller reads the file, and stores the chats only when the
 * file is accepted, so a rejected file changes nothing.
 *
 * The file is untrusted: results are built field by field by the strict reader, so unknown keys
 * (`__proto__` included) are never copied, and only the declared shape is walked. Its size, its
 * nesting and its counts are checked before anything else, so an oversized file is turned away
 * cheaply.
 */
import { formatCount } from '../../lib/format';
import { isRecord } from '../../lib/isRecord';
import type { StoredImage } from '../../persistence/imageStore';
import {
  CHAT_STATE_VERSION,
  IdSchema,
  ConversationSchema,
  migrateChatState,
  type Conversation,
} from '../schema';
import { readStrict, type ReadIssue } from '../schemaReader';
import { EXPORT_FORMAT, ExportedImagesSchema } from './exportFile';

const MIB = 1024 * 1024;
export const MAX_IMPORT_BYTES = 50 * MIB;
const MAX_CHATS = 10_000;
const MAX_MESSAGES = 200_000;
/** A Nook export nests about eight levels deep; far deeper is not one, and costly to walk. */
const MAX_DEPTH = 32;
/** How much of a title an error message quotes; enough to recognise the chat. */
const LABEL_TITLE_LENGTH = 40;

export interface ImportedChats {
  conversations: Conversation[];
  /** The images the chats' messages show, by id (the SHA-256 of the bytes, checked by the caller). */
  images: Record<string, StoredImage>;
}

export type ImportResult = ({ ok: true } & ImportedChats) | { ok: false; error: string };

/** Carries the words shown to the user; thrown by the checks below, caught only in parseChatImport. */
class Rejection extends Error {}

function reject(message: string): never {
  throw new Rejection(message);
}

export function parseChatImport(text: string, byteLength: number): ImportResult {
  try {
    return { ok: true, ...readExport(text, byteLength) };
  } catch (err) {
    // Anything else is a bug in this module, and a test should see it.
    if (err instanceof Rejection) return { ok: false, error: err.message };
    throw err;
  }
}

function readExport(text: string, byteLength: number): ImportedChats {
  if (byteLength > MAX_IMPORT_BYTES) {
    reject(
      `This file is ${megabytes(byteLength)} MB; Nook imports files up to ${MAX_IMPORT_BYTES / MIB} MB.`,
    );
  }
  if (nestingDepth(text) > MAX_DEPTH) reject('This is not a Nook chat export.');
  const file = parseJson(text);
  if (!isRecord(file) || file.format !== EXPORT_FORMAT) reject('This is not a Nook chat export.');
  const version = readFileVersion(file.version);
  const entries = readChatList(file.conversations);
  const keyed = readChatIds(entries);
  const upgraded = upgrade(keyed, version);
  const conversations = keyed.map(([id], index) => {
    const read = readStrict(ConversationSchema, upgraded[index]);
    if (!read.ok) reject(describeIssue(chatLabel(index, titleOf(upgraded[index])), read.issue));
    checkMessageIds(read.value, chatLabel(index, read.value.title));
    return { ...read.value, id };
  });
  const images = readImages(file.images);
  conversations.forEach((c, index) => {
    c.messages.forEach((m, at) => {
      const missing = m.images?.find((image) => !Object.hasOwn(images, image.id));
      if (missing) {
        reject(
          `${chatLabel(index, c.title)}, message ${at + 1}: its image ${missing.id.slice(0, 12)}… is not in the file.`,
        );
      }
    });
  });
  return { conversations, images };
}

function readImages(value: unknown): Record<string, StoredImage> {
  if (value === undefined || value === null) return {};
  const read = readStrict(ExportedImagesSchema, value);
  if (read.ok) return read.value;
  const [id] = read.issue.path;
  const where = id === undefined ? '' : `Image ${String(id).slice(0, 12)}`;
  const field = read.issue.path.slice(1).join('.');
  if (!where) reject(`"images" ${read.issue.message}`);
  reject(field ? `${where}: "${field}" ${read.issue.message}` : `${where}: ${read.issue.message}`);
}

/** Words for a list item on the path to a bad field, by the list it is in. */
const ITEM_NAMES: Record<string, string> = {
  messages: 'message',
  otherVersions: 'other version',
  images: 'image',
  sources: 'source',
};

/**
 * "Chat 2 ("Trip plan"), message 1, other version 2: "status" must be one of …": where the bad
 * field is (chat, message, version, in the user's words), then the field and what it must be.
 */
function describeIssue(chat: string, issue: ReadIssue): string {
  let where = chat;
  let field: string[] = [];
  issue.path.forEach((key, i) => {
    const list = issue.path[i - 1];
    const item = typeof list === 'string' ? ITEM_NAMES[list] : undefined;
    if (typeof key === 'number' && item) {
      where += `, ${item} ${key + 1}`;
      field = [];
    } else if (typeof key !== 'number') {
      field.push(key);
    }
  });
  // A bad record in a list is named by the record's words, not as a field.
  const last = issue.path.at(-1);
  const before = issue.path.at(-2);
  if (typeof last === 'number' && typeof before === 'string' && ITEM_NAMES[before]) field = [];
  return field.length > 0
    ? `${where}: "${field.join('.')}" ${issue.message}`
    : `${where}: ${issue.message}`;
}

/** Rounded up, so a file just over the limit never reads as "50.0 MB". */
function megabytes(bytes: number): string {
  return (Math.ceil((bytes / MIB) * 10) / 10).toFixed(1);
}

/**
 * How deeply the JSON text nests objects and lists, read without parsing it: JSON.parse would
 * build every level of a hostile file before any check could look at it.
 */
function nestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // a backslash escapes the next character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) deepest = Math.max(deepest, ++depth);
    else if (c === 0x7d || c === 0x5d) depth--;
  }
  return deepest;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    reject('This file is not valid JSON (it may be cut off or damaged).');
  }
}

function readFileVersion(value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    reject('This Nook chat export has no valid version number, so it cannot be read.');
  }
  if (value > CHAT_STATE_VERSION) reject('This file was exported by a newer version of Nook.');
  return value;
}

/** The limits are checked before any chat is, so an oversized list is turned away cheaply. */
function readChatList(value: unknown): unknown[] {
  if (!Array.isArray(value)) reject('This Nook chat export has no list of chats.');
  const entries: unknown[] = value;
  if (entries.length > MAX_CHATS) {
    reject(
      `This file has ${formatCount(entries.length)} chats; Nook imports up to ${formatCount(MAX_CHATS)} at a time.`,
    );
  }
  const messages = entries.reduce<number>(
    (sum, c) => sum + (isRecord(c) && Array.isArray(c.messages) ? c.messages.length : 0),
    0,
  );
  if (messages > MAX_MESSAGES) {
    reject(
      `This file has ${formatCount(messages)} messages; Nook imports up to ${formatCount(MAX_MESSAGES)} at a time.`,
    );
  }
  return entries;
}

function titleOf(entry: unknown): unknown {
  return isRecord(entry) ? entry.title : undefined;
}

/** Ids first: the migrations work on chats keyed by id, where a duplicate would vanish unseen. */
function readChatIds(entries: unknown[]): [string, Record<string, unknown>][] {
  const seen = new Map<string, number>();
  return entries.map((entry, index) => {
    const where = chatLabel(index, titleOf(entry));
    if (!isRecord(entry)) reject(`${where}: ${ConversationSchema.message}`);
    const id = readStrict(IdSchema, entry.id);
    if (!id.ok) reject(describeIssue(where, { ...id.issue, path: ['id'] }));
    claimId(seen, id.value, index, where, 'chat');
    return [id.value, entry];
  });
}

/** Runs the same migration steps as stored chats, then hands the chats back in file order. */
function upgrade(keyed: [string, Record<string, unknown>][], version: number): unknown[] {
  // fromEntries defines own properties, so an id such as "__proto__" stays an ordinary key.
  const migrated = migrateChatState({ conversations: Object.fromEntries(keyed) }, version);
  const byId = isRecord(migrated) && isRecord(migrated.conversations) ? migrated.conversations : {};
  return keyed.map(([id]) => (Object.hasOwn(byId, id) ? byId[id] : undefined));
}

/** "Chat 3 ("Trip plan")": the number finds it in the file, the title in the user's memory. */
function chatLabel(index: number, title: unknown): string {
  const name = typeof title === 'string' ? title.replace(/\s+/g, ' ').trim() : '';
  if (!name) return `Chat ${index + 1}`;
  const short =
    name.length > LABEL_TITLE_LENGTH ? `${name.slice(0, LABEL_TITLE_LENGTH - 1)}…` : name;
  return `Chat ${index + 1} ("${short}")`;
}

function checkMessageIds(conversation: Conversation, where: string): void {
  const seen = new Map<string, number>();
  conversation.messages.forEach((message, index) => {
    claimId(seen, message.id, index, `${where}, message ${index + 1}`, 'message');
  });
}

/** Records `id` as used by entry `index`, rejecting it when an earlier entry already uses it. */
function claimId(
  seen: Map<string, number>,
  id: string,
  index: number,
  where: string,
  noun: 'chat' | 'message',
): void {
  const first = seen.get(id);
  if (first !== undefined) reject(`${where}: its id "${id}" is also used by ${noun} ${first + 1}.`);
  seen.set(id, index);
}

/**
 * All existing chats, untouched, plus the imported ones. An imported chat never replaces one: if
 * its id is taken it gets a fresh one, so importing the same file twice gives two copies.
 */
export function mergeImported(
  existing: Record<string, Conversation>,
  imported: Conversation[],
  newId: () => string,
): Record<string, Conversation> {
  const taken = new Set(Object.keys(existing));
  const added = imported.map((conversation) => {
    const id = freeId(conversation.id, taken, newId);
    taken.add(id);
    return id === conversation.id ? conversation : { ...conversation, id };
  });
  // fromEntries defines own properties, so no id can reach the prototype of the result.
  return Object.fromEntries([
    ...Object.entries(existing),
    ...added.map((conversation) => [conversation.id, conversation] as const),
  ]);
}

/**
 * The store keys chats by id in plain objects, where an id such as "__proto__" or "constructor"
 * would hit the prototype, so those count as taken too.
 */
function freeId(id: string, taken: Set<string>, newId: () => string): string {
  let candidate = id;
  while (taken.has(candidate) || candidate in Object.prototype) candidate = newId();
  return candidate;
}
