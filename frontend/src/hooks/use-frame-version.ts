import { useSyncExternalStore } from 'react';
import type { FrameSignal } from '../lib/frame-signal';

/** Re-renders the caller at most once per animation frame after the signal was invalidated. */
export function useFrameVersion(signal: FrameSignal): number {
  return useSyncExternalStore(signal.subscribe, signal.getVersion, signal.getVersion);
}
