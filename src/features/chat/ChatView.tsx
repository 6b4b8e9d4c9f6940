import { SlidersHorizontal } from 'lucide-react';
import { useState, type DragEvent } from 'react';
import { attachDocument } from '../../store/actions/documents';
import { attachImages } from '../../store/actions/images';
import { useChatStore } from '../../store/chatStore';
import { selectActiveConversation } from '../../store/selectors';
import { DocumentPanel } from '../documents/DocumentPanel';
import { ChatSettingsDialog } from '../settings/ChatSettingsDialog';
import { IconButton } from '../../ui/IconButton';
import { Composer } from './Composer';
import { ContextMeter } from './ContextMeter';
import { EmptyChat } from './EmptyChat';
import { MessageList } from './MessageList';
import './chat.css';

const isImageFile = (file: File) =>
  file.type.startsWith('image/') || /\.(heic|heif)$/i.test(file.name);

export function ChatView() {
  const conversation = useChatStore(selectActiveConversation);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [dragging, setDragging] = useState(false);
  const messages = conversation?.messages ?? [];
  const hasFiles = (e: DragEvent) => e.dataTransfer.types.includes('Files');
  return (
    <div
      className={dragging ? 'chat dragging' : 'chat'}
      onDragOver={(e) => {
        if (!hasFiles(e)) return;
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={(e) => {
        if (e.currentTarget === e.target) setDragging(false);
      }}
      onDrop={(e) => {
        if (!hasFiles(e)) return;
        e.preventDefault();
        setDragging(false);
        // Dropped images go with the next message; any other file is attached as a document.
        const files = [...e.dataTransfer.files];
        const images = files.filter(isImageFile);
        if (images.length > 0) void attachImages(images);
        const document = files.find((f) => !isImageFile(f));
        if (document) void attachDocument(document);
      }}
    >
      {conversation && (
        <div className="chat-header">
          <h1 className="chat-title">{conversation.title}</h1>
          <ContextMeter conversationId={conversation.id} />
          <IconButton
            label="Settings"
            icon={<SlidersHorizontal />}
            onClick={() => setSettingsOpen(true)}
          />
          <ChatSettingsDialog
            conversation={conversation}
            open={settingsOpen}
            onClose={() => setSettingsOpen(false)}
          />
        </div>
      )}
      {conversation && <DocumentPanel conversationId={conversation.id} />}
      {conversation && messages.length > 0 ? (
        <MessageList conversationId={conversation.id} messages={messages} />
      ) : (
        <EmptyChat />
      )}
      <Composer />
    </div>
  );
}
