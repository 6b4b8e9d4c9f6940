import { useEffect } from 'react';
import { useChatStore } from '../../store/chatStore';
import { useRuntimeStore } from '../../store/runtimeStore';

export const INTERACTIVE_MARK = 'nook:interactive';

let marked = false;

/**
 * Marks, through the User Timing API, the moment the app first becomes usable: the message box is
 * on screen (the app shell rendered past the GPU probe) and a model is chosen from the catalog
 * (built into the app: no engine is waited for).
 * `npm run bench` (bench/app-start.mjs) reads it as time to interactive.
 */
export function useInteractiveMark(): void {
  const ready = useRuntimeStore((s) => s.gpu?.status === 'available');
  const chosen = useChatStore((s) => s.selectedModelId !== null);
  useEffect(() => {
    if (!ready || !chosen || marked) return;
    marked = true;
    performance.mark(INTERACTIVE_MARK);
  }, [ready, chosen]);
}
