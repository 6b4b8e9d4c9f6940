import { getEngine } from '../../engine/client';
import { classifyError } from '../../engine/errors';
import { newId } from '../../lib/ids';
import { createFrameBatchedText } from '../../lib/rafBatch';
import { buildChatMessages, titleFromMessage } from '../../prompts/chat';
import { appendMessage, updateConversation, updateMessage, useChatStore } from '../chatStore';
import { useRuntimeStore } from '../runtimeStore';
import type { ReplyStats } from '../schema';
import { ensureActiveConversation, NEW_CHAT_TITLE } from './conversations';
import { inflight } from './inflight';
import { ensureModelLoaded } from './loadModel';

/** Adds the user's message to the open chat and streams the model's reply to it. */
export async function sendMessage(text: string): Promise<void> {
  const content = text.trim();
  if (!content || useRuntimeStore.getState().generation) return;
  const conversationId = ensureActiveConversation();
  appendMessage(conversationId, {
    id: newId(),
    role: 'user',
    content,
    createdAt: Date.now(),
    status: 'done',
  });
  updateConversation(conversationId, (c) =>
    c.title === NEW_CHAT_TITLE ? { ...c, title: titleFromMessage(content) } : c,
  );
  await generateReply(conversationId);
}

function setDraft(messageId: string, text: string | undefined): void {
  useRuntimeStore.setState(({ drafts }) => {
    const { [messageId]: _previous, ...others } = drafts;
    return { drafts: text === undefined ? others : { ...others, [messageId]: text } };
  });
}

/**
 * Generates the next assistant message of a conversation. Everything is addressed by the ids
 * captured here, so switching chats mid-reply cannot send tokens to the wrong place.
 */
export async function generateReply(conversationId: string): Promise<void> {
  const modelId = useChatStore.getState().selectedModelId;
  if (!modelId) return;
  const messageId = newId();
  const controller = new AbortController();
  inflight.generation = controller;
  useRuntimeStore.setState({ generation: { conversationId, messageId } });
  try {
    // Loading is part of answering: a first-time user just types and waits for the model.
    if (!(await ensureModelLoaded(modelId)) || controller.signal.aborted) return;
    const history = useChatStore.getState().conversations[conversationId]?.messages ?? [];
    appendMessage(conversationId, {
      id: messageId,
      role: 'assistant',
      content: '',
      createdAt: Date.now(),
      status: 'streaming',
      modelId,
    });
    await streamReply(conversationId, messageId, buildChatMessages(history), controller.signal);
  } finally {
    if (inflight.generation === controller) inflight.generation = null;
    useRuntimeStore.setState({ generation: null });
  }
}

async function streamReply(
  conversationId: string,
  messageId: string,
  messages: ReturnType<typeof buildChatMessages>,
  signal: AbortSignal,
): Promise<void> {
  const draft = createFrameBatchedText((text) => setDraft(messageId, text));
  const started = performance.now();
  let firstTokenAt: number | undefined;
  let received = 0;
  try {
    const result = await getEngine().chat(
      { messages },
      {
        signal,
        onTokens: (text, tokens) => {
          firstTokenAt ??= performance.now();
          received += tokens;
          draft.append(text);
        },
      },
    );
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
      status: result.finishReason === 'abort' ? 'stopped' : 'done',
      ...(stats && { stats }),
    });
    // Exposed through the User Timing API for `npm run bench` and the browser's profiler.
    performance.measure('nook:reply', {
      start: started,
      end: finishedAt,
      detail: { tokens: received, firstTokenAt, finishedAt, usage: result.usage ?? null },
    });
  } catch (err) {
    updateMessage(conversationId, messageId, {
      content: draft.finish(),
      status: 'error',
      error: classifyError(err),
    });
  } finally {
    setDraft(messageId, undefined);
  }
}
