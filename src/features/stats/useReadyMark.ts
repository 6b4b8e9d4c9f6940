import { useEffect } from 'react';
import { useChatStore } from '../../store/chatStore';
import { useRuntimeStore } from '../../store/runtimeStore';
import { markOnce, READY_MARK } from './startMarks';

/**
 * Marks the moment the app can send: its own message box is on screen (past the GPU probe) and a
 * model is chosen from the catalog (built into the app: no engine is waited for).
 */
export function useReadyMark(): void {
  const probed = useRuntimeStore((s) => s.gpu !== null);
  const chosen = useChatStore((s) => s.selectedModelId !== null);
  useEffect(() => {
    if (probed && chosen) markOnce(READY_MARK);
  }, [probed, chosen]);
}
