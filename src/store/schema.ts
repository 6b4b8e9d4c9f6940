/**
 * The saved chat, declared once: conversations, messages, their versions, images, sources and
 * settings, as Nook stores them in IndexedDB and writes them to an export file. Everything else
 * follows from this declaration: the TypeScript types, the lenient restore of stored data
 * (store/schemaReader.ts: unknown fields and values kept, what cannot be read dropped), the strict
 * read of an import (the same reader, naming the first bad field; store/transfer/importChats.ts),
 * and the random chats of the round-trip property test. Also the schema version and its
 * step-by-step migrations. Pure.
 *
 * Valibot, not zod: its schemas are plain objects a reader can walk (the lenient and strict reads,
 * the test generator), and only the validators used reach the bundle (this module is on the first
 * paint's path: chats are restored before the app renders).
 */
import * as v from 'valibot';
import { ENGINE_ERROR_CODES, type EngineErrorCode } from '../engine/errors';
import { formatCount } from '../lib/format';
import { isImageId, STORED_IMAGE_TYPES } from '../lib/imageTypes';
import { isRecord } from '../lib/isRecord';
import { ExtractionTableSchema } from './extractionSchema';
import { absentWhen, readLenient, repaired, restoreAs } from './schemaReader';
import { ConversationSettingsSchema, DEFAULT_SETTINGS } from './settings';

export const CHAT_STATE_VERSION = 4;

/** The chat-list name of a chat without a title. */
export const UNTITLED_CHAT = 'Untitled chat';

/** Limits on what an import may hold; stored data is never refused for its size. */
export const LIMITS = {
  idLength: 200,
  titleLength: 500,
  contentLength: 1_000_000,
} as const;

const text = (max: number) =>
  v.pipe(
    v.string('must be text.'),
    v.maxLength(max, `is longer than ${formatCount(max)} characters.`),
  );

const ID_RULE = `must be non-empty text of at most ${LIMITS.idLength} characters.`;
/** A chat's or a message's id. */
export const IdSchema = v.pipe(
  v.string(ID_RULE),
  v.minLength(1, ID_RULE),
  v.maxLength(LIMITS.idLength, ID_RULE),
);

/** Ids that would reach an object's prototype when used as keys; only damaged data has them. */
export function isSafeKey(id: string): boolean {
  return id !== '__proto__';
}

/** An id used as a key of a stored record. */
const KeyId = v.pipe(IdSchema, v.check(isSafeKey, 'must not be "__proto__".'));

const FiniteNumber = v.pipe(v.number('must be a number.'), v.finite('must be a number.'));

const WholeNumber = (rule: string) => v.pipe(v.number(rule), v.integer(rule), v.minValue(0, rule));

const Dimension = v.pipe(
  v.number('must be a whole number above 0.'),
  v.check((n) => Number.isInteger(n) && n > 0, 'must be a whole number above 0.'),
);

/** Leaves out an empty list, as the app never stores one. */
const omitEmpty = <T>(list: T[]) => (list.length > 0 ? list : undefined);

/**
 * done: complete. stopped: the user stopped it. truncated: it reached the max-tokens limit.
 * interrupted: the tab closed or crashed mid-reply. error: generation failed (see `error`).
 * streaming: being written right now; never true after a reload or an import (it was cut off, and
 * no generation will ever finish it), so reading it gives "interrupted".
 */
export const MESSAGE_STATUSES = [
  'done',
  'streaming',
  'stopped',
  'truncated',
  'interrupted',
  'error',
] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

const Status = restoreAs(
  v.pipe(
    v.picklist(
      MESSAGE_STATUSES,
      `must be one of ${MESSAGE_STATUSES.map((s) => `"${s}"`).join(', ')}.`,
    ),
    v.transform((s): MessageStatus => (s === 'streaming' ? 'interrupted' : s)),
  ),
  'done',
);

const RATE_FIELDS = [
  'promptTokens',
  'completionTokens',
  'timeToFirstTokenS',
  'prefillTokensPerS',
  'decodeTokensPerS',
] as const;

const ReplyStatsSchema = v.pipe(
  v.object(
    {
      promptTokens: restoreAs(FiniteNumber, 0),
      completionTokens: restoreAs(FiniteNumber, 0),
      timeToFirstTokenS: restoreAs(FiniteNumber, 0),
      prefillTokensPerS: restoreAs(FiniteNumber, 0),
      decodeTokensPerS: restoreAs(FiniteNumber, 0),
      /** Tokens per second as they arrived on the UI thread, worker hop and UI stalls included. */
      receivedTokensPerS: v.optional(v.nullable(FiniteNumber), null),
    },
    'must be an object.',
  ),
  // JSON writes a number that is not finite (a rate over zero seconds) as null, so Nook's own
  // exports can hold one; such figures are left out rather than made up.
  absentWhen((input) => isRecord(input) && RATE_FIELDS.some((field) => input[field] === null)),
);

