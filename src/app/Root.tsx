import { App } from './App';
import { HydrationGate } from './HydrationGate';

/** The app proper, loaded by src/main.tsx once the first screen is up. */
export default function Root() {
  return (
    <HydrationGate>
      <App />
    </HydrationGate>
  );
}
