import { useId } from 'react';
import type { BenchmarkResult } from '../../store/benchmarkStore';
import { formatNumber, formatWhen, summarizePrompt } from './format';
import './benchmark.css';

const WIDTH = 640;
const LABEL_WIDTH = 64;
const VALUE_WIDTH = 150;
const BAR_SPACE = WIDTH - LABEL_WIDTH - VALUE_WIDTH;
const HEADING_HEIGHT = 20;
const BAR_HEIGHT = 16;
const ROW_HEIGHT = 22;
const GROUP_GAP = 12;
/** More would make a tall chart; the list below has them all. */
const MAX_SHOWN = 8;

const shortLabel = (promptId: string) => promptId.charAt(0).toUpperCase() + promptId.slice(1);

/**
 * Decode speed of the newest results as horizontal bars: one group per result (model and date),
 * one bar per prompt at its median, a whisker from the slowest to the fastest run. Inline SVG
 * with a text alternative that says the same in words.
 */
export function BenchmarkChart({ results }: { results: readonly BenchmarkResult[] }) {
  const titleId = useId();
  const descId = useId();
  const shown = results.slice(0, MAX_SHOWN).map((r) => ({
    result: r,
    prompts: r.prompts.map(summarizePrompt),
  }));
  const top = Math.max(1, ...shown.flatMap((g) => g.prompts.map((p) => p.decodeTokensPerS.max)));
  const scale = BAR_SPACE / top;
  const groupHeight = (prompts: number) => HEADING_HEIGHT + prompts * ROW_HEIGHT + GROUP_GAP;
  const groups = shown.map((group, i) => ({
    ...group,
    y: shown.slice(0, i).reduce((sum, g) => sum + groupHeight(g.prompts.length), 0),
  }));
  const height = Math.max(
    shown.reduce((sum, g) => sum + groupHeight(g.prompts.length), 0) - GROUP_GAP,
    1,
  );
  const description = shown
    .map(
      ({ result, prompts }) =>
        `${result.modelId}, ${formatWhen(result.createdAt)}: ` +
        prompts
          .map(
            (p) =>
              `${p.label} ${formatNumber(p.decodeTokensPerS.median)} tokens/s ` +
              `(${formatNumber(p.decodeTokensPerS.min)} to ${formatNumber(p.decodeTokensPerS.max)})`,
          )
          .join('; '),
    )
    .join('. ');

  return (
    <figure className="benchmark-chart">
      <figcaption>
        Decode speed, tokens per second: median of the measured runs, the line spans slowest to
        fastest{results.length > MAX_SHOWN ? ` (newest ${MAX_SHOWN} results)` : ''}.
      </figcaption>
      <svg
        role="img"
        aria-labelledby={`${titleId} ${descId}`}
        viewBox={`0 0 ${WIDTH} ${height}`}
        width="100%"
        preserveAspectRatio="xMinYMin meet"
      >
        <title id={titleId}>Decode speed by benchmark result</title>
        <desc id={descId}>{description}</desc>
        {groups.map(({ result, prompts, y: groupY }) => (
          <g key={result.id} transform={`translate(0 ${groupY})`}>
            <text className="chart-heading" x={0} y={14}>
              {result.modelId} · {formatWhen(result.createdAt)}
            </text>
            {prompts.map((p, i) => {
              const rowY = HEADING_HEIGHT + i * ROW_HEIGHT;
              const mid = rowY + BAR_HEIGHT / 2;
              const { median, min, max } = p.decodeTokensPerS;
              return (
                <g key={p.promptId}>
                  <text className="chart-label" x={0} y={mid + 4}>
                    {shortLabel(p.promptId)}
                  </text>
                  <rect
                    className="chart-bar"
                    x={LABEL_WIDTH}
                    y={rowY}
                    width={Math.max(1, median * scale)}
                    height={BAR_HEIGHT}
                    rx={3}
                  />
                  <line
                    className="chart-whisker"
                    x1={LABEL_WIDTH + min * scale}
                    x2={LABEL_WIDTH + max * scale}
                    y1={mid}
                    y2={mid}
                  />
                  {[min, max].map((end, e) => (
                    <line
                      key={e}
                      className="chart-whisker"
                      x1={LABEL_WIDTH + end * scale}
                      x2={LABEL_WIDTH + end * scale}
                      y1={mid - 5}
                      y2={mid + 5}
                    />
                  ))}
                  <text className="chart-value" x={LABEL_WIDTH + max * scale + 6} y={mid + 4}>
                    {formatNumber(median)} ({formatNumber(min)}–{formatNumber(max)})
                  </text>
                </g>
              );
            })}
          </g>
        ))}
      </svg>
    </figure>
  );
}
