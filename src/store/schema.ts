/**
 * The persisted shape of Nook's chats, its version, the step-by-step migrations, and the tolerant
 * restore that validates whatever IndexedDB hands back. Pure; unit-tested per step.
 */
import type { EngineError, EngineErrorCode } from '../engine/errors';
import { isRecord } from '../lib/isRecord';
import { isDimension, isImageId, storedImageType, type StoredImageType } from '../lib/imageTypes';
import { restored } from './preserve';
import { DEFAULT_SETTINGS, restoreSettings, type ConversationSettings } from './settings';

export const CHAT_STATE_VERSION = 3;

export type MessageRole = 'user' | 'assistant';

/**
 * done: complete. stopped: the user stopped it. truncated: it reached the max-tokens limit.
 * interrupted: the tab closed or crashed mid-reply.
 * error: generation failed (see `error`). streaming: being written right now; never true after a
 * reload, so restore turns it into "interrupted".
 */
export type MessageStatus =
  'done' | 'streaming' | 'stopped' | 'truncated' | 'interrupted' | 'error';

export interface ReplyStats {
  promptTokens: number;
  completionTokens: number;
  timeToFirstTokenS: number;
  prefillTokensPerS: number;
  decodeTokensPerS: number;
  /** Tokens per second as they arrived on the UI thread, worker hop and UI stalls included. */
  receivedTokensPerS: number | null;
}

/** One answer to a turn; a regenerated reply keeps its earlier versions. */
export interface MessageVersion {
  content: string;
  createdAt: number;
  status: MessageStatus;
  modelId?: string;
  stats?: ReplyStats;
  error?: EngineError;
  /** How many of the oldest messages were left out because the chat outgrew the context window. */
  droppedMessages?: number;
  /** The document passages the reply was given to answer from. */
  sources?: MessageSource[];
  /**
   * The names of the documents whose text this reply was given (passages, or the whole document
   * for a summary) holds text that addresses the model ("ignore previous instructions…"): the
   * reply's source line says so. Absent when none did.
   */
  instructionsIn?: string[];
  /**
   * The id of WebLLM's resumable journal of this reply (one per request: a journal that exists
   * cannot be started again), so a reply cut off by a crash can be resumed exactly.
   */
  journalId?: string;
}

export interface MessageSource {
  documentName: string;
  /** First and last page; null for documents without pages. */
  pages: [number, number] | null;
}

/**
 * An image a user message carries. Its bytes live in persistence/imageStore under `id` (the
 * SHA-256 of the bytes), scaled to what vision models use; the message keeps only this.
 */
export interface ImageRef {
  id: string;
  type: StoredImageType;
  width: number;
  height: number;
  /** Size of the stored bytes. */
  bytes: number;
}

export interface StoredMessage extends MessageVersion {
  id: string;
  role: MessageRole;
  /** User messages only; shown as thumbnails and sent to models that can see. */
  images?: ImageRef[];
  /**
   * A question about documents as the model was sent it, its passages included, so later turns
   * send it the same way (see prompts/chat.ts); `content` stays as the user wrote it.
   */
  sentAs?: string;
  /** The other versions of this reply, in order, with the shown one taken out at `versionIndex`. */
  otherVersions?: MessageVersion[];
  versionIndex?: number;
}

export interface Conversation {
  id: string;
  title: string;
  /** Set once the user renames the chat, so the automatic title never overrides theirs. */
  titleEdited?: boolean;
  createdAt: number;
  updatedAt: number;
  messages: StoredMessage[];
  settings: ConversationSettings;
}

export interface PersistedChatState {
  conversations: Record<string, Conversation>;
  /** When each deleted chat was deleted, so another tab's older copy cannot bring it back. */
  deletedConversations: Record<string, number>;
  activeConversationId: string | null;
  selectedModelId: string | null;
}

export const emptyChatState: PersistedChatState = {
  conversations: {},
  deletedConversations: {},
  activeConversationId: null,
  selectedModelId: null,
};

type Migration = (state: Record<string, unknown>) => Record<string, unknown>;

