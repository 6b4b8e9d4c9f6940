import { useEffect, useId, useState } from 'react';
import { describeError } from '../../ui/errorMessages';
import { describeFollowed } from '../../models/fasterEngine';
import {
  BENCHMARK_OUTPUT_TOKENS,
  BENCHMARK_PROMPTS,
  BENCHMARK_VERSION,
  MEASURED_RUNS,
  WARM_UP_RUNS,
} from '../../prompts/benchmark';
import {
  cancelBenchmark,
  runBenchmark,
  type BenchmarkOutcome,
} from '../../store/actions/benchmark';
import { useBenchmarkStore, type BenchmarkResult } from '../../store/benchmarkStore';
import { useChatStore } from '../../store/chatStore';
import { useRuntimeStore, type BenchmarkJob } from '../../store/runtimeStore';
import { Dialog } from '../../ui/Dialog';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { ProgressBar } from '../../ui/ProgressBar';
import { useCopyText } from '../../ui/useCopyText';
import { BenchmarkChart } from './BenchmarkChart';
import { currentBrowser, describeDevice } from './environment';
import {
  formatMsSummary,
  formatRateSummary,
  formatWhen,
  resultsToJson,
  resultsToMarkdown,
  summarizePrompt,
} from './format';
import './benchmark.css';

/** The benchmark's dialog (opened from the header's menu). Closing it cancels a running benchmark. */
export function BenchmarkDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  return (
    <Dialog
      title="Benchmark"
      open={open}
      onClose={() => {
        cancelBenchmark();
        onClose();
      }}
    >
      <BenchmarkPanel />
    </Dialog>
  );
}

function jobText(job: BenchmarkJob, loadPercent: number | null): string {
  if (job.phase === 'loading')
    return `Loading ${job.modelId}${loadPercent === null ? '…' : ` · ${loadPercent}%`}`;
  return `Run ${job.run} of ${job.total} · ${job.promptLabel}${job.warmUp ? ' (warm-up)' : ''}`;
}

function JobProgress({ job }: { job: BenchmarkJob }) {
  const loadPercent = useRuntimeStore((s) =>
    s.engine.status === 'loading' && s.engine.progress
      ? Math.round(s.engine.progress.fraction * 100)
      : null,
  );
  const text = jobText(job, loadPercent);
  return (
    <div className="benchmark-progress">
      <p role="status">{text}</p>
      <ProgressBar
        label="Benchmark progress"
        value={job.phase === 'running' ? (job.run - 1) / job.total : null}
        valueText={text}
      />
      <button type="button" onClick={cancelBenchmark}>
        Cancel
      </button>
    </div>
  );
}

function OutcomeNote({ outcome }: { outcome: BenchmarkOutcome }) {
  switch (outcome.kind) {
    case 'done':
      return (
        <p role="status">
          Done: the result is saved on this device and listed below.
          {outcome.followed &&
            ` ${describeFollowed(outcome.followed.entry, outcome.followed.verdict)}`}
        </p>
      );
    case 'cancelled':
      return <p role="status">Benchmark cancelled; nothing was saved.</p>;
    case 'refused':
      return (
        <p role="status">
          {outcome.reason === 'no-model'
            ? 'Choose a model first (Model, in the header).'
            : 'The model is busy. The benchmark can run once it has finished.'}
        </p>
      );
    case 'failed': {
      const { title, nextStep } = describeError(outcome.error);
      return (
        <ErrorNotice
          title={`The benchmark stopped. ${title}`}
          nextStep={nextStep}
          detail={outcome.error.detail}
        />
      );
    }
  }
}

