import { getEngine, type CallOptions } from '../../engine/client';
import { classifyError, type EngineError } from '../../engine/errors';
import type { ChatResult, GenerationOptions } from '../../engine/protocol';
import { newId } from '../../lib/ids';
import { createFrameBatchedText } from '../../lib/rafBatch';
import {
  buildPrompt,
  chatSystemPrompt,
  CONTINUE_PROMPT,
  imageTokens,
  sentHistory,
  type PromptResult,
} from '../../prompts/chat';
import { questionWithExcerpts } from '../../prompts/documents';
import { quirksFor } from '../../prompts/modelQuirks';
import { contextWindowOf, findCatalogEntry } from '../catalog';
import { appendMessage, updateConversation, updateMessage, useChatStore } from '../chatStore';
import { addVersion } from '../messageVersions';
import { setDraft, useRuntimeStore } from '../runtimeStore';
import type { Conversation, MessageSource, ReplyStats, StoredMessage } from '../schema';
import { retrieveExcerpts } from './documents';
import { loadImageBlobs } from './images';
import { inflight } from '../inflight';
import { recoverEngine } from '../session/engineHealth';
import { ensureModelLoaded } from '../session/loadModel';
import { calibrate, countTokens } from '../session/tokenCounts';

/** A new reply, another version of an existing one, or more of a reply that was cut off. */
export type ReplyTarget =
  | { kind: 'new'; messageId?: string }
  | { kind: 'regenerate'; messageId: string }
  | { kind: 'continue'; messageId: string };

const FINISH_STATUS = { stop: 'done', abort: 'stopped', length: 'truncated' } as const;
const CHECKPOINT_MS = 1000;
const LIVE_RATE_MIN_S = 0.5;
/**
 * When the engine counts more tokens than Nook did (its tokenizer was not at hand), the prompt is
 * trimmed to this share of the room it had and sent again, this many times at most.
 */
const OVERFLOW_SHRINK = 0.5;
const OVERFLOW_RETRIES = 3;

const TOO_LONG: EngineError = {
  code: 'context-window-exceeded',
  detail: 'The newest message alone does not fit.',
};

/** The messages the model answers, given what is asked of it. */
function historyFor(conversation: Conversation, target: ReplyTarget): StoredMessage[] {
  const { messages } = conversation;
  if (target.kind === 'new') return messages;
  const at = messages.findIndex((m) => m.id === target.messageId);
  if (target.kind === 'regenerate') return messages.slice(0, at);
  const ask: StoredMessage = {
    id: 'continue',
    role: 'user',
    content: CONTINUE_PROMPT,
    createdAt: 0,
    status: 'done',
  };
  return [...messages.slice(0, at + 1), ask];
}

/**
 * In a chat with documents, the newest question is sent with the passages that best match it and
 * kept that way (`sentAs`; the message shows what the user wrote), and the reply records them as
 * its sources, and which documents' passages address the model.
 */
async function groundInDocuments(
  conversationId: string,
  history: StoredMessage[],
  contextWindow: number,
  modelId: string,
): Promise<{ history: StoredMessage[]; sources?: MessageSource[]; instructionsIn?: string[] }> {
  const last = history[history.length - 1];
  if (last?.role !== 'user') return { history };
  const found = await retrieveExcerpts(
    conversationId,
    last.content,
    Math.floor(contextWindow / 3),
    modelId,
  );
  if (!found) return { history };
  const sentAs = questionWithExcerpts(last.content, found.excerpts);
  updateMessage(conversationId, last.id, { sentAs });
  return {
    history: [...history.slice(0, -1), { ...last, sentAs }],
    sources: found.sources,
    ...(found.instructionsIn && { instructionsIn: found.instructionsIn }),
  };
}

function lastDropped(messages: readonly StoredMessage[]): number {
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i];
    if (m?.role === 'assistant') return m.droppedMessages ?? 0;
  }
  return 0;
}

function generationOptions(conversation: Conversation, modelId: string): GenerationOptions {
  const { generation, thinking } = conversation.settings;
  return {
    temperature: generation.temperature,
    top_p: generation.topP,
    max_tokens: generation.maxTokens,
    repetition_penalty: generation.repetitionPenalty,
    ...(quirksFor(modelId).thinking === 'toggle' && { enable_thinking: thinking }),
  };
}

