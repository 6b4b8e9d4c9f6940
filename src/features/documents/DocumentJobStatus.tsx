import { ocrLanguageLabel } from '../../documents/ocrLanguages';
import type { SummaryProgress } from '../../documents/summarize';
import { cancelDocumentJob } from '../../store/actions/documents';
import type { DocumentJob } from '../../store/runtimeStore';
import { ProgressBar } from '../../ui/ProgressBar';
import './documents.css';

function summaryStep(progress: SummaryProgress | null): { text: string; value: number | null } {
  if (!progress) return { text: 'preparing', value: null };
  const { phase, round, done, total } = progress;
  const value = total > 0 ? done / total : null;
  if (phase === 'map') return { text: `reading part ${done + 1} of ${total}`, value };
  if (total === 1)
    return {
      text: round > 1 ? `writing the final summary (round ${round})` : 'writing the summary',
      value,
    };
  return { text: `combining summaries, round ${round}: ${done + 1} of ${total}`, value };
}

function readStep(job: Extract<DocumentJob, { kind: 'extract' }>): string {
  if (job.ocr) {
    const what = job.total > 1 ? `page ${job.done + 1} of ${job.total}` : 'the image';
    return `recognizing the text of ${what} (OCR, ${ocrLanguageLabel(job.ocr)})`;
  }
  return job.total > 1 ? `page ${job.done} of ${job.total}` : 'reading';
}

/** What the document job is doing right now, with Cancel. */
export function DocumentJobStatus({ job }: { job: DocumentJob }) {
  const { label, text, value } =
    job.kind === 'extract'
      ? {
          label: 'Reading document',
          text: readStep(job),
          value: job.total > 0 ? job.done / job.total : null,
        }
      : { label: 'Summarizing', ...summaryStep(job.progress) };
  const sentence = `${job.kind === 'extract' ? 'Reading' : 'Summarizing'} “${job.name}”: ${text}`;
  return (
    <div className="document-job">
      <div className="grow">
        <p role="status">{sentence}</p>
        <ProgressBar label={label} value={value} valueText={sentence} />
      </div>
      <button type="button" onClick={cancelDocumentJob}>
        Cancel
      </button>
    </div>
  );
}
