/**
 * Coalesces any number of data changes into at most one render per animation frame.
 *
 * Stores mutate their state as stream messages arrive (possibly hundreds per second) and call
 * `invalidate()`; React components subscribe through `useFrameVersion` and re-render once per frame with
 * whatever the state is then. When the tab is hidden the browser pauses animation frames, so no rendering
 * work is done while data keeps being applied.
 */
export type FrameRequester = (cb: () => void) => unknown;

const defaultRequest: FrameRequester = (cb) =>
  typeof requestAnimationFrame === 'function' ? requestAnimationFrame(() => cb()) : setTimeout(cb, 16);

export class FrameSignal {
  private version = 0;
  private scheduled = false;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly requestFrame: FrameRequester = defaultRequest) {}

  invalidate = (): void => {
    if (this.scheduled) return;
    this.scheduled = true;
    this.requestFrame(() => {
      this.scheduled = false;
      this.version += 1;
      for (const l of [...this.listeners]) l();
    });
  };

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  getVersion = (): number => this.version;
}
