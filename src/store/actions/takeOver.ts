import { useChatStore } from '../chatStore';
import { takeGpuFromOtherTab } from '../session/modelSession';
import { generateReply } from './generateReply';

/**
 * Takes the GPU from the tab that holds it, loads this tab's model, and answers the question that
 * was waiting for it, if any.
 */
export async function takeOverFromOtherTab(): Promise<void> {
  if (!(await takeGpuFromOtherTab())) return;
  const { activeConversationId, conversations } = useChatStore.getState();
  const waiting = activeConversationId ? conversations[activeConversationId] : undefined;
  if (waiting?.messages.at(-1)?.role === 'user') await generateReply(waiting.id);
}
