import { useCallback, useEffect, useState } from 'react';
import { ChatView } from '../features/chat/ChatView';
import { ConversationSidebar } from '../features/conversations/ConversationSidebar';
import { ModelButton } from '../features/models/ModelManager';
import { ModelStatus } from '../features/models/ModelStatus';
import { ErasedScreen } from '../features/privacy/ErasedScreen';
import { NetworkStatus } from '../features/privacy/NetworkStatus';
import { PrivacyButton } from '../features/privacy/PrivacyDialog';
import { registerServiceWorker } from '../features/privacy/serviceWorker';
import { NoWebGPUScreen } from '../features/setup/NoWebGPUScreen';
import { ensureActiveConversation, newChat } from '../store/actions/conversations';
import { removeOrphanDocuments } from '../store/actions/documents';
import { isErasedPage, listenForEraseElsewhere } from '../store/actions/eraseAllData';
import { initApp } from '../store/actions/initApp';
import { watchNetwork } from '../store/actions/network';
import { useChatStore } from '../store/chatStore';
import { useRuntimeStore } from '../store/runtimeStore';
import { ErrorNotice } from '../ui/ErrorNotice';
import { describeError } from './errorMessages';
import { Notices } from './Notices';
import { useShortcuts } from './useShortcuts';

export function App() {
  // After "Erase all data", a page that finishes the erase and writes nothing (no new chat).
  if (isErasedPage()) return <ErasedScreen />;
  return <Nook />;
}

function Nook() {
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
  useEffect(() => watchNetwork(), []);
  useEffect(() => listenForEraseElsewhere(), []);
  useEffect(() => {
    void registerServiceWorker(() => useRuntimeStore.setState({ updateReady: true }));
  }, []);
  // Documents of deleted chats go once Undo is no longer offered (and at start, after a crash).
  const undoPending = useRuntimeStore((s) => s.lastDeleted !== null);
  useEffect(() => {
    if (!undoPending) void removeOrphanDocuments();
  }, [undoPending]);
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
        <NetworkStatus />
        <ModelButton />
        <button type="button" onClick={() => newChat()}>
          New chat
        </button>
        <PrivacyButton />
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