function ResultItem({ result }: { result: BenchmarkResult }) {
  const label = `${result.modelId}, ${formatWhen(result.createdAt)}`;
  return (
    <li className="benchmark-result" aria-label={label}>
      <p className="benchmark-result-title">
        <strong>{result.modelId}</strong>{' '}
        <span className="muted">
          {new Date(result.createdAt).toLocaleString()} · v{result.benchmarkVersion}
        </span>
      </p>
      <p className="muted">
        {result.runsOn && `${result.runsOn} · `}
        {result.device} · {result.browser}
      </p>
      <table className="benchmark-table">
        <thead>
          <tr>
            <th scope="col">Prompt</th>
            <th scope="col">Time to first token</th>
            <th scope="col">Prefill</th>
            <th scope="col">Decode</th>
          </tr>
        </thead>
        <tbody>
          {result.prompts.map(summarizePrompt).map((p) => (
            <tr key={p.promptId}>
              <th scope="row">
                {p.label}
                <span className="muted">
                  {' '}
                  · {p.promptTokens} → {p.completionTokens} tokens · {p.runs} runs
                </span>
              </th>
              <td>{formatMsSummary(p.timeToFirstTokenS)}</td>
              <td>{formatRateSummary(p.prefillTokensPerS)}</td>
              <td>{formatRateSummary(p.decodeTokensPerS)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </li>
  );
}

function CopyButtons({ results }: { results: readonly BenchmarkResult[] }) {
  const { note, copy } = useCopyText();
  return (
    <div className="actions">
      <button type="button" onClick={() => void copy('Markdown', resultsToMarkdown(results))}>
        Copy as Markdown
      </button>
      <button type="button" onClick={() => void copy('JSON', resultsToJson(results))}>
        Copy as JSON
      </button>
      <span role="status" className="muted">
        {note}
      </span>
    </div>
  );
}

function BenchmarkPanel() {
  const job = useRuntimeStore((s) => s.benchmarkJob);
  const busy = useRuntimeStore((s) => s.generation !== null || s.documentJob?.kind === 'summarize');
  const gpu = useRuntimeStore((s) => s.gpu);
  const modelId = useChatStore((s) => s.selectedModelId);
  const results = useBenchmarkStore((s) => s.results);
  const [outcome, setOutcome] = useState<BenchmarkOutcome | null>(null);
  const headingId = useId();
  const device = describeDevice(gpu);
  const browser = currentBrowser();
  // Another tab may have saved results since this one read them.
  useEffect(() => {
    void useBenchmarkStore.persist.rehydrate();
  }, []);

  const start = async () => {
    setOutcome(null);
    setOutcome(await runBenchmark({ device, browser }));
  };

  return (
    <div className="benchmark">
      <p>
        Measures how fast {modelId ? <strong>{modelId}</strong> : 'the chosen model'} runs here:{' '}
        {BENCHMARK_PROMPTS.length} prompts (a short one and one of about 1,000 tokens), each
        answered with exactly {BENCHMARK_OUTPUT_TOKENS} tokens, {WARM_UP_RUNS} warm-up and{' '}
        {MEASURED_RUNS} measured runs per prompt (prompt set v{BENCHMARK_VERSION}). The figures are
        the engine’s own. Nothing goes into your chats; closing this window cancels the run.
      </p>
      <p className="muted">
        Device: {device} · Browser: {browser}
      </p>
      {job ? (
        <JobProgress job={job} />
      ) : (
        <>
          {busy && (
            <p role="status">
              The model is busy with a reply. The benchmark can run once it has finished.
            </p>
          )}
          <button
            type="button"
            className="primary"
            disabled={busy || !modelId}
            onClick={() => void start()}
          >
            Run benchmark
          </button>
        </>
      )}
      {outcome && !job && <OutcomeNote outcome={outcome} />}
      <section className="benchmark-results" aria-labelledby={headingId}>
        <h3 id={headingId}>Results</h3>
        {results.length === 0 ? (
          <p className="muted">No results yet.</p>
        ) : (
          <>
            <CopyButtons results={results} />
            <BenchmarkChart results={results} />
            <ol className="benchmark-list" aria-label="Benchmark results, newest first">
              {results.map((r) => (
                <ResultItem key={r.id} result={r} />
              ))}
            </ol>
          </>
        )}
      </section>
    </div>
  );
}
