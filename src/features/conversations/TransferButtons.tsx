import { useRef, useState } from 'react';
import {
  exportAllAsJson,
  exportChatAsMarkdown,
  importChatsFromFile,
} from '../../store/actions/transfer';
import { useChatStore } from '../../store/chatStore';
import { Dialog } from '../../ui/Dialog';
import './conversations.css';

/** Export (one chat as Markdown, all as JSON) and Import (a JSON export). */
export function TransferButtons() {
  const [exporting, setExporting] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const activeId = useChatStore((s) => s.activeConversationId);
  const hasChats = useChatStore((s) => Object.keys(s.conversations).length > 0);

  return (
    <div className="sidebar-footer">
      <button type="button" onClick={() => setExporting(true)} disabled={!hasChats}>
        Export
      </button>
      <button type="button" onClick={() => fileInput.current?.click()}>
        Import
      </button>
      <input
        ref={fileInput}
        type="file"
        accept=".json,application/json"
        hidden
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) void importChatsFromFile(file);
        }}
      />
      <Dialog title="Export" open={exporting} onClose={() => setExporting(false)}>
        <p className="muted">Files are saved by your browser; nothing is uploaded.</p>
        <div className="actions">
          <button
            type="button"
            disabled={!activeId}
            onClick={() => activeId && exportChatAsMarkdown(activeId)}
          >
            Download this chat as Markdown
          </button>
          <button type="button" onClick={exportAllAsJson}>
            Download all chats as JSON
          </button>
        </div>
      </Dialog>
    </div>
  );
}
