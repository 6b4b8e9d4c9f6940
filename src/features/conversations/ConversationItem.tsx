import { Pencil, Trash2 } from 'lucide-react';
import { memo, useState, type KeyboardEvent } from 'react';
import {
  deleteConversation,
  renameConversation,
  selectConversation,
} from '../../store/actions/conversations';
import type { Conversation } from '../../store/schema';
import { IconButton } from '../../ui/IconButton';
import './conversations.css';

export const ConversationItem = memo(function ConversationItem({
  conversation,
  active,
  busy,
}: {
  conversation: Conversation;
  active: boolean;
  busy: boolean;
}) {
  const [editing, setEditing] = useState(false);
  const [title, setTitle] = useState(conversation.title);

  const save = () => {
    renameConversation(conversation.id, title);
    setEditing(false);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') save();
    if (event.key === 'Escape') {
      event.stopPropagation();
      setEditing(false);
    }
  };

  return (
    <li className={active ? 'conversation active' : 'conversation'}>
      {editing ? (
        <input
          aria-label="Chat title"
          value={title}
          autoFocus
          maxLength={200}
          onChange={(e) => setTitle(e.target.value)}
          onKeyDown={onKeyDown}
          onBlur={save}
        />
      ) : (
        <button
          type="button"
          className="conversation-title"
          aria-current={active ? 'page' : undefined}
          onClick={() => selectConversation(conversation.id)}
        >
          {conversation.title}
        </button>
      )}
      <div className="conversation-actions">
        <IconButton
          label="Rename"
          icon={<Pencil />}
          onClick={() => {
            setTitle(conversation.title);
            setEditing(true);
          }}
        />
        <IconButton
          label="Delete"
          icon={<Trash2 />}
          disabled={busy}
          onClick={() => deleteConversation(conversation.id)}
        />
      </div>
    </li>
  );
});
