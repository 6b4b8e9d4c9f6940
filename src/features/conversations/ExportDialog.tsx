import { exportAllAsJson, exportChatAsMarkdown } from '../../store/actions/transfer';
import { useChatStore } from '../../store/chatStore';
import { Dialog } from '../../ui/Dialog';
import './conversations.css';

/** Export: the open chat as Markdown, or every chat as JSON. */
export function ExportDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const activeId = useChatStore((s) => s.activeConversationId);
  return (
    <Dialog title="Export" open={open} onClose={onClose}>
      <p className="muted">Files are saved by your browser; nothing is uploaded.</p>
      <div className="actions">
        <button
          type="button"
          disabled={!activeId}
          onClick={() => activeId && exportChatAsMarkdown(activeId)}
        >
          Download this chat as Markdown
        </button>
        <button type="button" onClick={() => void exportAllAsJson()}>
          Download all chats as JSON
        </button>
      </div>
    </Dialog>
  );
}
