import { useChatStore } from '../../store/chatStore';
import { selectActiveConversation } from '../../store/selectors';
import { DeviceSummary } from '../setup/DeviceSummary';
import { Composer } from './Composer';
import { MessageList } from './MessageList';

export function ChatView() {
  const conversation = useChatStore(selectActiveConversation);
  const messages = conversation?.messages ?? [];
  return (
    <main className="chat" aria-label={conversation?.title ?? 'New chat'}>
      {messages.length === 0 ? (
        <div className="empty-chat">
          <h1>Private AI, on your device</h1>
          <p className="muted">
            The model runs in this tab on your GPU. Nothing you type leaves this computer.
          </p>
          <DeviceSummary />
        </div>
      ) : (
        <MessageList messages={messages} />
      )}
      <Composer />
    </main>
  );
}
