import { useEffect } from 'react';
import { UpdateNotice } from '../features/privacy/UpdateNotice';
import { dismissUndo, undoDelete } from '../store/actions/conversations';
import { useRuntimeStore, type Notice } from '../store/runtimeStore';
import { describeError } from '../ui/errorMessages';
import './shell.css';

const UNDO_MS = 10_000;

function noticeText(notice: Notice): string {
  if ('text' in notice) return notice.text;
  return notice.engine === 'recovering'
    ? `${describeError(notice.error).title} Nook is reloading the model; your chats are kept.`
    : 'The model is back. An interrupted reply can be finished with Continue.';
}

/**
 * Transient messages: Undo after a deletion, the outcome of an import or export, and a new version
 * of the app waiting to be used.
 */
export function Notices() {
  const lastDeleted = useRuntimeStore((s) => s.lastDeleted);
  const notice = useRuntimeStore((s) => s.notice);

  useEffect(() => {
    if (!lastDeleted) return;
    const timer = setTimeout(dismissUndo, UNDO_MS);
    return () => clearTimeout(timer);
  }, [lastDeleted]);

  return (
    <section className="notices" aria-label="Notifications">
      {lastDeleted && (
        <div className="toast" role="status">
          <span>Deleted “{lastDeleted.title}”.</span>
          <button type="button" onClick={undoDelete}>
            Undo
          </button>
        </div>
      )}
      <UpdateNotice />
      {notice && (
        <div className={`toast ${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'}>
          <span>{noticeText(notice)}</span>
          <button type="button" onClick={() => useRuntimeStore.setState({ notice: null })}>
            Dismiss
          </button>
        </div>
      )}
    </section>
  );
}
