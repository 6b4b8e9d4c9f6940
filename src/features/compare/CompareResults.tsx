import { useId } from 'react';
import { Check } from 'lucide-react';
import { describeError } from '../../ui/errorMessages';
import { keepCompareReply, stopCompare } from '../../store/actions/compareModels';
import { useChatStore } from '../../store/chatStore';
import type { CompareRun } from '../../store/compareStore';
import { versionsOf } from '../../store/messageVersions';
import { useRuntimeStore } from '../../store/runtimeStore';
import { ProgressBar } from '../../ui/ProgressBar';
import { useCopyText } from '../../ui/useCopyText';
import { currentBrowser, describeDevice } from '../benchmark/environment';
import { AssistantContent } from '../chat/AssistantContent';
import { useModelNames } from '../models/useModelName';
import { columnFigures, compareToMarkdown, type ReportColumn } from './compareReport';

const STATE_TEXT: Record<ReportColumn['state'], string> = {
  waiting: 'Waiting for its turn',
  loading: 'Loading',
  answering: 'Answering',
  done: 'Answered',
  stopped: 'Stopped',
  failed: 'Failed',
  skipped: 'Skipped',
};

/** Each column's reply and figures, read from the reply message's versions (or its draft). */
function useReportColumns(run: CompareRun): ReportColumn[] {
  const message = useChatStore((s) =>
    s.conversations[run.conversationId]?.messages.find((m) => m.id === run.replyMessageId),
  );
  const draft = useRuntimeStore((s) => s.drafts[run.replyMessageId]);
  const names = useModelNames(run.columns.map((c) => c.modelId));
  const versions = message ? versionsOf(message) : [];
  return run.columns.map((column, i) => {
    const answering = column.state === 'answering';
    const version = column.versionIndex === undefined ? undefined : versions[column.versionIndex];
    return {
      name: names[i] ?? column.modelId,
      modelId: column.modelId,
      state: column.state,
      text: answering ? (draft ?? '') : (version?.content ?? ''),
      ...(!answering && version?.stats && { stats: version.stats }),
      ...(column.load && { load: column.load }),
      ...(column.error && { error: column.error }),
    };
  });
}

function LoadingLine({ name }: { name: string }) {
  const fraction = useRuntimeStore((s) =>
    s.engine.status === 'loading' ? (s.engine.progress?.fraction ?? null) : null,
  );
  return <ProgressBar label={`Loading ${name}`} value={fraction} />;
}

function Column({
  column,
  finished,
  kept,
  onKeep,
}: {
  column: ReportColumn;
  finished: boolean;
  kept: boolean;
  onKeep: (() => void) | null;
}) {
  const headingId = useId();
  const figures = columnFigures(column);
  const failure = column.error && describeError(column.error);
  return (
    <section
      className={kept ? 'compare-column kept' : 'compare-column'}
      aria-labelledby={headingId}
      aria-busy={column.state === 'loading' || column.state === 'answering'}
    >
      <div className="compare-column-head">
        <h3 id={headingId}>{column.name}</h3>
        <span className={`compare-state ${column.state}`}>
          {kept ? 'Kept' : STATE_TEXT[column.state]}
        </span>
      </div>
      {column.state === 'loading' && <LoadingLine name={column.name} />}
      {figures.length > 0 && (
        <dl className="compare-figures" aria-label="Figures">
          {figures.map((f) => (
            <div key={f.label}>
              <dt>{f.label}</dt>
              <dd>{f.value}</dd>
            </div>
          ))}
        </dl>
      )}
      {failure && (
        <p className="model-warning" role="alert">
          {failure.title} {column.error?.detail}
        </p>
      )}
      <div className="compare-reply">
        {column.text ? (
          <AssistantContent text={column.text} streaming={column.state === 'answering'} />
        ) : (
          column.state === 'answering' && <p className="muted">Reading the prompt…</p>
        )}
      </div>
      {finished && onKeep && (
        <button
          type="button"
          className={kept ? 'compare-keep kept' : 'compare-keep primary'}
          disabled={kept}
          onClick={onKeep}
        >
          {kept && <Check aria-hidden size={16} />}
          {kept ? 'Kept in the chat' : 'Keep this reply'}
        </button>
      )}
    </section>
  );
}

/** The models' replies side by side (stacked on a phone), with Stop, Keep and Copy. */
export function CompareResults({ run, onNew }: { run: CompareRun; onNew: () => void }) {
  const columns = useReportColumns(run);
  const gpu = useRuntimeStore((s) => s.gpu);
  const { note, copy } = useCopyText();
  const markdown = () =>
    compareToMarkdown(run.prompt, columns, {
      device: describeDevice(gpu),
      browser: currentBrowser(),
      at: Date.now(),
    });
  return (
    <div className="compare-results">
      <p className="compare-asked">
        <span className="muted">Prompt</span> {run.prompt}
      </p>
      <div className="compare-columns">
        {columns.map((column, i) => (
          <Column
            key={column.modelId}
            column={column}
            finished={run.finished}
            kept={run.kept === i}
            onKeep={run.columns[i]?.versionIndex === undefined ? null : () => keepCompareReply(i)}
          />
        ))}
      </div>
      <div className="compare-actions">
        {run.finished ? (
          <>
            <button type="button" onClick={() => void copy('Markdown', markdown())}>
              Copy as Markdown
            </button>
            <button type="button" onClick={onNew}>
              New comparison
            </button>
          </>
        ) : (
          <button type="button" onClick={stopCompare}>
            Stop
          </button>
        )}
        <span role="status" className="muted">
          {note}
        </span>
      </div>
    </div>
  );
}
