import { useEffect, useRef } from 'react';
import type { StoredMessage } from '../../store/schema';
import { MessageItem } from './MessageItem';

export function MessageList({ messages }: { messages: readonly StoredMessage[] }) {
  const end = useRef<HTMLDivElement>(null);
  const last = messages[messages.length - 1];
  useEffect(() => {
    end.current?.scrollIntoView?.({ block: 'end' });
  }, [messages.length, last?.status]);
  return (
    <section
      className="message-list"
      aria-label="Messages"
      aria-live="polite"
      aria-relevant="additions"
    >
      {messages.map((m) => (
        <MessageItem key={m.id} message={m} />
      ))}
      <div ref={end} />
    </section>
  );
}