const EngineErrorSchema = v.object(
  {
    // Codes can be added without a new schema version; one this Nook lacks words for is "unknown".
    code: v.pipe(
      text(LIMITS.idLength),
      v.transform((code): EngineErrorCode =>
        (ENGINE_ERROR_CODES as readonly string[]).includes(code)
          ? (code as EngineErrorCode)
          : 'unknown',
      ),
    ),
    detail: restoreAs(text(LIMITS.contentLength), ''),
    /** For download failures: the file that could not be fetched and how the server answered. */
    url: v.optional(text(LIMITS.contentLength)),
    httpStatus: v.optional(FiniteNumber),
  },
  'must be an object.',
);

const PageRange = v.tuple(
  [v.pipe(v.number(), v.integer()), v.pipe(v.number(), v.integer())],
  'must be null or the first and last page.',
);

const MessageSourceSchema = v.object(
  {
    documentName: text(LIMITS.contentLength),
    /** First and last page; null for documents without pages. */
    pages: restoreAs(v.nullable(PageRange), null),
  },
  'expected a source object.',
);

/** The fields of one answer to a turn; a regenerated reply keeps its earlier versions. */
const versionEntries = {
  content: text(LIMITS.contentLength),
  createdAt: restoreAs(FiniteNumber, 0),
  status: Status,
  modelId: v.optional(text(LIMITS.idLength)),
  stats: v.optional(ReplyStatsSchema),
  error: v.optional(EngineErrorSchema),
  /** How many of the oldest messages were left out because the chat outgrew the context window. */
  droppedMessages: v.optional(
    v.pipe(
      WholeNumber('must be a whole number of at least 0.'),
      // None left out reads the same as the field missing.
      v.transform((n) => (n > 0 ? n : undefined)),
    ),
  ),
  /**
   * The document passages the reply was given to answer from; empty when none matched the
   * question (the reply says so).
   */
  sources: v.optional(v.array(MessageSourceSchema, 'must be a list.')),
  /**
   * The names of the documents whose text this reply was given (passages, or the whole document
   * for a summary) that holds text addressing the model ("ignore previous instructions…"): the
   * reply's source line says so. Absent when none did.
   */
  instructionsIn: v.optional(
    v.pipe(v.array(text(LIMITS.titleLength), 'must be a list.'), v.transform(omitEmpty)),
  ),
  /**
   * The id of WebLLM's resumable journal of this reply (one per request: a journal that exists
   * cannot be started again), so a reply cut off by a crash can be resumed exactly.
   */
  journalId: v.optional(text(LIMITS.idLength)),
};

export const MessageVersionSchema = v.object(versionEntries, 'expected a version object.');

/**
 * An image a user message carries. Its bytes live in persistence/imageStore under `id` (the
 * SHA-256 of the bytes), scaled to what vision models use; the message keeps only this.
 */
export const ImageRefSchema = v.object(
  {
    id: v.pipe(
      v.string('must be text.'),
      v.check((id) => isImageId(id), 'must be the SHA-256 of the image, in hex.'),
    ),
    type: v.picklist(STORED_IMAGE_TYPES, 'must be "image/jpeg" or "image/png".'),
    width: Dimension,
    height: Dimension,
    /** Size of the stored bytes. */
    bytes: Dimension,
  },
  'expected an image object.',
);

function withoutVersionIndex<T extends { versionIndex?: number }>(m: T): T {
  const { versionIndex: _ignored, ...rest } = m;
  return rest as T;
}

const onlyUserMessages = (m: { role: string; images?: unknown; sentAs?: unknown }) =>
  m.role === 'user' || (m.images === undefined && m.sentAs === undefined);

const versionIndexInRange = ({
  otherVersions,
  versionIndex = -1,
}: {
  otherVersions?: unknown[];
  versionIndex?: number;
}) =>
  otherVersions === undefined ||
  (Number.isInteger(versionIndex) && versionIndex >= 0 && versionIndex <= otherVersions.length);

