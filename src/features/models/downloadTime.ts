/**
 * How long a download will take, in words, at the speed the browser reports or an assumed one.
 * Pure; the browser is read by the caller (useConnectionSpeed).
 */

/** A typical home connection, said out loud whenever it is used. */
export const ASSUMED_MBIT_PER_S = 25;

export interface ConnectionSpeed {
  mbitPerS: number;
  /** True when the browser reported it (navigator.connection.downlink), false when assumed. */
  measured: boolean;
}

/** The browser's estimate in Mbit/s where it gives one (Chrome caps it at 10), else the assumption. */
export function connectionSpeed(downlink: number | undefined): ConnectionSpeed {
  return downlink && downlink > 0
    ? { mbitPerS: downlink, measured: true }
    : { mbitPerS: ASSUMED_MBIT_PER_S, measured: false };
}

function duration(seconds: number): string {
  if (seconds < 60) return 'under a minute';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `about ${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const rest = Math.round((minutes % 60) / 10) * 10;
  return rest === 0 || rest === 60
    ? `about ${hours + rest / 60} h`
    : `about ${hours} h ${rest} min`;
}

function rate(speed: ConnectionSpeed): string {
  return `${Number(speed.mbitPerS.toPrecision(2))} Mbit/s`;
}

/** "about 3 min at 25 Mbit/s". */
export function describeDownloadTime(megabytes: number, speed: ConnectionSpeed): string {
  return `${duration((megabytes * 8) / speed.mbitPerS)} at ${rate(speed)}`;
}

/** Where the speed in those times comes from, said once under them. */
export function describeSpeedSource(speed: ConnectionSpeed): string {
  return speed.measured
    ? `Download times at ${rate(speed)}, the speed this browser reports for its connection.`
    : `Download times assume ${rate(speed)}: this browser does not report its connection speed.`;
}
