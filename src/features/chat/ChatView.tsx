import { useState } from 'react';
import { useChatStore } from '../../store/chatStore';
import { selectActiveConversation } from '../../store/selectors';
import { ChatSettingsDialog } from '../settings/ChatSettingsDialog';
import { DeviceSummary } from '../setup/DeviceSummary';
import { Composer } from './Composer';
import { MessageList } from './MessageList';

export function ChatView() {
  const conversation = useChatStore(selectActiveConversation);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const messages = conversation?.messages ?? [];
  return (
    <main className="chat" aria-label={conversation?.title ?? 'New chat'}>
      {conversation && (
        <div className="chat-header">
          <h1 className="chat-title">{conversation.title}</h1>
          <button type="button" onClick={() => setSettingsOpen(true)}>
            Settings
          </button>
          <ChatSettingsDialog
            conversation={conversation}
            open={settingsOpen}
            onClose={() => setSettingsOpen(false)}
          />
        </div>
      )}
      {conversation && messages.length > 0 ? (
        <MessageList conversationId={conversation.id} messages={messages} />
      ) : (
        <div className="empty-chat">
          <h1>Private AI, on your device</h1>
          <p className="muted">
            The model runs in this tab on your GPU. Nothing you type leaves this computer.
          </p>
          <DeviceSummary />
        </div>
      )}
      <Composer />
    </main>
  );
}
