import { useChatStore } from '../chatStore';
import { useRuntimeStore } from '../runtimeStore';

/** Chooses the model for the next reply; the switch happens when that reply is sent. */
export function selectModel(modelId: string): void {
  if (useRuntimeStore.getState().generation) return;
  useChatStore.setState({ selectedModelId: modelId });
}
