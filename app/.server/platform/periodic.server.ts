/**
 * A task the app server runs when it starts and then on an interval while it
 * runs (no cron needed): runs never overlap, a failure is logged and the next
 * run tries again, and the timer never keeps a stopping server alive. Every
 * app server may run the same task, so tasks must be safe to run twice.
 * Returns a stop function that waits for a run in progress.
 */
import { log } from "./logger.server";

export function startPeriodic(name: string, task: () => Promise<void>, intervalMs: number): () => Promise<void> {
  let running: Promise<void> | null = null;
  const tick = () => {
    if (running) return;
    running = (async () => {
      try {
        await task();
      } catch (error) {
        log.error(`${name} failed`, { error });
      } finally {
        running = null;
      }
    })();
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref?.();
  tick();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
