import { updateConversation } from '../chatStore';
import { clampGeneration, MAX_SYSTEM_PROMPT_LENGTH, type ConversationSettings } from '../settings';

/** Changes a chat's settings; values are clamped into their bounds on the way in. */
export function updateSettings(conversationId: string, patch: Partial<ConversationSettings>): void {
  updateConversation(conversationId, (c) => ({
    ...c,
    settings: {
      systemPrompt: (patch.systemPrompt ?? c.settings.systemPrompt).slice(
        0,
        MAX_SYSTEM_PROMPT_LENGTH,
      ),
      generation: clampGeneration({ ...c.settings.generation, ...patch.generation }),
      thinking: patch.thinking ?? c.settings.thinking,
    },
  }));
}
