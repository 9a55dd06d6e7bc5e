import { useSyncExternalStore } from 'react';
import type { ConnectionState } from '../lib/reconnecting-socket';
import { useRuntime } from './runtime-context';

export function usePublicConnectionState(): ConnectionState {
  const { streams } = useRuntime();
  return useSyncExternalStore(
    (cb) => streams.onStateChange(cb),
    () => streams.state,
  );
}
