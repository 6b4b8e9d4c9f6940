export function formatMegabytes(mb: number): string {
  return mb >= 1024 ? `${(mb / 1024).toFixed(1)} GB` : `${Math.round(mb)} MB`;
}

/** Two significant digits below 1, so a slow device's 0.049 tokens/s does not read as 0.0. */
export function formatRate(value: number, unit: string): string {
  const shown =
    value >= 100
      ? String(Math.round(value))
      : value >= 1 || value === 0
        ? value.toFixed(1)
        : String(Number(value.toPrecision(2)));
  return `${shown} ${unit}`;
}

/**
 * 1,000,000 as en-US writes it. Whole numbers are grouped by hand: the first use of Intl costs
 * about 26 ms of the main thread on a first visit (measured here), and the stored-chat schema
 * formats its limits as it loads, before the app can paint.
 */
export function formatCount(value: number): string {
  if (!Number.isSafeInteger(value)) return value.toLocaleString('en-US');
  return String(value).replace(/\B(?=(\d{3})+$)/g, ',');
}

export function formatSeconds(seconds: number): string {
  return seconds < 1 ? `${Math.round(seconds * 1000)} ms` : `${seconds.toFixed(1)} s`;
}
