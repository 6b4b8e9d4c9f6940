/**
 * Reading a chat export back in: checks the whole file against the persisted shape before any of
 * it is accepted, upgrades files from older versions with the stored chats' own migrations, and
 * merges the result in without overwriting a chat. Pure; the caller reads the file, and stores the
 * chats only when the file is accepted, so a rejected file changes nothing.
 *
 * The file is untrusted: results are built field by field, so unknown keys (`__proto__` included)
 * are never copied, and only the known shape is walked, so deeply nested junk costs nothing.
 */
import type { EngineError, EngineErrorCode } from '../../engine/errors';
import { sniffImage } from '../../images/detect';
import { base64ToBytes } from '../../lib/base64';
import { isDimension, isImageId, storedImageType } from '../../lib/imageTypes';
import { isRecord } from '../../lib/isRecord';
import type { StoredImage } from '../../persistence/imageStore';
import {
  CHAT_STATE_VERSION,
  migrateChatState,
  readImageRef,
  type Conversation,
  type ImageRef,
  type MessageStatus,
  type MessageVersion,
  type ReplyStats,
  type StoredMessage,
} from '../schema';
import { restoreSettings, type ConversationSettings } from '../settings';
import { EXPORT_FORMAT } from './exportChats';

const MIB = 1024 * 1024;
export const MAX_IMPORT_BYTES = 50 * MIB;
const MAX_CHATS = 10_000;
const MAX_MESSAGES = 200_000;
const MAX_ID_LENGTH = 200;
const MAX_TITLE_LENGTH = 500;
const MAX_CONTENT_LENGTH = 1_000_000;
/** How much of a title an error message quotes; enough to recognise the chat. */
const LABEL_TITLE_LENGTH = 40;
/** The chat-list name for a chat without a title, as when stored chats are restored. */
const UNTITLED = 'Untitled chat';

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
  const file = parseJson(text);
  if (!isRecord(file) || file.format !== EXPORT_FORMAT) reject('This is not a Nook chat export.');
  const version = readFileVersion(file.version);
  const entries = readChatList(file.conversations);
  const keyed = readChatIds(entries);
  const upgraded = upgrade(keyed, version);
  const conversations = keyed.map(([id], index) => readConversation(upgraded[index], id, index));
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

/** The file's images: each must be what it says it is, a JPEG or PNG of the size it states. */
function readImages(value: unknown): Record<string, StoredImage> {
  if (absent(value)) return {};
  if (!isRecord(value)) reject('"images" must be an object of images by id.');
  const images: Record<string, StoredImage> = {};
  for (const [id, image] of Object.entries(value)) {
    const where = `Image ${id.slice(0, 12)}`;
    if (!isImageId(id)) reject(`${where}: its id must be the SHA-256 of its bytes, in hex.`);
    if (!isRecord(image)) reject(`${where}: expected an image object.`);
    const type = storedImageType(image.type);
    if (!type) reject(`${where}: "type" must be "image/jpeg" or "image/png".`);
    if (!isDimension(image.width) || !isDimension(image.height)) {
      reject(`${where}: "width" and "height" must be whole numbers above 0.`);
    }
    const bytes = typeof image.data === 'string' ? base64ToBytes(image.data) : null;
    if (!bytes || bytes.length === 0) reject(`${where}: "data" must be the image in base64.`);
    if (sniffImage(bytes) !== type)
      reject(`${where}: its data is not the ${type} image its type says.`);
    images[id] = { type, width: image.width, height: image.height, bytes: bytes.slice().buffer };
  }
  return images;
}

/** Rounded up, so a file just over the limit never reads as "50.0 MB". */
function megabytes(bytes: number): string {
  return (Math.ceil((bytes / MIB) * 10) / 10).toFixed(1);
}

function count(n: number): string {
  return n.toLocaleString('en-US');
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
      `This file has ${count(entries.length)} chats; Nook imports up to ${count(MAX_CHATS)} at a time.`,
    );
  }
  const messages = entries.reduce<number>(
    (sum, c) => sum + (isRecord(c) && Array.isArray(c.messages) ? c.messages.length : 0),
    0,
  );
  if (messages > MAX_MESSAGES) {
    reject(
      `This file has ${count(messages)} messages; Nook imports up to ${count(MAX_MESSAGES)} at a time.`,
    );
  }
  return entries;
}

