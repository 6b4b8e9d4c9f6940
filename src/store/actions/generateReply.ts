import { getEngine, type ChatOptions } from '../../engine/client';
import { classifyError } from '../../engine/errors';
import type { ChatResult, GenerationOptions } from '../../engine/protocol';
import { newId } from '../../lib/ids';
import { createFrameBatchedText } from '../../lib/rafBatch';
import { buildPrompt, CONTINUE_PROMPT } from '../../prompts/chat';
import { questionWithExcerpts } from '../../prompts/documents';
import { quirksFor } from '../../prompts/modelQuirks';
import { contextWindowOf } from '../catalog';
import { appendMessage, updateConversation, updateMessage, useChatStore } from '../chatStore';
import { addVersion } from '../messageVersions';
import { setDraft, useRuntimeStore } from '../runtimeStore';
import type { Conversation, MessageSource, ReplyStats, StoredMessage } from '../schema';
import { retrieveExcerpts } from './documents';
import { inflight } from './inflight';
import { recoverEngine } from './engineHealth';
import { ensureModelLoaded } from './loadModel';

/** A new reply, another version of an existing one, or more of a reply that was cut off. */
export type ReplyTarget =
  | { kind: 'new' }
  | { kind: 'regenerate'; messageId: string }
  | { kind: 'continue'; messageId: string };

const FINISH_STATUS = { stop: 'done', abort: 'stopped', length: 'truncated' } as const;
const CHECKPOINT_MS = 1000;
const LIVE_RATE_MIN_S = 0.5;

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
 * In a chat with documents, the newest question is sent with the passages that best match it
 * (the stored message stays as the user wrote it), and the reply records them as its sources.
 */
async function groundInDocuments(
  conversationId: string,
  history: StoredMessage[],
  contextWindow: number,
): Promise<{ history: StoredMessage[]; sources?: MessageSource[] }> {
  const last = history[history.length - 1];
  if (last?.role !== 'user') return { history };
  const found = await retrieveExcerpts(conversationId, last.content, Math.floor(contextWindow / 3));
  if (!found) return { history };
  const question = { ...last, content: questionWithExcerpts(last.content, found.excerpts) };
  return { history: [...history.slice(0, -1), question], sources: found.sources };
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

/**
 * Generates a reply in a conversation. Everything is addressed by the ids captured here, so
 * switching chats mid-reply cannot send tokens to the wrong place.
 */
export async function generateReply(
  conversationId: string,
  target: ReplyTarget = { kind: 'new' },
): Promise<void> {
  const modelId = useChatStore.getState().selectedModelId;
  if (!modelId || useRuntimeStore.getState().generation) return;
  const messageId = target.kind === 'new' ? newId() : target.messageId;
  const controller = new AbortController();
  inflight.generation = controller;
  useRuntimeStore.setState({ generation: { conversationId, messageId } });
  try {
    // Loading is part of answering: a first-time user just types and waits for the model.
    if (!(await ensureModelLoaded(modelId)) || controller.signal.aborted) return;
    const conversation = useChatStore.getState().conversations[conversationId];
    if (!conversation) return;
    const history = historyFor(conversation, target);
    const contextWindow = contextWindowOf(modelId);
    const grounded = await groundInDocuments(conversationId, history, contextWindow);
    const options = generationOptions(conversation, modelId);
    const prompt = buildPrompt({
      history: grounded.history,
      systemPrompt: conversation.settings.systemPrompt,
      quirks: quirksFor(modelId),
      contextWindow,
      replyTokens: options.max_tokens ?? 0,
      previouslyDropped: lastDropped(history),
    });
    const fresh = {
      content: '',
      createdAt: Date.now(),
      status: 'streaming' as const,
      modelId,
      ...(prompt.ok && prompt.droppedMessages > 0 && { droppedMessages: prompt.droppedMessages }),
      ...(grounded.sources && { sources: grounded.sources }),
    };
    const existing = conversation.messages.find((m) => m.id === messageId);
    if (target.kind === 'new')
      appendMessage(conversationId, { id: messageId, role: 'assistant', ...fresh });
    if (target.kind === 'regenerate' && existing) {
      updateConversation(conversationId, (c) => ({
        ...c,
        messages: c.messages.map((m) => (m.id === messageId ? addVersion(m, fresh) : m)),
      }));
    }
    if (target.kind === 'continue')
      updateMessage(conversationId, messageId, { status: 'streaming' });
    if (!prompt.ok) {
      updateMessage(conversationId, messageId, {
        status: 'error',
        error: {
          code: 'context-window-exceeded',
          detail: 'The newest message alone does not fit.',
        },
      });
      return;
    }
    const ids = { conversationId, messageId, modelId };
    let prefix = target.kind === 'continue' ? (existing?.content ?? '') : '';
    // A reply cut off by a crash or a closed tab: WebLLM's journal can resume it exactly.
    if (target.kind === 'continue' && existing?.status === 'interrupted') {
      const left = await streamReply(
        ids,
        (callbacks) => getEngine().resume(messageId, callbacks),
        prefix,
        controller.signal,
      );
      if (left === null) return;
      prefix = left;
    }
    await streamReply(
      ids,
      (callbacks) =>
        getEngine().chat(
          { messages: prompt.messages, options, resumableSessionId: messageId },
          callbacks,
        ),
      prefix,
      controller.signal,
    );
  } finally {
    if (inflight.generation === controller) inflight.generation = null;
    useRuntimeStore.setState({ generation: null });
  }
}

/**
 * Streams a reply into its message, by `run` (a new request, or resuming a journaled one).
 * Resolves null once the message is written, or, when `run` found nothing to do, with the text
 * so far so the caller can try another way.
 */
async function streamReply(
  {
    conversationId,
    messageId,
    modelId,
  }: { conversationId: string; messageId: string; modelId: string },
  run: (callbacks: ChatOptions) => Promise<ChatResult | null>,
  prefix: string,
  signal: AbortSignal,
): Promise<string | null> {
  const draft = createFrameBatchedText((text) => setDraft(messageId, text), prefix);
  // A crash or a closed tab loses at most a second of the reply.
  const checkpoint = setInterval(
    () => updateMessage(conversationId, messageId, { content: draft.text() }),
    CHECKPOINT_MS,
  );
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
    if (result === null) return draft.finish();
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
  return null;
}
