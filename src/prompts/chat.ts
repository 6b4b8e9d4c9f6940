/**
 * Every prompt Nook sends is built here, not in components or stores: the history the model sees,
 * the system prompt (folded into the first turn for models without a system role), and the
 * trimming that keeps a long chat inside the model's context window.
 *
 * Earlier turns are sent exactly as they were sent before: a reply as the model wrote it (its
 * thinking included), a question about a document with the passages it was asked with. WebLLM
 * reads only the newest message when the rest is exactly the conversation it holds
 * (MLCEngine.preparePrefillInput); any change to an earlier turn makes it read the whole chat again.
 */
import type { ChatImage, ChatMessage } from '../engine/protocol';
import { imageEmbedTokens } from '../engine/vision';
import { QUOTED_TEXT_RULE } from './documents';
import type { ModelQuirks } from './modelQuirks';

/**
 * A message of the chat as prompts read it: the store's messages are these and more, and prompts
 * never import the store.
 */
export interface HistoryMessage {
  role: 'user' | 'assistant';
  content: string;
  /** Failed replies and one still being written are not sent. */
  status: string;
  /** A question about documents as it was sent, its passages included. */
  sentAs?: string;
  images?: readonly { id: string; width: number; height: number }[];
}

/** How a prompt's size is counted: tokens of a text, and the chat template's tokens per message. */
export interface TokenCounts {
  count(text: string): number;
  perMessage: number;
}

/** The tokens images take in the prompt of a vision model (WebLLM's computeImageEmbedSize). */
export function imageTokens(images: readonly { width: number; height: number }[]): number {
  return images.reduce((sum, image) => sum + imageEmbedTokens(image.height, image.width), 0);
}

/**
 * The history as the model is sent it: finished turns and partial replies, not failed or empty
 * ones, each as it was sent before. With `images` (the bytes of the chat's images, for a model
 * that can see), a user message carries the images it was sent with; without, it is text only.
 */
export function sentHistory(
  messages: readonly HistoryMessage[],
  images?: ReadonlyMap<string, Blob>,
): ChatMessage[] {
  return messages
    .filter((m) => m.status !== 'error' && m.status !== 'streaming')
    .flatMap((m): ChatMessage[] => {
      const attached: ChatImage[] = (images ? (m.images ?? []) : []).flatMap((ref) => {
        const blob = images?.get(ref.id);
        return blob ? [{ id: ref.id, blob, width: ref.width, height: ref.height }] : [];
      });
      if (m.content.trim() === '' && attached.length === 0) return [];
      const content = m.sentAs ?? m.content;
      return [{ role: m.role, content, ...(attached.length > 0 && { images: attached }) }];
    });
}

/**
 * The system prompt a chat is sent: the user's own and, once the chat holds questions sent with
 * passages of documents, the rule that quoted document text is not the user's. It is added from
 * the first such question on and stays, so later turns still extend the engine's cache (the first
 * one re-reads the chat, as any change to its start does).
 */
export function chatSystemPrompt(systemPrompt: string, history: readonly HistoryMessage[]): string {
  const own = systemPrompt.trim();
  if (!history.some((m) => m.sentAs !== undefined)) return own;
  return own ? `${own}\n\n${QUOTED_TEXT_RULE}` : QUOTED_TEXT_RULE;
}

export interface PromptInput {
  history: readonly HistoryMessage[];
  systemPrompt: string;
  quirks: ModelQuirks;
  contextWindow: number;
  /** Room kept free for the reply. */
  replyTokens: number;
  /** How many of the oldest messages the previous reply already left out (kept, for a stable prefix). */
  previouslyDropped: number;
  tokens: TokenCounts;
  /** The bytes of the chat's images, when the model can see (see sentHistory). */
  images?: ReadonlyMap<string, Blob>;
}

export type PromptResult =
  | { ok: true; messages: ChatMessage[]; droppedMessages: number }
  | { ok: false; reason: 'message-too-long' };

/**
 * Builds the request. When the history outgrows the context window, the oldest messages are left
 * out in one large step (down to 60% of the room), never the system prompt or the newest message:
 * WebLLM reuses its cache only while the start of the conversation stays the same, so trimming a
 * turn at a time would re-read the whole chat on every request.
 */
export function buildPrompt(input: PromptInput): PromptResult {
  const history = sentHistory(input.history, input.images);
  const system = input.systemPrompt.trim();
  const budget = input.contextWindow - Math.min(input.replyTokens, input.contextWindow / 2);
  const { count, perMessage } = input.tokens;
  const systemCost = system ? count(system) + perMessage : 0;
  const cost = (from: number) =>
    history
      .slice(from)
      .reduce(
        (sum, m) => sum + count(m.content) + perMessage + imageTokens(m.images ?? []),
        systemCost,
      );

  const newest = history.length - 1;
  if (newest < 0 || cost(newest) > budget) return { ok: false, reason: 'message-too-long' };

  let dropped = Math.min(input.previouslyDropped, newest);
  if (cost(dropped) > budget) {
    while (dropped < newest && cost(dropped) > budget * 0.6) dropped++;
  }
  // A kept history starts with the user's turn, as chat templates expect.
  while (dropped < newest && history[dropped]?.role !== 'user') dropped++;

  const kept = history.slice(dropped);
  return {
    ok: true,
    messages: withSystemPrompt(kept, system, input.quirks),
    droppedMessages: dropped,
  };
}

function withSystemPrompt(
  messages: ChatMessage[],
  system: string,
  quirks: ModelQuirks,
): ChatMessage[] {
  if (!system) return messages;
  if (quirks.systemRole) return [{ role: 'system', content: system }, ...messages];
  const [first, ...rest] = messages;
  if (!first) return messages;
  return [{ ...first, content: `${system}\n\n${first.content}` }, ...rest];
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

/** Asked after a reply was cut off, so the model picks up where it stopped. */
export const CONTINUE_PROMPT =
  'Continue exactly where your previous answer stopped. Do not repeat anything.';

export interface SystemPromptPreset {
  name: string;
  prompt: string;
}

export const SYSTEM_PROMPT_PRESETS: readonly SystemPromptPreset[] = [
  {
    name: 'Concise assistant',
    prompt: 'You are a helpful assistant. Answer clearly and concisely; use lists when they help.',
  },
  {
    name: 'Summarizer',
    prompt:
      'You summarize text faithfully. Keep names, numbers and dates exact, never add facts, and lead with the main point.',
  },
  {
    name: 'Coder',
    prompt:
      'You are an expert programmer. Give working code in fenced blocks with the language named, then explain briefly.',
  },
  {
    name: 'Translator',
    prompt:
      'You translate the user’s text. If no target language is given, translate into English. Reply with the translation only.',
  },
];
