import {
  Check,
  ChevronLeft,
  ChevronRight,
  Copy,
  Pencil,
  Play,
  RefreshCw,
  Trash2,
  TriangleAlert,
} from 'lucide-react';
import { lazy, memo, Suspense, useState } from 'react';
import { describeError } from '../../ui/errorMessages';
import { formatCount, formatRate, formatSeconds } from '../../lib/format';
import {
  continueReply,
  copyMessage,
  deleteMessage,
  editAndResend,
  regenerate,
  showReplyVersion,
} from '../../store/actions/messageActions';
import { versionsOf } from '../../store/messageVersions';
import { useRuntimeStore } from '../../store/runtimeStore';
import type { MessageSource, ReplyStats, StoredMessage } from '../../store/schema';
import { IconButton } from '../../ui/IconButton';
import { AssistantContent } from './AssistantContent';
import { MessageImages } from './MessageImages';
import '../../ui/forms.css';
import './chat.css';

// Only replies that are tables need it, and it brings the extraction's actions along.
const ExtractionTableView = lazy(() =>
  import('../extraction/ExtractionTableView').then((m) => ({ default: m.ExtractionTableView })),
);

const statusNote: Partial<Record<StoredMessage['status'], string>> = {
  stopped: 'Stopped',
  truncated: 'Cut off at the length limit (Max tokens, in Settings)',
  interrupted: 'Interrupted: the page closed before this reply finished',
};

const UNFINISHED: ReadonlySet<StoredMessage['status']> = new Set([
  'stopped',
  'truncated',
  'interrupted',
]);

/** What the reply cost: tokens the model read (only the new ones when it reused its cache) and wrote. */
function Stats({ stats }: { stats: ReplyStats }) {
  return (
    <p className="message-stats" aria-label="Reply statistics">
      read {formatCount(stats.promptTokens)} tokens · wrote {formatCount(stats.completionTokens)} ·
      first token in {formatSeconds(stats.timeToFirstTokenS)} ·{' '}
      {formatRate(stats.decodeTokensPerS, 'tokens/s')}
    </p>
  );
}

/** “a.pdf”, “a.pdf” and “b.md”, “a.pdf”, “b.md” and “c.txt”. */
function quotedNames(names: readonly string[]): string {
  const quoted = names.map((name) => `“${name}”`);
  const last = quoted.pop();
  return quoted.length > 0 ? `${quoted.join(', ')} and ${last}` : (last ?? '');
}

/**
 * Where a reply's answer comes from: the passages of documents it was given (absent for a
 * summary, which reads the whole document), and which documents hold text that addresses the
 * model, so the person weighs the answer, and any link in it, knowing that.
 */
function Sources({
  sources,
  instructionsIn,
}: {
  sources?: MessageSource[];
  instructionsIn?: string[];
}) {
  const pages = (s: MessageSource) =>
    s.pages
      ? s.pages[0] === s.pages[1]
        ? ` p. ${s.pages[0]}`
        : ` pp. ${s.pages[0]}–${s.pages[1]}`
      : '';
  return (
    <p className="message-sources" aria-label="Sources">
      {sources &&
        (sources.length === 0
          ? 'No passage of the document matched this question.'
          : `From ${sources.map((s) => `${s.documentName}${pages(s)}`).join('; ')}`)}
      {sources && instructionsIn && ' '}
      {instructionsIn && (
        <span className="message-warning">
          <TriangleAlert aria-hidden="true" />
          {quotedNames(instructionsIn)} {instructionsIn.length === 1 ? 'contains' : 'contain'} text
          that tries to instruct the model. Nook told the model not to follow it; read this answer,
          and any link in it, with care.
        </span>
      )}
    </p>
  );
}

function EditForm({
  initial,
  onCancel,
  onSave,
}: {
  initial: string;
  onCancel: () => void;
  onSave: (text: string) => void;
}) {
  const [text, setText] = useState(initial);
  return (
    <form
      className="edit-form"
      onSubmit={(e) => {
        e.preventDefault();
        onSave(text);
      }}
    >
      <textarea
        aria-label="Edit message"
        value={text}
        autoFocus
        rows={Math.min(10, text.split('\n').length + 1)}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') onCancel();
        }}
      />
      <div className="actions">
        <button type="submit" disabled={!text.trim()}>
          Save and send
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

export interface MessageItemProps {
  conversationId: string;
  message: StoredMessage;
  isLast: boolean;
  busy: boolean;
}

