/**
 * Speed and time left of a download, from the running total of megabytes. WebLLM reports only
 * "N MB fetched" (rounded up) and a fraction, so the total is derived and the speed is measured
 * over the last few seconds, which follows a changing connection without jumping on every report.
 */
export interface DownloadFigures {
  doneMB: number;
  totalMB: number | null;
  mbPerS: number | null;
  secondsLeft: number | null;
}

export interface DownloadMeter {
  /** `atMs` is a monotonic clock reading (performance.now()). */
  update(doneMB: number, fraction: number, atMs: number): DownloadFigures;
}

export function createDownloadMeter(windowMs = 5000): DownloadMeter {
  const samples: { atMs: number; mb: number }[] = [];
  // WebLLM rounds the megabytes up, so each report's MB / fraction is an upper bound of the
  // total; the lowest one seen so far is the closest.
  let total = Infinity;
  return {
    update(doneMB, fraction, atMs) {
      samples.push({ atMs, mb: doneMB });
      while (samples.length > 2 && atMs - (samples[0]?.atMs ?? atMs) > windowMs) samples.shift();
      const first = samples[0];
      const seconds = first ? (atMs - first.atMs) / 1000 : 0;
      const mbPerS = first && seconds >= 0.5 ? Math.max(0, (doneMB - first.mb) / seconds) : null;
      if (fraction > 0.005) total = Math.min(total, doneMB / fraction);
      const totalMB = Number.isFinite(total) ? total : null;
      const secondsLeft =
        totalMB !== null && mbPerS ? Math.max(0, (totalMB - doneMB) / mbPerS) : null;
      return { doneMB, totalMB, mbPerS, secondsLeft };
    },
  };
}
