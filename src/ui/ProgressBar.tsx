import './progressBar.css';

export interface ProgressBarProps {
  label: string;
  /** 0..1, or null when the amount is not known yet. */
  value: number | null;
  valueText?: string;
}

export function ProgressBar({ label, value, valueText }: ProgressBarProps) {
  const percent = value === null ? null : Math.round(value * 100);
  return (
    <div
      className="progress"
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent ?? undefined}
      aria-valuetext={valueText}
    >
      <div
        className={percent === null ? 'progress-fill indeterminate' : 'progress-fill'}
        style={percent === null ? undefined : { width: `${percent}%` }}
      />
    </div>
  );
}
