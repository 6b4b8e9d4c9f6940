import { useEffect, useRef } from 'react';
import { useRuntimeStore } from '../../store/runtimeStore';
import { selectIsGenerating } from '../../store/selectors';
import type { StoredMessage } from '../../store/schema';
import { MessageItem } from './MessageItem';

export function MessageList({
  conversationId,
  messages,
}: {
  conversationId: string;
  messages: readonly StoredMessage[];
}) {
  const end = useRef<HTMLDivElement>(null);
  const busy = useRuntimeStore(selectIsGenerating);
  const last = messages[messages.length - 1];
  useEffect(() => {
    end.current?.scrollIntoView?.({ block: 'end' });
  }, [messages.length, last?.status]);
  return (
    <section className="message-list" aria-label="Messages">
      {messages.map((m, i) => (
        <MessageItem
          key={m.id}
          conversationId={conversationId}
          message={m}
          isLast={i === messages.length - 1}
          busy={busy}
        />
      ))}
      <div ref={end} />
    </section>
  );
}
