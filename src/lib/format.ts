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

export function formatCount(value: number): string {
  return value.toLocaleString('en-US');
}

export function formatSeconds(seconds: number): string {
  return seconds < 1 ? `${Math.round(seconds * 1000)} ms` : `${seconds.toFixed(1)} s`;
}
