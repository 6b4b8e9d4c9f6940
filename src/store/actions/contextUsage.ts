import { chatSystemPrompt, imageTokens, sentHistory } from '../../prompts/chat';
import { contextWindowOf, findCatalogEntry } from '../catalog';
import type { Conversation } from '../schema';
import { countTokens, knownTokens, type TokenCounter } from '../session/tokenCounts';

export interface ContextUsage {
  usedTokens: number;
  windowTokens: number;
  /** Counted by the model's own tokenizer, not estimated. */
  exact: boolean;
}

/** The texts of a chat as it would be sent now. */
function sentTexts(conversation: Conversation): string[] {
  const system = chatSystemPrompt(conversation.settings.systemPrompt, conversation.messages);
  return [...(system ? [system] : []), ...sentHistory(conversation.messages).map((m) => m.content)];
}

/** The tokens of the chat's images, for a model that sees them. */
function imageUsage(conversation: Conversation, modelId: string): number {
  if (!findCatalogEntry(modelId)?.vision) return 0;
  return imageTokens(conversation.messages.flatMap((m) => m.images ?? []));
}

function usage(
  texts: string[],
  tokens: TokenCounter,
  modelId: string,
  imagesTokens: number,
): ContextUsage {
  return {
    usedTokens:
      imagesTokens + texts.reduce((sum, text) => sum + tokens.count(text) + tokens.perMessage, 0),
    windowTokens: contextWindowOf(modelId),
    exact: tokens.exact,
  };
}

/** How much of the model's context window a chat fills, from what is known already (no waiting). */
export function knownContextUsage(conversation: Conversation, modelId: string): ContextUsage {
  const texts = sentTexts(conversation);
  return usage(texts, knownTokens(modelId, texts), modelId, imageUsage(conversation, modelId));
}

/** The same, counted by the model's tokenizer where it is loaded. */
export async function measureContextUsage(
  conversation: Conversation,
  modelId: string,
): Promise<ContextUsage> {
  const texts = sentTexts(conversation);
  return usage(
    texts,
    await countTokens(modelId, texts),
    modelId,
    imageUsage(conversation, modelId),
  );
}