/**
 * One message. While it streams, its text comes from the runtime draft (updated once a frame).
 * Model output goes through the safe Markdown renderer: nothing in it can run or load anything.
 */
export const MessageItem = memo(function MessageItem({
  conversationId,
  message,
  isLast,
  busy,
}: MessageItemProps) {
  const draft = useRuntimeStore((s) => s.drafts[message.id]);
  const [editing, setEditing] = useState(false);
  const [copied, setCopied] = useState(false);
  const text = draft ?? message.content;
  const streaming = message.status === 'streaming';
  const isAssistant = message.role === 'assistant';
  const label = isAssistant ? 'Assistant' : 'You';
  const versions = isAssistant ? versionsOf(message) : [];
  const versionIndex = message.versionIndex ?? versions.length - 1;
  const canContinue = isAssistant && isLast && UNFINISHED.has(message.status);

  return (
    <article
      className={`message ${message.role}${isLast ? ' last' : ''}`}
      data-role={message.role}
      data-status={message.status}
      aria-label={`${label} message`}
      aria-busy={streaming || undefined}
    >
      {message.droppedMessages !== undefined && (
        <p className="message-note" role="note">
          The {message.droppedMessages} oldest message{message.droppedMessages === 1 ? '' : 's'} of
          this chat no longer fit the model’s context window and were left out of this reply.
        </p>
      )}
      {message.images && message.images.length > 0 && <MessageImages images={message.images} />}
      {editing ? (
        <EditForm
          initial={message.content}
          onCancel={() => setEditing(false)}
          onSave={(value) => {
            setEditing(false);
            void editAndResend(conversationId, message.id, value);
          }}
        />
      ) : isAssistant ? (
        <>
          <AssistantContent text={text} streaming={streaming && !message.table} />
          {message.table && (
            <Suspense fallback={null}>
              <ExtractionTableView
                conversationId={conversationId}
                messageId={message.id}
                title={message.content.replace(/\*/g, '')}
                table={message.table}
              />
            </Suspense>
          )}
        </>
      ) : (
        text && <div className="message-content plain">{text}</div>
      )}
      {statusNote[message.status] && (
        <p className="message-note">
          {message.status === 'interrupted' && message.error
            ? `Interrupted: ${describeError(message.error).title}`
            : statusNote[message.status]}
        </p>
      )}
      {message.status === 'error' && message.error && (
        <p className="message-note error" role="alert">
          {describeError(message.error).title} {describeError(message.error).nextStep}
        </p>
      )}
      {(message.sources || message.instructionsIn) && (
        <Sources sources={message.sources} instructionsIn={message.instructionsIn} />
      )}
      {message.stats && <Stats stats={message.stats} />}
      {!streaming && !editing && (
        <div className="message-actions" role="group" aria-label="Message actions">
          {versions.length > 1 && (
            <span className="versions">
              <IconButton
                label="Previous version"
                icon={<ChevronLeft />}
                disabled={busy || versionIndex === 0}
                onClick={() => showReplyVersion(conversationId, message.id, versionIndex - 1)}
              />
              <span aria-label="Version">
                {versionIndex + 1}/{versions.length}
              </span>
              <IconButton
                label="Next version"
                icon={<ChevronRight />}
                disabled={busy || versionIndex === versions.length - 1}
                onClick={() => showReplyVersion(conversationId, message.id, versionIndex + 1)}
              />
            </span>
          )}
          {!message.table && (
            <IconButton
              label={copied ? 'Copied' : 'Copy'}
              icon={copied ? <Check /> : <Copy />}
              onClick={() =>
                void copyMessage(conversationId, message.id).then(() => {
                  setCopied(true);
                  setTimeout(() => setCopied(false), 1500);
                })
              }
            />
          )}
          {!isAssistant && (
            <IconButton
              label="Edit"
              icon={<Pencil />}
              disabled={busy}
              onClick={() => setEditing(true)}
            />
          )}
          {canContinue && !message.table && (
            <IconButton
              label="Continue"
              icon={<Play />}
              showLabel
              disabled={busy}
              onClick={() => void continueReply(conversationId, message.id)}
            />
          )}
          {isAssistant && isLast && !message.table && (
            <IconButton
              label="Regenerate"
              icon={<RefreshCw />}
              disabled={busy}
              onClick={() => void regenerate(conversationId, message.id)}
            />
          )}
          <IconButton
            label="Delete"
            icon={<Trash2 />}
            disabled={busy}
            onClick={() => deleteMessage(conversationId, message.id)}
          />
        </div>
      )}
    </article>
  );
});