/** Step N turns version N data into version N+1. Version 1 is the first stored shape. */
export const migrations: Record<number, Migration> = {
  // v2 gave every chat its own settings (system prompt, generation parameters).
  1: (state) => ({
    ...state,
    conversations: Object.fromEntries(
      Object.entries(isRecord(state.conversations) ? state.conversations : {}).map(([id, c]) => [
        id,
        isRecord(c) ? { ...c, settings: DEFAULT_SETTINGS } : c,
      ]),
    ),
  }),
  // v3 lets user messages carry images (kept in their own store). No v2 message has any, so the
  // data stays as it is; the new version keeps a v2 tab from writing over chats with images,
  // whose `images` it could not check, and a v2 Nook from importing a file it would half read.
  2: (state) => state,
};

export function migrateChatState(persisted: unknown, fromVersion: number): unknown {
  let state = isRecord(persisted) ? persisted : {};
  for (let v = fromVersion; v < CHAT_STATE_VERSION; v++) {
    const step = migrations[v];
    if (step) state = step(state);
  }
  return state;
}

const VERSION_FIELDS: Record<keyof MessageVersion, true> = {
  content: true,
  createdAt: true,
  status: true,
  modelId: true,
  stats: true,
  error: true,
  droppedMessages: true,
  sources: true,
  instructionsIn: true,
  journalId: true,
};
const MESSAGE_FIELDS: Record<keyof StoredMessage, true> = {
  ...VERSION_FIELDS,
  id: true,
  role: true,
  images: true,
  sentAs: true,
  otherVersions: true,
  versionIndex: true,
};
const CONVERSATION_FIELDS: Record<keyof Conversation, true> = {
  id: true,
  title: true,
  titleEdited: true,
  createdAt: true,
  updatedAt: true,
  messages: true,
  settings: true,
};
const STATE_FIELDS: Record<keyof PersistedChatState, true> = {
  conversations: true,
  deletedConversations: true,
  activeConversationId: true,
  selectedModelId: true,
};

const STATUSES: readonly MessageStatus[] = [
  'done',
  'streaming',
  'stopped',
  'truncated',
  'interrupted',
  'error',
];

function restoreStats(value: unknown): ReplyStats | undefined {
  if (!isRecord(value)) return undefined;
  const num = (key: string) => (typeof value[key] === 'number' ? value[key] : 0);
  return {
    promptTokens: num('promptTokens'),
    completionTokens: num('completionTokens'),
    timeToFirstTokenS: num('timeToFirstTokenS'),
    prefillTokensPerS: num('prefillTokensPerS'),
    decodeTokensPerS: num('decodeTokensPerS'),
    receivedTokensPerS:
      typeof value.receivedTokensPerS === 'number' ? value.receivedTokensPerS : null,
  };
}

function restoreSources(value: unknown): MessageSource[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((s): MessageSource[] => {
    if (!isRecord(s) || typeof s.documentName !== 'string') return [];
    const [first, last] = Array.isArray(s.pages) ? (s.pages as unknown[]) : [];
    const pages: [number, number] | null =
      typeof first === 'number' && typeof last === 'number' ? [first, last] : null;
    return [{ documentName: s.documentName, pages }];
  });
}

function restoreVersion(value: Record<string, unknown>): MessageVersion | null {
  const { content, createdAt, status } = value;
  if (typeof content !== 'string') return null;
  const known = STATUSES.find((s) => s === status) ?? 'done';
  const version: MessageVersion = {
    content,
    createdAt: typeof createdAt === 'number' ? createdAt : 0,
    // A reply still "streaming" in storage was cut off by a closed or crashed tab.
    status: known === 'streaming' ? 'interrupted' : known,
  };
  if (typeof value.modelId === 'string') version.modelId = value.modelId;
  const stats = restoreStats(value.stats);
  if (stats) version.stats = stats;
  if (isRecord(value.error) && typeof value.error.code === 'string') {
    version.error = {
      code: value.error.code as EngineErrorCode,
      detail: typeof value.error.detail === 'string' ? value.error.detail : '',
    };
  }
  if (typeof value.droppedMessages === 'number' && value.droppedMessages > 0) {
    version.droppedMessages = Math.floor(value.droppedMessages);
  }
  const sources = restoreSources(value.sources);
  if (sources.length > 0) version.sources = sources;
  if (Array.isArray(value.instructionsIn)) {
    const names = value.instructionsIn.filter((name): name is string => typeof name === 'string');
    if (names.length > 0) version.instructionsIn = names;
  }
  if (typeof value.journalId === 'string') version.journalId = value.journalId;
  return restored(value, version, VERSION_FIELDS);
}

