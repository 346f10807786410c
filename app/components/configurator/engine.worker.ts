/**
 * The configurator's engine off the main thread (ConfiguratorInput.offThread): the page sends
 * the line once (with the pair table the server built), then one question per change; each
 * answer goes back with the question's number, so the machine can tell a stale one.
 * The same pure engine as on the main thread and on the server.
 */
import type { ProductLine } from "~/domain/catalog";
import { deriveEngineState, rememberPairTable } from "~/domain/configurator.engine";
import type { EngineQuestion } from "~/domain/configurator.machine";
import type { ShippedPairTable } from "~/domain/engine";

export type EngineWorkerMessage = { type: "LINE"; line: ProductLine; pairTable: ShippedPairTable | null } | EngineQuestion;

// The project's TypeScript lib is the DOM's; a worker's scope is a different global.
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<EngineWorkerMessage>) => void) | null;
  postMessage(message: unknown): void;
};

let line: ProductLine | null = null;

scope.onmessage = (event) => {
  const message = event.data;
  if (message.type === "LINE") {
    line = message.line;
    rememberPairTable(line, message.pairTable);
    return;
  }
  if (line === null) return;
  try {
    scope.postMessage({ seq: message.seq, engine: deriveEngineState(line, message.choices, message.texts, message.market) });
  } catch (error) {
    // The page answers this one itself, as it would without a worker.
    scope.postMessage({ seq: message.seq, error: error instanceof Error ? error.message : String(error) });
  }
};