/** Journals of replies still waiting to be continued: the worker deletes any others. */
function journalsToKeep(): string[] {
  return Object.values(useChatStore.getState().conversations).flatMap((c) =>
    c.messages.flatMap((m) => (m.status === 'interrupted' && m.journalId ? [m.journalId] : [])),
  );
}

/** One journal per request: WebLLM refuses to start a journal under an id it already has. */
const newJournalId = (messageId: string) => `${messageId}.${newId()}`;

/**
 * Generates a reply in a conversation, by the chosen model unless `byModel` names another (a
 * comparison): loads the model, prepares the message the reply goes into, then streams it there.
 * Everything is addressed by the ids captured here, so switching chats mid-reply cannot send
 * tokens to the wrong place.
 */
export async function generateReply(
  conversationId: string,
  target: ReplyTarget = { kind: 'new' },
  byModel?: string,
): Promise<void> {
  const modelId = byModel ?? useChatStore.getState().selectedModelId;
  if (!modelId || useRuntimeStore.getState().generation) return;
  const messageId = target.kind === 'new' ? (target.messageId ?? newId()) : target.messageId;
  const controller = new AbortController();
  inflight.generation = controller;
  useRuntimeStore.setState({ generation: { conversationId, messageId } });
  try {
    // Loading is part of answering: a first-time user just types and waits for the model.
    if (!(await ensureModelLoaded(modelId)) || controller.signal.aborted) return;
    const ids = { conversationId, messageId, modelId };
    const prepared = await prepareTarget(ids, target);
    if (prepared) await writeReply(ids, target, prepared, controller.signal);
  } finally {
    if (inflight.generation === controller) inflight.generation = null;
    useRuntimeStore.setState({ generation: null });
  }
}

interface ReplyIds {
  conversationId: string;
  messageId: string;
  modelId: string;
}

/** What writing the reply needs once its message is in place. */
interface PreparedReply {
  /** The request, fitted to `room` tokens of context. */
  promptFor(room: number): PromptResult;
  prompt: Extract<PromptResult, { ok: true }>;
  contextWindow: number;
  options: GenerationOptions;
  /** The reply's text so far, when it is continued. */
  existing: StoredMessage | undefined;
  journalId: string;
}

/**
 * Builds the request (the history the target answers, grounded in the chat's documents, fitted
 * to the context window) and puts the target message in place: a new reply, a new version of a
 * reply, or a reply marked as being continued. null when there is nothing to write (the chat is
 * gone, or its newest message alone does not fit, which the message then says).
 */
async function prepareTarget(
  { conversationId, messageId, modelId }: ReplyIds,
  target: ReplyTarget,
): Promise<PreparedReply | null> {
  const conversation = useChatStore.getState().conversations[conversationId];
  if (!conversation) return null;
  const history = historyFor(conversation, target);
  const contextWindow = contextWindowOf(modelId);
  const grounded = await groundInDocuments(conversationId, history, contextWindow, modelId);
  const options = generationOptions(conversation, modelId);
  const systemPrompt = chatSystemPrompt(conversation.settings.systemPrompt, grounded.history);
  // A model that cannot see is sent the text alone (WebLLM refuses images for it).
  const images = findCatalogEntry(modelId)?.vision
    ? await loadImageBlobs(grounded.history.flatMap((m) => m.images ?? []))
    : undefined;
  const tokens = await countTokens(modelId, [
    systemPrompt,
    ...sentHistory(grounded.history).map((m) => m.content),
  ]);
  const promptFor = (room: number): PromptResult =>
    buildPrompt({
      history: grounded.history,
      systemPrompt,
      quirks: quirksFor(modelId),
      contextWindow: room,
      replyTokens: options.max_tokens ?? 0,
      previouslyDropped: lastDropped(history),
      tokens,
      ...(images && { images }),
    });
  const prompt = promptFor(contextWindow);
  const journalId = newJournalId(messageId);
  const fresh = {
    content: '',
    createdAt: Date.now(),
    status: 'streaming' as const,
    modelId,
    journalId,
    ...(prompt.ok && prompt.droppedMessages > 0 && { droppedMessages: prompt.droppedMessages }),
    ...(grounded.sources && { sources: grounded.sources }),
    ...(grounded.instructionsIn && { instructionsIn: grounded.instructionsIn }),
  };
  const existing = conversation.messages.find((m) => m.id === messageId);
  if (target.kind === 'new') {
    appendMessage(conversationId, { id: messageId, role: 'assistant', ...fresh });
  }
  if (target.kind === 'regenerate' && existing) {
    updateConversation(conversationId, (c) => ({
      ...c,
      messages: c.messages.map((m) => (m.id === messageId ? addVersion(m, fresh) : m)),
    }));
  }
  if (target.kind === 'continue') updateMessage(conversationId, messageId, { status: 'streaming' });
  if (!prompt.ok) {
    updateMessage(conversationId, messageId, { status: 'error', error: TOO_LONG });
    return null;
  }
  return { promptFor, prompt, contextWindow, options, existing, journalId };
}

