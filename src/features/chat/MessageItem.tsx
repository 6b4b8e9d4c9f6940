import { memo } from 'react';
import { describeError } from '../../app/errorMessages';
import { formatRate, formatSeconds } from '../../lib/format';
import { useRuntimeStore } from '../../store/runtimeStore';
import type { ReplyStats, StoredMessage } from '../../store/schema';

const statusNote: Partial<Record<StoredMessage['status'], string>> = {
  stopped: 'Stopped',
  interrupted: 'Interrupted: the page closed before this reply finished',
};

function Stats({ stats }: { stats: ReplyStats }) {
  return (
    <p className="message-stats" aria-label="Reply statistics">
      {stats.completionTokens} tokens · first token in {formatSeconds(stats.timeToFirstTokenS)} ·{' '}
      {formatRate(stats.decodeTokensPerS, 'tokens/s')}
    </p>
  );
}

/**
 * One message. While it streams, its text comes from the runtime draft (updated once a frame);
 * model output is shown as plain text, so nothing in it can run or load anything.
 */
export const MessageItem = memo(function MessageItem({ message }: { message: StoredMessage }) {
  const draft = useRuntimeStore((s) => s.drafts[message.id]);
  const text = draft ?? message.content;
  const streaming = message.status === 'streaming';
  const label = message.role === 'user' ? 'You' : 'Assistant';
  return (
    <article
      className={`message ${message.role}`}
      data-role={message.role}
      data-status={message.status}
      aria-label={`${label} message`}
      aria-busy={streaming || undefined}
    >
      <div className="message-author" aria-hidden="true">
        {label}
      </div>
      {streaming && !text && <p className="message-note">Waiting for the first words…</p>}
      <div className="message-content">{text}</div>
      {statusNote[message.status] && <p className="message-note">{statusNote[message.status]}</p>}
      {message.status === 'error' && message.error && (
        <p className="message-note error" role="alert">
          {describeError(message.error).title} {describeError(message.error).nextStep}
        </p>
      )}
      {message.stats && <Stats stats={message.stats} />}
    </article>
  );
});