/** Ids first: the migrations work on chats keyed by id, where a duplicate would vanish unseen. */
function readChatIds(entries: unknown[]): [string, Record<string, unknown>][] {
  const seen = new Map<string, number>();
  return entries.map((entry, index) => {
    const where = chatLabel(index, isRecord(entry) ? entry.title : undefined);
    if (!isRecord(entry)) reject(`${where}: expected a chat object.`);
    const id = readId(entry.id, where);
    claimId(seen, id, index, where, 'chat');
    return [id, entry];
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

function readConversation(value: unknown, id: string, index: number): Conversation {
  const where = chatLabel(index, isRecord(value) ? value.title : undefined);
  if (!isRecord(value)) reject(`${where}: expected a chat object.`);
  const title = readText(value.title, where, 'title', MAX_TITLE_LENGTH);
  const conversation: Conversation = {
    id,
    title: title.trim() ? title : UNTITLED,
    createdAt: readNumber(value.createdAt, where, 'createdAt'),
    updatedAt: readNumber(value.updatedAt, where, 'updatedAt'),
    messages: readMessages(value.messages, where),
    settings: readSettings(value.settings, where),
  };
  if (!absent(value.titleEdited) && readFlag(value.titleEdited, where, 'titleEdited')) {
    conversation.titleEdited = true;
  }
  return conversation;
}

/** Missing settings get the defaults; the values inside are clamped to their bounds, as on restore. */
function readSettings(value: unknown, where: string): ConversationSettings {
  if (absent(value)) return restoreSettings(undefined);
  if (!isRecord(value)) reject(`${where}: "settings" must be an object.`);
  return restoreSettings(value);
}

function readMessages(value: unknown, where: string): StoredMessage[] {
  const items = readList(value, where, 'messages');
  const seen = new Map<string, number>();
  return items.map((item, index) => {
    const at = `${where}, message ${index + 1}`;
    const message = readMessage(item, at);
    claimId(seen, message.id, index, at, 'message');
    return message;
  });
}

function readMessage(value: unknown, at: string): StoredMessage {
  if (!isRecord(value)) reject(`${at}: expected a message object.`);
  const id = readId(value.id, at);
  const role = value.role;
  if (role !== 'user' && role !== 'assistant') {
    reject(`${at}: "role" must be "user" or "assistant".`);
  }
  const message: StoredMessage = { id, role, ...readVersion(value, at) };
  if (!absent(value.images)) {
    if (role !== 'user') reject(`${at}: only your own messages can carry images.`);
    const images = readList(value.images, at, 'images').map((ref, i) => readImage(ref, at, i));
    if (images.length > 0) message.images = images;
  }
  // A position means nothing without the other versions, so a lone versionIndex is ignored.
  if (absent(value.otherVersions)) return message;
  const others = readList(value.otherVersions, at, 'otherVersions').map((other, i) => {
    const where = `${at}, other version ${i + 1}`;
    if (!isRecord(other)) reject(`${where}: expected a version object.`);
    return readVersion(other, where);
  });
  message.otherVersions = others;
  message.versionIndex = readVersionIndex(value.versionIndex, others.length, at);
  return message;
}

function readImage(value: unknown, at: string, index: number): ImageRef {
  const ref = readImageRef(value);
  if (!ref) {
    reject(`${at}, image ${index + 1}: expected an id, a type (JPEG or PNG), a size and bytes.`);
  }
  return ref;
}

function readVersionIndex(value: unknown, otherCount: number, at: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > otherCount) {
    reject(`${at}: "versionIndex" must be a whole number from 0 to ${otherCount}.`);
  }
  return value;
}

/**
 * What each stored status becomes. A reply still "streaming" in a file was cut off when it was
 * exported, and no generation will ever finish it.
 */
const IMPORTED_STATUS: Record<MessageStatus, MessageStatus> = {
  done: 'done',
  streaming: 'interrupted',
  stopped: 'stopped',
  truncated: 'truncated',
  interrupted: 'interrupted',
  error: 'error',
};

function readStatus(value: unknown, at: string): MessageStatus {
  if (typeof value !== 'string' || !Object.hasOwn(IMPORTED_STATUS, value)) {
    const known = Object.keys(IMPORTED_STATUS).map((s) => `"${s}"`);
    reject(`${at}: "status" must be one of ${known.join(', ')}.`);
  }
  return IMPORTED_STATUS[value as MessageStatus];
}

function readVersion(value: Record<string, unknown>, at: string): MessageVersion {
  const version: MessageVersion = {
    content: readText(value.content, at, 'content', MAX_CONTENT_LENGTH),
    createdAt: readNumber(value.createdAt, at, 'createdAt'),
    status: readStatus(value.status, at),
  };
  if (!absent(value.modelId)) {
    version.modelId = readText(value.modelId, at, 'modelId', MAX_ID_LENGTH);
  }
  const stats = absent(value.stats) ? undefined : readStats(value.stats, at);
  if (stats) version.stats = stats;
  if (!absent(value.error)) version.error = readError(value.error, at);
  const dropped = absent(value.droppedMessages) ? 0 : readDropped(value.droppedMessages, at);
  if (dropped > 0) version.droppedMessages = dropped;
  if (!absent(value.instructionsIn)) {
    const names = readList(value.instructionsIn, at, 'instructionsIn').map((name) =>
      readText(name, at, 'instructionsIn', MAX_TITLE_LENGTH),
    );
    if (names.length > 0) version.instructionsIn = names;
  }
  return version;
}

/** Zero is allowed but not kept: no message left out reads the same as the field missing. */
function readDropped(value: unknown, at: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    reject(`${at}: "droppedMessages" must be a whole number of at least 0.`);
  }
  return value;
}

const STAT_FIELDS = [
  'promptTokens',
  'completionTokens',
  'timeToFirstTokenS',
  'prefillTokensPerS',
  'decodeTokensPerS',
] as const satisfies readonly (keyof ReplyStats)[];

function readStats(value: unknown, at: string): ReplyStats | undefined {
  if (!isRecord(value)) reject(`${at}: "stats" must be an object.`);
  // JSON writes a number that is not finite (a rate over zero seconds) as null, so Nook's own
  // exports can hold one; such figures are left out rather than made up.
  if (STAT_FIELDS.some((field) => value[field] === null)) return undefined;
  const stat = (field: keyof ReplyStats) => readNumber(value[field], at, `stats.${field}`);
  return {
    promptTokens: stat('promptTokens'),
    completionTokens: stat('completionTokens'),
    timeToFirstTokenS: stat('timeToFirstTokenS'),
    prefillTokensPerS: stat('prefillTokensPerS'),
    decodeTokensPerS: stat('decodeTokensPerS'),
    receivedTokensPerS: absent(value.receivedTokensPerS) ? null : stat('receivedTokensPerS'),
  };
}

/** Every code the UI has words for; `satisfies` keeps this list in step with EngineErrorCode. */
const ERROR_CODES = {
  'webgpu-unavailable': true,
  'shader-f16-unsupported': true,
  'out-of-memory': true,
  'device-lost': true,
  'download-failed': true,
  'model-library-invalid': true,
  'network-offline': true,
  'quota-exceeded': true,
  'context-window-exceeded': true,
  'images-unsupported': true,
  'model-not-loaded': true,
  aborted: true,
  'worker-crashed': true,
  unknown: true,
} as const satisfies Record<EngineErrorCode, true>;

function readError(value: unknown, at: string): EngineError {
  if (!isRecord(value)) reject(`${at}: "error" must be an object.`);
  const code = readText(value.code, at, 'error.code', MAX_ID_LENGTH);
  const error: EngineError = {
    // Codes can be added without a new file version; one this Nook lacks words for is "unknown".
    code: Object.hasOwn(ERROR_CODES, code) ? (code as EngineErrorCode) : 'unknown',
    detail: readText(value.detail, at, 'error.detail', MAX_CONTENT_LENGTH),
  };
  if (!absent(value.url)) error.url = readText(value.url, at, 'error.url', MAX_CONTENT_LENGTH);
  if (!absent(value.httpStatus))
    error.httpStatus = readNumber(value.httpStatus, at, 'error.httpStatus');
  return error;
}

function readId(value: unknown, where: string): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_ID_LENGTH) {
    reject(`${where}: "id" must be non-empty text of at most ${MAX_ID_LENGTH} characters.`);
  }
  return value;
}

function readText(value: unknown, where: string, field: string, maxLength: number): string {
  if (typeof value !== 'string') reject(`${where}: "${field}" must be text.`);
  if (value.length > maxLength) {
    reject(`${where}: "${field}" is longer than ${count(maxLength)} characters.`);
  }
  return value;
}

function readNumber(value: unknown, where: string, field: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    reject(`${where}: "${field}" must be a number.`);
  }
  return value;
}

function readFlag(value: unknown, where: string, field: string): boolean {
  if (typeof value !== 'boolean') reject(`${where}: "${field}" must be true or false.`);
  return value;
}

function readList(value: unknown, where: string, field: string): unknown[] {
  if (!Array.isArray(value)) reject(`${where}: "${field}" must be a list.`);
  return value;
}

/** Optional fields may be left out or written as null. */
function absent(value: unknown): value is undefined | null {
  return value === undefined || value === null;
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