/** One image reference, or null when it is not one (it is then dropped, the message kept). */
export function readImageRef(value: unknown): ImageRef | null {
  if (!isRecord(value)) return null;
  const type = storedImageType(value.type);
  const { id, width, height, bytes } = value;
  if (!isImageId(id) || !type) return null;
  if (!isDimension(width) || !isDimension(height) || !isDimension(bytes)) return null;
  return { id, type, width, height, bytes };
}

function restoreMessage(value: unknown): StoredMessage | null {
  if (!isRecord(value)) return null;
  const { id, role } = value;
  if (typeof id !== 'string' || (role !== 'user' && role !== 'assistant')) return null;
  // The message's own fields are checked here, not carried through the version unchecked.
  const {
    images: rawImages,
    sentAs: _sentAs,
    otherVersions: _otherVersions,
    versionIndex: _versionIndex,
    ...versionFields
  } = value;
  const version = restoreVersion(versionFields);
  if (!version) return null;
  const message: StoredMessage = { ...version, id, role };
  if (role === 'user' && typeof value.sentAs === 'string') message.sentAs = value.sentAs;
  if (role === 'user' && Array.isArray(rawImages)) {
    const images = rawImages.map(readImageRef).filter((i): i is ImageRef => i !== null);
    if (images.length > 0) message.images = images;
  }
  if (Array.isArray(value.otherVersions)) {
    const others = value.otherVersions
      .map((v) => (isRecord(v) ? restoreVersion(v) : null))
      .filter((v): v is MessageVersion => v !== null);
    if (others.length > 0) {
      message.otherVersions = others;
      const index = typeof value.versionIndex === 'number' ? Math.floor(value.versionIndex) : 0;
      message.versionIndex = Math.min(Math.max(index, 0), others.length);
    }
  }
  return restored(value, message, MESSAGE_FIELDS);
}

/** Ids that would reach an object's prototype when used as keys; only damaged data has them. */
export function isSafeKey(id: string): boolean {
  return id !== '__proto__';
}

function restoreConversation(value: unknown): Conversation | null {
  if (!isRecord(value) || typeof value.id !== 'string' || !isSafeKey(value.id)) return null;
  const messages = Array.isArray(value.messages)
    ? value.messages.map(restoreMessage).filter((m): m is StoredMessage => m !== null)
    : [];
  const conversation: Conversation = {
    id: value.id,
    title: typeof value.title === 'string' && value.title.trim() ? value.title : 'Untitled chat',
    createdAt: typeof value.createdAt === 'number' ? value.createdAt : 0,
    updatedAt: typeof value.updatedAt === 'number' ? value.updatedAt : 0,
    messages,
    settings: restoreSettings(value.settings),
  };
  if (value.titleEdited === true) conversation.titleEdited = true;
  return restored(value, conversation, CONVERSATION_FIELDS);
}

/** Validates stored data, keeping every entry that makes sense and dropping the rest. */
export function restoreChatState(persisted: unknown): PersistedChatState {
  if (!isRecord(persisted)) return emptyChatState;
  const conversations: Record<string, Conversation> = {};
  if (isRecord(persisted.conversations)) {
    for (const value of Object.values(persisted.conversations)) {
      const conversation = restoreConversation(value);
      if (conversation) conversations[conversation.id] = conversation;
    }
  }
  const deletedConversations: Record<string, number> = {};
  if (isRecord(persisted.deletedConversations)) {
    for (const [id, at] of Object.entries(persisted.deletedConversations)) {
      if (typeof at === 'number' && isSafeKey(id)) deletedConversations[id] = at;
    }
  }
  const active = persisted.activeConversationId;
  return restored(
    persisted,
    {
      conversations,
      deletedConversations,
      activeConversationId: typeof active === 'string' && active in conversations ? active : null,
      selectedModelId:
        typeof persisted.selectedModelId === 'string' ? persisted.selectedModelId : null,
    },
    STATE_FIELDS,
  );
}
