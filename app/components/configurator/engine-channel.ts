/**
 * The configurator's engine in a Web Worker (ConfiguratorIo.engine), for lines that recompute
 * off the main thread. Where a worker can't run (no Worker, a script that fails to load, a
 * question it fails on), the question is answered here instead, as without a worker: slower
 * for the page, never a configurator stuck waiting.
 */
import type { ProductLine } from "~/domain/catalog";
import { deriveEngineState, type EngineState } from "~/domain/configurator.engine";
import type { ConfiguratorIo, EngineQuestion } from "~/domain/configurator.machine";
import type { ShippedPairTable } from "~/domain/engine";

type Answer = { seq: number; engine?: EngineState; error?: string };

export function workerEngine(line: ProductLine, pairTable: ShippedPairTable | null): NonNullable<ConfiguratorIo["engine"]> {
  return (answer) => {
    const here = (q: EngineQuestion) => answer(q.seq, deriveEngineState(line, q.choices, q.texts, q.market));
    const waiting = new Map<number, EngineQuestion>();
    let worker: Worker | null = null;
    // Logged as errors: the page still works, but someone should look (a CSP that blocks workers, a bug).
    const giveUp = (event?: ErrorEvent) => {
      console.error(`The engine's worker stopped (${event?.message ?? "could not start"}); answering on the page instead.`);
      worker?.terminate();
      worker = null;
      const left = [...waiting.values()];
      waiting.clear();
      left.forEach(here);
    };
    try {
      worker = new Worker(new URL("./engine.worker.ts", import.meta.url), { type: "module" });
      worker.onmessage = (event: MessageEvent<Answer>) => {
        const { seq, engine, error } = event.data;
        const question = waiting.get(seq);
        waiting.delete(seq);
        if (engine) answer(seq, engine);
        else if (question) {
          console.error(`The engine's worker could not answer (${error}); answering on the page instead.`);
          here(question);
        }
      };
      worker.onerror = giveUp;
      worker.postMessage({ type: "LINE", line, pairTable });
    } catch {
      giveUp();
    }
    return {
      ask(question) {
        if (!worker) return here(question);
        waiting.set(question.seq, question);
        worker.postMessage(question);
      },
      close: () => worker?.terminate(),
    };
  };
}
