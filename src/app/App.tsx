import { useEffect } from 'react';
import { ChatView } from '../features/chat/ChatView';
import { ModelPicker } from '../features/models/ModelPicker';
import { ModelStatus } from '../features/models/ModelStatus';
import { NoWebGPUScreen } from '../features/setup/NoWebGPUScreen';
import { newChat } from '../store/actions/conversations';
import { initApp } from '../store/actions/initApp';
import { useRuntimeStore } from '../store/runtimeStore';
import { describeError } from './errorMessages';
import { ErrorNotice } from '../ui/ErrorNotice';

export function App() {
  const gpu = useRuntimeStore((s) => s.gpu);
  const catalogError = useRuntimeStore((s) => s.catalogError);
  const storageError = useRuntimeStore((s) => s.storageError);

  useEffect(() => {
    void initApp();
  }, []);

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
        <span className="brand">Nook</span>
        <ModelPicker />
        <button type="button" onClick={() => newChat()}>
          New chat
        </button>
      </header>
      <ModelStatus />
      {catalogError && (
        <ErrorNotice {...describeError(catalogError)} detail={catalogError.detail} />
      )}
      {storageError && (
        <ErrorNotice
          title="Chats are not being saved on this device."
          nextStep="Free some disk space; until then, keep this tab open."
          detail={storageError}
        />
      )}
      <ChatView />
    </div>
  );
}
