import { inflight } from '../inflight';

/** Interrupts the reply being generated; its text so far is kept. */
export function stopGeneration(): void {
  inflight.generation?.abort();
}
