/**
 * Nook's chat messages as WebLLM's request messages: a user message with images becomes OpenAI
 * content parts, the images first and then the one text part, which is the order WebLLM prefills
 * them in anyway (Conversation.getPromptArrayInternal puts every image of a message before its
 * text) and the only shape it accepts (postInitAndCheckFields: at most one text part, no
 * image_url.detail, a url starting "data:image" or "http"; a blob: URL is refused). Runs in the
 * engine worker, so encoding megabytes of base64 never holds up the page.
 * Must not import the store or any view.
 */
import type { ChatCompletionMessageParam } from '@mlc-ai/web-llm';
import type { ChatImage, ChatMessage } from '../protocol';

function readAsDataUrl(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('The image could not be read'));
    reader.readAsDataURL(blob);
  });
}

/**
 * Data URLs by image id. WebLLM reuses its KV cache only when earlier messages are exactly the
 * same, image URLs included (compareConversationObject), so an image must be sent as the same
 * string every turn; keeping the strings also saves encoding them again. Only the images of the
 * last request are kept.
 */
export class ImageUrls {
  private urls = new Map<string, string>();

  async toRequestMessages(messages: readonly ChatMessage[]): Promise<ChatCompletionMessageParam[]> {
    const next = new Map<string, string>();
    const url = async (image: ChatImage) => {
      const known =
        next.get(image.id) ?? this.urls.get(image.id) ?? (await readAsDataUrl(image.blob));
      next.set(image.id, known);
      return known;
    };
    const converted: ChatCompletionMessageParam[] = [];
    for (const message of messages) {
      const images = message.role === 'user' ? (message.images ?? []) : [];
      if (images.length === 0) {
        converted.push({ role: message.role, content: message.content });
        continue;
      }
      const parts = [];
      for (const image of images) {
        parts.push({ type: 'image_url' as const, image_url: { url: await url(image) } });
      }
      converted.push({
        role: 'user',
        content: [...parts, { type: 'text', text: message.content }],
      });
    }
    this.urls = next;
    return converted;
  }
}
