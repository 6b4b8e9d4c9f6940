import { useDeferredValue, useMemo, useState } from 'react';
import { useChatStore } from '../../store/chatStore';
import { useRuntimeStore } from '../../store/runtimeStore';
import { listConversations } from '../../store/selectors';
import { ConversationItem } from './ConversationItem';
import './conversations.css';

export const SEARCH_INPUT_ID = 'chat-search';

/** The chats, newest first, with search over titles and message text. */
export function ConversationSidebar({ open }: { open: boolean }) {
  const conversations = useChatStore((s) => s.conversations);
  const activeId = useChatStore((s) => s.activeConversationId);
  const busyId = useRuntimeStore((s) => s.generation?.conversationId);
  const [query, setQuery] = useState('');
  const deferredQuery = useDeferredValue(query);
  const list = useMemo(
    () => listConversations(conversations, deferredQuery, activeId),
    [conversations, deferredQuery, activeId],
  );

  return (
    <nav className={open ? 'sidebar open' : 'sidebar'} aria-label="Chats" id="chat-sidebar">
      <input
        id={SEARCH_INPUT_ID}
        type="search"
        aria-label="Search"
        placeholder="Search chats (Ctrl+K)"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
      />
      {list.length === 0 ? (
        <p className="muted sidebar-empty">{query ? 'No chat matches.' : 'No chats yet.'}</p>
      ) : (
        <ul className="conversation-list">
          {list.map((c) => (
            <ConversationItem
              key={c.id}
              conversation={c}
              active={c.id === activeId}
              busy={c.id === busyId}
            />
          ))}
        </ul>
      )}
    </nav>
  );
}