/**
 * Streams the reply into its message: a reply cut off by a crash is resumed from the engine's
 * journal where it can be; otherwise the request is sent, and sent again trimmed harder when the
 * engine counts more tokens than Nook did.
 */
async function writeReply(
  ids: ReplyIds,
  target: ReplyTarget,
  { promptFor, prompt: firstPrompt, contextWindow, options, existing, journalId }: PreparedReply,
  signal: AbortSignal,
): Promise<void> {
  const { conversationId, messageId, modelId } = ids;
  let prefix = target.kind === 'continue' ? (existing?.content ?? '') : '';
  // A reply cut off by a crash or a closed tab: WebLLM's journal can resume it exactly.
  if (target.kind === 'continue' && existing?.status === 'interrupted' && existing.journalId) {
    const { journalId: resumeId } = existing;
    const resumed = await streamReply(
      ids,
      (callbacks) => getEngine().call.resume({ sessionId: resumeId }, callbacks),
      { prefix, signal, mayOverflow: false },
    );
    if (resumed.kind !== 'nothing-to-resume') return;
    prefix = resumed.text;
  }
  if (target.kind === 'continue') updateMessage(conversationId, messageId, { journalId });
  let prompt: PromptResult = firstPrompt;
  for (let attempt = 0; prompt.ok; attempt++) {
    const { messages } = prompt;
    const outcome = await streamReply(
      ids,
      (callbacks) =>
        getEngine().call.chat(
          { messages, options, journal: { sessionId: journalId, keep: journalsToKeep() } },
          callbacks,
        ),
      {
        prefix,
        signal,
        mayOverflow: attempt < OVERFLOW_RETRIES,
        onResult: (result) => {
          if (result.usage && !result.reusedCache) {
            // What the images took is known exactly; the rest calibrates the text estimate.
            const seen = imageTokens(messages.flatMap((m) => m.images ?? []));
            calibrate(modelId, messages, result.usage.promptTokens - seen);
          }
        },
      },
    );
    if (outcome.kind !== 'overflow') return;
    // The engine counted more than Nook did: trim harder, and ask again.
    prompt = promptFor(Math.floor(contextWindow * OVERFLOW_SHRINK ** (attempt + 1)));
    if (prompt.ok && prompt.droppedMessages > 0) {
      updateMessage(conversationId, messageId, { droppedMessages: prompt.droppedMessages });
    }
  }
  updateMessage(conversationId, messageId, { status: 'error', error: TOO_LONG });
}

type StreamOutcome =
  | { kind: 'written' }
  /** The engine had nothing to resume: the text so far, for the caller to go on another way. */
  | { kind: 'nothing-to-resume'; text: string }
  /** The prompt did not fit the context window after all; nothing was written. */
  | { kind: 'overflow' };

interface StreamSettings {
  prefix: string;
  signal: AbortSignal;
  /** Report an overflow (for another try) rather than writing it into the message as an error. */
  mayOverflow: boolean;
  onResult?: (result: ChatResult) => void;
}

