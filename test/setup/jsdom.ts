/**
 * jsdom lacks ResizeObserver, which Fluent UI's MessageBar uses to watch its own width; Office's
 * webviews and browsers have it. A no-op stand-in for React view tests run in jsdom.
 */
if (
  typeof window !== "undefined" &&
  !(window as unknown as { ResizeObserver?: unknown }).ResizeObserver
) {
  class NoResizeObserver {
    observe(): void {}
    unobserve(): void {}
    disconnect(): void {}
  }
  (window as unknown as { ResizeObserver: unknown }).ResizeObserver = NoResizeObserver;
  (globalThis as unknown as { ResizeObserver: unknown }).ResizeObserver = NoResizeObserver;
}
