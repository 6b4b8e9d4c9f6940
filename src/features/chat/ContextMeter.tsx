import { useEffect, useState } from 'react';
import { formatCount } from '../../lib/format';
import { measureContext, type ContextUsage } from '../../store/actions/contextUsage';
import { useChatStore } from '../../store/chatStore';
import { useRuntimeStore } from '../../store/runtimeStore';

/** Counting waits for typing, streaming and loading to settle this long. */
const SETTLE_MS = 300;

/**
 * How full the model's context window is with this chat: counted by the model's own tokenizer
 * once it is loaded, estimated (≈) before.
 */
export function ContextMeter({ conversationId }: { conversationId: string }) {
  const conversation = useChatStore((s) => s.conversations[conversationId]);
  const modelId = useChatStore((s) => s.selectedModelId);
  const engine = useRuntimeStore((s) => s.engine);
  const generating = useRuntimeStore((s) => s.generation !== null);
  const [usage, setUsage] = useState<ContextUsage | null>(null);
  useEffect(() => {
    if (generating) return;
    let current = true;
    const timer = setTimeout(() => {
      void measureContext(conversationId).then((measured) => {
        if (current) setUsage(measured);
      });
    }, SETTLE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [conversationId, conversation, modelId, engine, generating]);
  if (!usage || !conversation || conversation.messages.length === 0) return null;
  const approx = usage.exact ? '' : '≈';
  return (
    <p className="context-meter">
      <meter
        aria-label="Context used"
        min={0}
        max={usage.windowTokens}
        value={Math.min(usage.usedTokens, usage.windowTokens)}
        high={usage.windowTokens * 0.8}
        optimum={0}
      />
      <span>
        {approx}
        {formatCount(usage.usedTokens)} of {formatCount(usage.windowTokens)} tokens
      </span>
    </p>
  );
}
