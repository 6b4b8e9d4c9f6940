import { newId } from '../../lib/ids';
import { titleFromMessage } from '../../prompts/chat';
import { appendMessage, updateConversation, useChatStore } from '../chatStore';
import { showVersion } from '../messageVersions';
import type { ImageRef } from '../schema';
import { notify, useRuntimeStore } from '../runtimeStore';
import { classifyError } from '../../engine/errors';
import { ensureActiveConversation } from './conversations';
import { generateReply } from './generateReply';
import { takeComposerImages } from './images';

const isBusy = () => useRuntimeStore.getState().generation !== null;

/**
 * Adds the user's message (and its images) to the open chat, which its first message titles;
 * returns both ids.
 */
export function addUserMessage(
  content: string,
  images: ImageRef[] = [],
): { conversationId: string; messageId: string } {
  const conversationId = ensureActiveConversation();
  const messageId = newId();
  appendMessage(conversationId, {
    id: messageId,
    role: 'user',
    content,
    createdAt: Date.now(),
    status: 'done',
    ...(images.length > 0 && { images }),
  });
  const title = content || 'Image';
  updateConversation(conversationId, (c) =>
    c.titleEdited || c.messages.length > 1 ? c : { ...c, title: titleFromMessage(title) },
  );
  return { conversationId, messageId };
}

/**
 * Adds the user's message, with the composer's images, to the open chat and streams the model's
 * reply to it. Resolves false, having changed nothing, when the images could not be saved.
 */
export async function sendMessage(text: string): Promise<boolean> {
  const content = text.trim();
  const withImages = useRuntimeStore.getState().composerImages.length > 0;
  if ((!content && !withImages) || isBusy()) return false;
  let images;
  try {
    images = await takeComposerImages();
  } catch (error) {
    notify(
      'error',
      `The images could not be saved on this device (${classifyError(error).detail}); nothing was sent.`,
    );
    return false;
  }
  void generateReply(addUserMessage(content, images).conversationId);
  return true;
}

export function regenerate(conversationId: string, messageId: string): Promise<void> {
  return generateReply(conversationId, { kind: 'regenerate', messageId });
}

export function continueReply(conversationId: string, messageId: string): Promise<void> {
  return generateReply(conversationId, { kind: 'continue', messageId });
}

/** Replaces a user message, drops everything after it, and asks again. */
export async function editAndResend(
  conversationId: string,
  messageId: string,
  text: string,
): Promise<void> {
  const content = text.trim();
  if (!content || isBusy()) return;
  updateConversation(conversationId, (c) => {
    const at = c.messages.findIndex((m) => m.id === messageId);
    const original = c.messages[at];
    if (!original) return c;
    // The question as once sent with document passages no longer matches what it asks.
    const { sentAs: _sentAs, ...kept } = original;
    const edited = { ...kept, content, createdAt: Date.now() };
    return { ...c, messages: [...c.messages.slice(0, at), edited] };
  });
  await generateReply(conversationId);
}

export function deleteMessage(conversationId: string, messageId: string): void {
  const generation = useRuntimeStore.getState().generation;
  if (generation?.messageId === messageId) return;
  updateConversation(conversationId, (c) => ({
    ...c,
    messages: c.messages.filter((m) => m.id !== messageId),
  }));
}

export function showReplyVersion(conversationId: string, messageId: string, index: number): void {
  if (isBusy()) return;
  updateConversation(conversationId, (c) => ({
    ...c,
    messages: c.messages.map((m) => (m.id === messageId ? showVersion(m, index) : m)),
  }));
}

export async function copyMessage(conversationId: string, messageId: string): Promise<void> {
  const message = useChatStore
    .getState()
    .conversations[conversationId]?.messages.find((m) => m.id === messageId);
  if (message) await navigator.clipboard.writeText(message.content);
}