export const StoredMessageSchema = v.pipe(
  v.object(
    {
      id: IdSchema,
      role: v.picklist(['user', 'assistant'], 'must be "user" or "assistant".'),
      ...versionEntries,
      /** User messages only; shown as thumbnails and sent to models that can see. */
      images: v.optional(
        v.pipe(v.array(ImageRefSchema, 'must be a list.'), v.transform(omitEmpty)),
      ),
      /**
       * A question about documents as the model was sent it, its passages included, so later
       * turns send it the same way (see prompts/chat.ts); `content` stays as the user wrote it.
       */
      sentAs: v.optional(text(LIMITS.contentLength)),
      /** A table of fields read from the chat's documents, shown in place of the reply's text. */
      table: v.optional(ExtractionTableSchema),
      /** The other versions of this reply, in order, with the shown one taken out at `versionIndex`. */
      otherVersions: v.optional(
        v.pipe(v.array(MessageVersionSchema, 'must be a list.'), v.transform(omitEmpty)),
      ),
      versionIndex: v.optional(v.number()),
    },
    'expected a message object.',
  ),
  // A position means nothing without the other versions, so a lone versionIndex is ignored.
  v.transform((m) => (m.otherVersions === undefined ? withoutVersionIndex(m) : m)),
  v.check(
    (m) => onlyUserMessages(m),
    'only your own messages can carry images or document passages.',
  ),
  v.forward(
    v.check(
      (m) => versionIndexInRange(m),
      (issue) => {
        const others = (issue.input as { otherVersions?: unknown[] }).otherVersions?.length ?? 0;
        return `must be a whole number from 0 to ${others}.`;
      },
    ),
    ['versionIndex'],
  ),
  repaired((m) => {
    const { otherVersions, versionIndex, images: _images, sentAs: _sentAs, ...rest } = m;
    const others = otherVersions as unknown[] | undefined;
    const user = m.role === 'user' ? { images: m.images, sentAs: m.sentAs } : {};
    const index = Math.floor(typeof versionIndex === 'number' ? versionIndex : 0);
    return {
      ...rest,
      ...Object.fromEntries(Object.entries(user).filter(([, value]) => value !== undefined)),
      ...(others && {
        otherVersions: others,
        versionIndex: Math.min(Math.max(index, 0), others.length),
      }),
    };
  }),
);

export const ConversationSchema = v.object(
  {
    id: IdSchema,
    title: restoreAs(
      v.pipe(
        text(LIMITS.titleLength),
        v.transform((t) => (t.trim() ? t : UNTITLED_CHAT)),
      ),
      UNTITLED_CHAT,
    ),
    /** Set once the user renames the chat, so the automatic title never overrides theirs. */
    titleEdited: v.optional(
      v.pipe(
        v.boolean('must be true or false.'),
        v.transform((b) => (b ? true : undefined)),
      ),
    ),
    createdAt: restoreAs(FiniteNumber, 0),
    updatedAt: restoreAs(FiniteNumber, 0),
    messages: restoreAs(v.array(StoredMessageSchema, 'must be a list.'), []),
    settings: v.optional(restoreAs(ConversationSettingsSchema, DEFAULT_SETTINGS), DEFAULT_SETTINGS),
  },
  'expected a chat object.',
);

export const ChatStateSchema = v.pipe(
  v.object(
    {
      conversations: restoreAs(v.record(KeyId, ConversationSchema), {}),
      /** When each deleted chat was deleted, so another tab's older copy cannot bring it back. */
      deletedConversations: restoreAs(v.record(KeyId, FiniteNumber), {}),
      activeConversationId: restoreAs(v.nullable(v.string()), null),
      selectedModelId: restoreAs(v.nullable(v.string()), null),
    },
    'expected an object.',
  ),
  // Chats are keyed by their own ids; an open chat must exist.
  v.transform((state) => {
    const conversations = Object.fromEntries(
      Object.values(state.conversations)
        .filter((c) => isSafeKey(c.id))
        .map((c) => [c.id, c] as const),
    );
    const active = state.activeConversationId;
    return {
      ...state,
      conversations,
      activeConversationId: active !== null && Object.hasOwn(conversations, active) ? active : null,
    };
  }),
);

export type MessageVersion = v.InferOutput<typeof MessageVersionSchema>;
export type ReplyStats = NonNullable<MessageVersion['stats']>;
export type MessageSource = NonNullable<MessageVersion['sources']>[number];
export type ImageRef = v.InferOutput<typeof ImageRefSchema>;
export type StoredMessage = v.InferOutput<typeof StoredMessageSchema>;
export type MessageRole = StoredMessage['role'];
export type Conversation = v.InferOutput<typeof ConversationSchema>;
export type PersistedChatState = v.InferOutput<typeof ChatStateSchema>;

/** Every field of a version, as the declaration lists them (for moving versions in and out). */
export const VERSION_FIELDS = Object.keys(versionEntries) as (keyof MessageVersion)[];

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
  // v4 lets a reply carry an extraction table. No v3 message has one; the new version keeps a v3
  // tab from writing over chats with tables, and a v3 Nook from importing them half read.
  3: (state) => state,
};

export function migrateChatState(persisted: unknown, fromVersion: number): unknown {
  let state = isRecord(persisted) ? persisted : {};
  for (let v = fromVersion; v < CHAT_STATE_VERSION; v++) {
    const step = migrations[v];
    if (step) state = step(state);
  }
  return state;
}

/** Validates stored data, keeping every entry that makes sense and dropping the rest. */
export function restoreChatState(persisted: unknown): PersistedChatState {
  return readLenient(ChatStateSchema, persisted) ?? emptyChatState;
}