/** Streams a reply into its message, by `run` (a new request, or resuming a journaled one). */
async function streamReply(
  { conversationId, messageId, modelId }: ReplyIds,
  run: (callbacks: CallOptions) => Promise<ChatResult | null>,
  { prefix, signal, mayOverflow, onResult }: StreamSettings,
): Promise<StreamOutcome> {
  const draft = createFrameBatchedText((text) => setDraft(messageId, text), prefix);
  // A crash or a closed tab loses at most a second of the reply. Only a reply that grew is stored
  // again: each store writes every saved chat, and through a long prefill or a slow model (a
  // token every 20 s on a processor) the same text was written every second.
  let checkpointed = draft.text();
  const checkpoint = setInterval(() => {
    const text = draft.text();
    if (text === checkpointed) return;
    checkpointed = text;
    updateMessage(conversationId, messageId, { content: text });
  }, CHECKPOINT_MS);
  const started = performance.now();
  let firstTokenAt: number | undefined;
  let firstBatchTokens = 0;
  let lastTokensAt = 0;
  let received = 0;
  // The live speed for views (presentation mode, stats): tokens that arrived after the first
  // batch, over the time since it; published at most once per frame, after half a second (a
  // shorter span says more about timers than about the model).
  let liveFrame: number | undefined;
  const publishLiveRate = () => {
    liveFrame = undefined;
    const seconds = firstTokenAt === undefined ? 0 : (lastTokensAt - firstTokenAt) / 1000;
    if (seconds < LIVE_RATE_MIN_S) return;
    const tokensPerS = (received - firstBatchTokens) / seconds;
    useRuntimeStore.setState({ liveRate: { messageId, tokensPerS } });
  };
  try {
    const result = await run({
      signal,
      onRecovered: (text) => draft.replace(text),
      onTokens: (text, tokens) => {
        lastTokensAt = performance.now();
        if (firstTokenAt === undefined) {
          firstTokenAt = lastTokensAt;
          firstBatchTokens = tokens;
        }
        received += tokens;
        draft.append(text);
        liveFrame ??= requestAnimationFrame(publishLiveRate);
      },
    });
    if (result === null) return { kind: 'nothing-to-resume', text: draft.finish() };
    onResult?.(result);
    const finishedAt = performance.now();
    const receivedTokensPerS =
      firstTokenAt !== undefined && received > 1 && finishedAt > firstTokenAt
        ? ((received - 1) * 1000) / (finishedAt - firstTokenAt)
        : null;
    const stats: ReplyStats | undefined = result.usage && {
      promptTokens: result.usage.promptTokens,
      completionTokens: result.usage.completionTokens,
      timeToFirstTokenS: result.usage.timeToFirstTokenS,
      prefillTokensPerS: result.usage.prefillTokensPerS,
      decodeTokensPerS: result.usage.decodeTokensPerS,
      receivedTokensPerS,
    };
    updateMessage(conversationId, messageId, {
      content: draft.finish(),
      status: FINISH_STATUS[result.finishReason],
      ...(stats && { stats }),
    });
    if (stats) {
      const reply = { ...stats, messageId, modelId, finishedAt: Date.now() };
      useRuntimeStore.setState((s) => ({ sessionReplies: [...s.sessionReplies, reply] }));
    }
    // Exposed through the User Timing API for `npm run bench` and the browser's profiler.
    performance.measure('nook:reply', {
      start: started,
      end: finishedAt,
      detail: { tokens: received, firstTokenAt, finishedAt, usage: result.usage ?? null },
    });
  } catch (err) {
    const error = classifyError(err);
    if (mayOverflow && error.code === 'context-window-exceeded' && received === 0) {
      draft.finish();
      return { kind: 'overflow' };
    }
    // A lost GPU or a dead worker cut the reply off: keep it, to be continued once the model is back.
    const cutOff = error.code === 'device-lost' || error.code === 'worker-crashed';
    updateMessage(conversationId, messageId, {
      content: draft.finish(),
      status: cutOff ? 'interrupted' : 'error',
      error,
    });
    // A crashed worker is recovered by the engine watcher; a lost device leaves the worker alive.
    if (error.code === 'device-lost') void recoverEngine(modelId, error);
  } finally {
    clearInterval(checkpoint);
    if (liveFrame !== undefined) cancelAnimationFrame(liveFrame);
    useRuntimeStore.setState({ liveRate: null });
    setDraft(messageId, undefined);
  }
  return { kind: 'written' };
}
