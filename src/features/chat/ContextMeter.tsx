import { useEffect, useMemo, useState } from 'react';
import { formatCount } from '../../lib/format';
import {
  knownContextUsage,
  measureContextUsage,
  type ContextUsage,
} from '../../store/actions/contextUsage';
import { useChatStore } from '../../store/chatStore';
import { useRuntimeStore } from '../../store/runtimeStore';
import './chat.css';

/** Counting by the tokenizer waits for typing and streaming to settle this long. */
const SETTLE_MS = 300;

/**
 * How full the model's context window is with this chat: estimated (≈) at once, then counted by
 * the model's own tokenizer while it is loaded.
 */
export function ContextMeter({ conversationId }: { conversationId: string }) {
  const conversation = useChatStore((s) => s.conversations[conversationId]);
  const modelId = useChatStore((s) => s.selectedModelId);
  const loaded = useRuntimeStore(
    (s) => s.engine.status === 'ready' && s.engine.modelId === modelId && s.generation === null,
  );
  const known = useMemo(
    () => (conversation && modelId ? knownContextUsage(conversation, modelId) : null),
    [conversation, modelId],
  );
  const [counted, setCounted] = useState<{ for: unknown; usage: ContextUsage } | null>(null);
  useEffect(() => {
    if (!loaded || !conversation || !modelId || known?.exact) return;
    let current = true;
    const timer = setTimeout(() => {
      void measureContextUsage(conversation, modelId).then((usage) => {
        if (current) setCounted({ for: conversation, usage });
      });
    }, SETTLE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [loaded, conversation, modelId, known?.exact]);
  const usage = counted && counted.for === conversation ? counted.usage : known;
  if (!usage || !conversation || conversation.messages.length === 0) return null;
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
        {usage.exact ? '' : '≈'}
        {formatCount(usage.usedTokens)} of {formatCount(usage.windowTokens)} tokens
      </span>
    </p>
  );
}
