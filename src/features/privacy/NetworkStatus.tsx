import { useRuntimeStore } from '../../store/runtimeStore';
import './privacy.css';

/** "Offline" in the header while the browser has no network; an empty live region otherwise. */
export function NetworkStatus() {
  const online = useRuntimeStore((s) => s.online);
  return (
    <span role="status" className={online ? 'network-status' : 'network-status offline'}>
      {online ? '' : 'Offline'}
    </span>
  );
}
