import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useLayoutEffect, useRef } from 'react';
import { useRuntimeStore } from '../../store/runtimeStore';
import { selectIsGenerating } from '../../store/selectors';
import type { StoredMessage } from '../../store/schema';
import { MessageItem } from './MessageItem';
import './chat.css';

/** Within this many pixels of the end, the list follows new text as it streams in. */
const STICK_PX = 80;

/**
 * The messages of a chat, virtualized: only those near the viewport are in the page, so a chat
 * of thousands of messages opens and scrolls as fast as a short one. The list keeps to the bottom
 * while a reply grows, unless the reader has scrolled up.
 */
export function MessageList({
  conversationId,
  messages,
}: {
  conversationId: string;
  messages: readonly StoredMessage[];
}) {
  const scroller = useRef<HTMLElement>(null);
  const atBottom = useRef(true);
  const lastScrollTop = useRef(0);
  const busy = useRuntimeStore(selectIsGenerating);
  // TanStack Virtual hands back fresh functions on every render, which the React Compiler cannot
  // memoize; Nook does not use the compiler, so nothing is lost.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: messages.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => 160,
    overscan: 8,
    getItemKey: (index) => messages[index]?.id ?? index,
  });

  // Opening a chat starts at its end.
  useLayoutEffect(() => {
    atBottom.current = true;
    if (messages.length > 0) virtualizer.scrollToIndex(messages.length - 1, { align: 'end' });
    // Only when another chat is opened.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [conversationId]);

  // New messages, and text growing in the last one, keep the end in view when it was in view.
  const totalSize = virtualizer.getTotalSize();
  useEffect(() => {
    const element = scroller.current;
    if (element && atBottom.current) element.scrollTop = element.scrollHeight;
  }, [totalSize, messages.length]);

  // So does the list itself getting shorter (a panel opening above it, a taller message box).
  useEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const observer = new ResizeObserver(() => {
      if (atBottom.current) element.scrollTop = element.scrollHeight;
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  return (
    <section
      ref={scroller}
      className="message-list"
      aria-label="Messages"
      onScroll={(event) => {
        const el = event.currentTarget;
        const nearEnd = el.scrollTop + el.clientHeight >= el.scrollHeight - STICK_PX;
        // Only the reader scrolling up lets go of the end; text arriving faster than the scroll
        // events (which then find the end moved away) must not.
        if (nearEnd) atBottom.current = true;
        else if (el.scrollTop < lastScrollTop.current) atBottom.current = false;
        lastScrollTop.current = el.scrollTop;
      }}
    >
      <div className="message-list-inner" style={{ height: totalSize }}>
        {virtualizer.getVirtualItems().map((item) => {
          const message = messages[item.index];
          if (!message) return null;
          return (
            <div
              key={item.key}
              data-index={item.index}
              ref={virtualizer.measureElement}
              className="message-slot"
              style={{ transform: `translateY(${item.start}px)` }}
            >
              <MessageItem
                conversationId={conversationId}
                message={message}
                isLast={item.index === messages.length - 1}
                busy={busy}
              />
            </div>
          );
        })}
      </div>
    </section>
  );
}
