/**
 * TEST BUILD ONLY. What WebLLM (0.2.86) does with image content parts, for the scripted engine:
 * - postInitAndCheckFields: a user message whose content is not a string needs a model of
 *   ModelType.VLM, else UserMessageContentErrorForNonVLM; each image_url must have no `detail`
 *   (UnsupportedDetailError) and a url starting "data:image" or "http" (UnsupportedImageURLError);
 *   at most one text part per message (MultipleTextContentError). Only user messages may carry
 *   parts: an assistant's must be a string (getConversationFromChatCompletionRequest,
 *   ContentTypeError).
 * - getImageDataFromURL: the url is fetched (`fetch(url, { mode: "cors" })`, data: URLs too) and
 *   decoded with createImageBitmap; its size decides its tokens (computeImageEmbedSize).
 */
import type { ChatCompletionMessageParam } from '@mlc-ai/web-llm';
import { imageEmbedTokens } from '../../vision';
import { named } from './named';

/** WebLLM's ModelType.VLM. */
const MODEL_TYPE_VLM = 2;

/** Each image URL of a request: the size it decoded to, and the tokens of its embedding. */
export type MeasuredImages = Map<string, { width: number; height: number; tokens: number }>;

type Part = Exclude<ChatCompletionMessageParam['content'], string | null | undefined>[number];

function partsOf(message: ChatCompletionMessageParam): readonly Part[] {
  return Array.isArray(message.content) ? (message.content as Part[]) : [];
}

/** The urls of a message's images, in order. */
export function imageParts(message: ChatCompletionMessageParam): string[] {
  return partsOf(message).flatMap((p) => (p.type === 'image_url' ? [p.image_url.url] : []));
}

/** The text the model reads of a message: its string, or its one text part. */
export function textOf(message: ChatCompletionMessageParam): string {
  if (typeof message.content === 'string') return message.content;
  return partsOf(message).find((p) => p.type === 'text')?.text ?? '';
}

/** postInitAndCheckFields and getConversationFromChatCompletionRequest, for content parts. */
export function checkContentParts(
  messages: readonly ChatCompletionMessageParam[],
  modelId: string,
  modelType: number | undefined,
): void {
  for (const message of messages) {
    if (typeof message.content === 'string') continue;
    if (message.role === 'assistant') {
      throw named('ContentTypeError', "assistant's message should have string content");
    }
    if (message.role !== 'user') continue;
    if (modelType !== MODEL_TYPE_VLM) {
      throw named(
        'UserMessageContentErrorForNonVLM',
        'The model loaded is not of type ModelType.VLM (vision-language model). Therefore, user ' +
          `message only supports string content, but received: ${JSON.stringify(message.content).slice(0, 80)}\n` +
          `Loaded modelId: ${modelId}, modelType: ${modelType === 1 ? 'embedding' : 'LLM'}`,
      );
    }
    let texts = 0;
    for (const part of partsOf(message)) {
      if (part.type === 'image_url') {
        const { detail, url } = part.image_url;
        if (detail !== undefined && detail !== null) {
          throw named(
            'UnsupportedDetailError',
            `Currently do not support field image_url.detail, but received: ${detail}`,
          );
        }
        if (!url.startsWith('data:image') && !url.startsWith('http')) {
          throw named(
            'UnsupportedImageURLError',
            `image_url.url should start with "data:image" for base64, or with "http", but got: ${url.slice(0, 40)}`,
          );
        }
      } else if (part.type === 'text') {
        texts += 1;
      }
    }
    if (texts > 1) {
      throw named(
        'MultipleTextContentError',
        'Each message can have at most one text contentPart, but received more than 1.',
      );
    }
  }
}

/** getImageDataFromURL for every image of the request, then each one's embedding size. */
export async function measureImages(
  messages: readonly ChatCompletionMessageParam[],
): Promise<MeasuredImages> {
  const measured: MeasuredImages = new Map();
  await Promise.all(
    [...new Set(messages.flatMap(imageParts))].map(async (url) => {
      const response = await fetch(url, { mode: 'cors' });
      const bitmap = await createImageBitmap(await response.blob());
      const { width, height } = bitmap;
      bitmap.close();
      measured.set(url, { width, height, tokens: imageEmbedTokens(height, width) });
    }),
  );
  return measured;
}
