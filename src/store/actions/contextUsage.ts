import { sentHistory } from '../../prompts/chat';
import { contextWindowOf } from '../catalog';
import { useChatStore } from '../chatStore';
import { countTokens } from './tokenCounts';

export interface ContextUsage {
  usedTokens: number;
  windowTokens: number;
  /** Counted by the model's own tokenizer (it is loaded), not estimated. */
  exact: boolean;
}

/** How much of the chosen model's context window a chat fills, as it would be sent now. */
export async function measureContext(conversationId: string): Promise<ContextUsage | null> {
  const { conversations, selectedModelId: modelId } = useChatStore.getState();
  const conversation = conversations[conversationId];
  if (!conversation || !modelId) return null;
  const system = conversation.settings.systemPrompt.trim();
  const texts = [
    ...(system ? [system] : []),
    ...sentHistory(conversation.messages).map((m) => m.content),
  ];
  const tokens = await countTokens(modelId, texts);
  return {
    usedTokens: texts.reduce((sum, text) => sum + tokens.count(text) + tokens.perMessage, 0),
    windowTokens: contextWindowOf(modelId),
    exact: tokens.exact,
  };
}
