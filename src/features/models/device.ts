/**
 * What the browser says about this device and its connection, where it says anything:
 * navigator.deviceMemory and navigator.connection are Chromium-only.
 */
import { useSyncExternalStore } from 'react';
import { connectionSpeed, type ConnectionSpeed } from './downloadTime';

interface NetworkInformation extends EventTarget {
  downlink?: number;
}

type DeviceNavigator = Navigator & { deviceMemory?: number; connection?: NetworkInformation };

const device = () => navigator as DeviceNavigator;

/** Gigabytes of memory, rounded down to a power of two by the browser. */
export function deviceMemoryGB(): number | undefined {
  return device().deviceMemory;
}

function subscribe(onChange: () => void): () => void {
  const connection = device().connection;
  connection?.addEventListener('change', onChange);
  return () => connection?.removeEventListener('change', onChange);
}

const downlink = () => device().connection?.downlink;

/** The download speed to estimate with, kept current as the connection changes. */
export function useConnectionSpeed(): ConnectionSpeed {
  const mbitPerS = useSyncExternalStore(subscribe, downlink);
  return connectionSpeed(mbitPerS);
}
