import type { RunEvent, RunEventListener } from "./types.js";

/**
 * A synchronous event bus for one run. A listener that throws does not stop the run in the
 * middle of a transition; the first such error is kept for the caller to raise at the end.
 */
export class RunEvents {
  private readonly listeners: RunEventListener[] = [];
  /** The first error a listener threw, if any. */
  error: unknown;

  on(listener: RunEventListener): () => void {
    this.listeners.push(listener);
    return () => {
      const index = this.listeners.indexOf(listener);
      if (index >= 0) this.listeners.splice(index, 1);
    };
  }

  emit(event: RunEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        this.error ??= error;
      }
    }
  }
}
