import { useCallback, useEffect, useState } from 'react';
import { ChatView } from '../features/chat/ChatView';
import { ConversationSidebar } from '../features/conversations/ConversationSidebar';
import { ModelButton } from '../features/models/ModelManager';
import { ModelStatus } from '../features/models/ModelStatus';
import { NoWebGPUScreen } from '../features/setup/NoWebGPUScreen';
import { ensureActiveConversation, newChat } from '../store/actions/conversations';
import { initApp } from '../store/actions/initApp';
import { useChatStore } from '../store/chatStore';
import { useRuntimeStore } from '../store/runtimeStore';
import { ErrorNotice } from '../ui/ErrorNotice';
import { describeError } from './errorMessages';
import { Notices } from './Notices';
import { useShortcuts } from './useShortcuts';

export function App() {
  const gpu = useRuntimeStore((s) => s.gpu);
  const catalogError = useRuntimeStore((s) => s.catalogError);
  const storageError = useRuntimeStore((s) => s.storageError);
  const activeId = useChatStore((s) => s.activeConversationId);
  // On narrow screens the sidebar covers the chat; it is open for the chat it was opened on, so
  // picking another chat closes it.
  const [sidebarOpenFor, setSidebarOpenFor] = useState<string | null | undefined>(undefined);
  const sidebarOpen = sidebarOpenFor === activeId;
  const openSidebar = useCallback(() => setSidebarOpenFor(activeId), [activeId]);
  useShortcuts(openSidebar);

  useEffect(() => {
    void initApp();
  }, []);
  // There is always a chat to type into (an empty one is reused, not duplicated).
  useEffect(() => {
    if (!activeId) ensureActiveConversation();
  }, [activeId]);

  if (!gpu)
    return (
      <p className="splash" role="status">
        Checking what this device can run…
      </p>
    );
  if (gpu.status === 'unavailable') return <NoWebGPUScreen capabilities={gpu} />;

  return (
    <div className="app">
      <header className="app-header">
        <button
          type="button"
          className="sidebar-toggle"
          aria-expanded={sidebarOpen}
          aria-controls="chat-sidebar"
          onClick={() => setSidebarOpenFor(sidebarOpen ? undefined : activeId)}
        >
          Chats
        </button>
        <span className="brand">Nook</span>
        <ModelButton />
        <button type="button" onClick={() => newChat()}>
          New chat
        </button>
      </header>
      <div className="app-body">
        <ConversationSidebar open={sidebarOpen} />
        <div className="app-main">
          <ModelStatus />
          {catalogError && (
            <ErrorNotice {...describeError(catalogError)} detail={catalogError.detail} />
          )}
          {storageError && (
            <ErrorNotice
              title="Chats are not being saved on this device right now."
              nextStep="Free some disk space, or use Export to keep a copy; until then, keep this tab open."
              detail={storageError}
            />
          )}
          <ChatView />
        </div>
      </div>
      <Notices />
    </div>
  );
}
