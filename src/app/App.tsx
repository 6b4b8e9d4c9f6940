import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { ChatView } from '../features/chat/ChatView';
import { ConversationSidebar } from '../features/conversations/ConversationSidebar';
import { ModelStatus } from '../features/models/ModelStatus';
import { ErasedScreen } from '../features/privacy/ErasedScreen';
import { applyUpdate, registerServiceWorker } from '../features/privacy/serviceWorker';
import { ProcessorNotice } from '../features/setup/ProcessorNotice';
import { useReadyMark } from '../features/stats/useReadyMark';
import { ensureActiveConversation } from '../store/actions/conversations';
import { removeOrphanDocuments } from '../store/actions/documents';
import { removeOrphanImages } from '../store/actions/images';
import { isErasedPage, listenForEraseElsewhere } from '../store/actions/eraseAllData';
import { initApp } from '../store/actions/initApp';
import { exportAllAsJson } from '../store/actions/transfer';
import { watchNetwork } from '../store/session/network';
import { useChatStore } from '../store/chatStore';
import { useRuntimeStore } from '../store/runtimeStore';
import { whenIdle } from '../lib/whenIdle';
import { ErrorNotice } from '../ui/ErrorNotice';
import { prefetchRenderer } from '../ui/markdown/Markdown';
import { AppHeader } from './AppHeader';
import { FirstScreen } from './FirstScreen';
import { Notices } from './Notices';
import { useShortcuts } from './useShortcuts';
import './shell.css';

// Opened from the menu, never part of the first paint.
const StatsPanel = lazy(() =>
  import('../features/stats/StatsPanel').then((m) => ({ default: m.StatsPanel })),
);
const PresentationMode = lazy(() =>
  import('../features/presentation/PresentationMode').then((m) => ({
    default: m.PresentationMode,
  })),
);

export function App() {
  // After "Erase all data", a page that finishes the erase and writes nothing (no new chat).
  if (isErasedPage()) return <ErasedScreen />;
  return <Nook />;
}

function Nook() {
  const gpu = useRuntimeStore((s) => s.gpu);
  const storageError = useRuntimeStore((s) => s.storageError);
  const newerData = useRuntimeStore((s) => s.newerData);
  const updateReady = useRuntimeStore((s) => s.updateReady);
  const activeId = useChatStore((s) => s.activeConversationId);
  const activeTitle = useChatStore((s) =>
    s.activeConversationId ? s.conversations[s.activeConversationId]?.title : undefined,
  );
  // On narrow screens the sidebar covers the chat; it is open for the chat it was opened on, so
  // picking another chat closes it.
  const [sidebarOpenFor, setSidebarOpenFor] = useState<string | null | undefined>(undefined);
  const sidebarOpen = sidebarOpenFor === activeId;
  const openSidebar = useCallback(() => setSidebarOpenFor(activeId), [activeId]);
  useShortcuts(openSidebar);
  const [statsOpen, setStatsOpen] = useState(false);
  const [presenting, setPresenting] = useState(false);
  useReadyMark();

  useEffect(() => {
    // The reply renderer loads once the app is up: fetched earlier, its modules ran while the app
    // still waited for the GPU probe, and the first screen waited for them.
    void initApp().finally(prefetchRenderer);
  }, []);
  useEffect(() => watchNetwork(), []);
  useEffect(() => listenForEraseElsewhere(), []);
  // Neither the service worker nor the tidying below is needed for the first screen: they wait
  // until the page is idle (together they took 17 ms of a first visit before it, in a profile).
  useEffect(
    () =>
      whenIdle(
        () => void registerServiceWorker(() => useRuntimeStore.setState({ updateReady: true })),
      ),
    [],
  );
  // Documents and images of deleted chats go once Undo is no longer offered (and at start).
  const undoPending = useRuntimeStore((s) => s.lastDeleted !== null);
  useEffect(() => {
    if (undoPending) return;
    return whenIdle(() => {
      void removeOrphanDocuments();
      void removeOrphanImages();
    });
  }, [undoPending]);
  // There is always a chat to type into (an empty one is reused, not duplicated).
  useEffect(() => {
    if (!activeId) ensureActiveConversation();
  }, [activeId]);

  if (!gpu) return <FirstScreen status="Checking what this device can run…" />;
  if (presenting)
    return (
      <Suspense fallback={null}>
        <PresentationMode onExit={() => setPresenting(false)} />
      </Suspense>
    );

  return (
    <div className="app">
      <AppHeader
        sidebarOpen={sidebarOpen}
        onToggleSidebar={() => setSidebarOpenFor(sidebarOpen ? undefined : activeId)}
        statsOpen={statsOpen}
        onToggleStats={() => setStatsOpen((open) => !open)}
        onPresent={() => setPresenting(true)}
      />
      <div className="app-body">
        <ConversationSidebar open={sidebarOpen} />
        <main className="app-main" aria-label={activeTitle ?? 'New chat'}>
          {gpu.status === 'unavailable' && <ProcessorNotice capabilities={gpu} />}
          <ModelStatus />
          {storageError && (
            <ErrorNotice
              title="Chats are not being saved on this device right now."
              nextStep="Nook keeps working with this tab's copy. Free some disk space (or leave private browsing), and export your chats to keep them safe."
              detail={storageError}
              actions={
                <button type="button" onClick={() => void exportAllAsJson()}>
                  Export all chats
                </button>
              }
            />
          )}
          {newerData && (
            <ErrorNotice
              title="A newer version of Nook saved your data in another tab."
              nextStep="This tab is an older version: it shows what it can and saves nothing, so the newer data stays as it is. Reload to use the new version."
              actions={
                // The new version waits as an update where this tab was installed from it.
                <button
                  type="button"
                  onClick={() => (updateReady ? applyUpdate() : location.reload())}
                >
                  Reload
                </button>
              }
            />
          )}
          <ChatView />
        </main>
        {statsOpen && (
          <Suspense fallback={null}>
            <StatsPanel />
          </Suspense>
        )}
      </div>
      <Notices />
    </div>
  );
}
