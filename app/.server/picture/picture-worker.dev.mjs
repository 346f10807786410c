// Starts the picture worker from its TypeScript source (tests, scripts, `remix vite:dev`), where no bundled
// worker exists: tsx compiles it on the fly. Production runs the bundle instead (decision 036).
import { workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
await import(workerData.entry);
