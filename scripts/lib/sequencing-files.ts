/**
 * Reading car-sequencing instances from disk for `npm run sequence`, the
 * benchmark and the real-data tests: a CSPLib prob001 file (one instance) or
 * a ROADEF 2005 instance folder. Parsing is pure (app/domain/sequencing/parse.ts).
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { basename, resolve } from "node:path";
import { parseCsplib, parseRoadef } from "../../app/domain/sequencing/parse";
import type { SequencingInstance } from "../../app/domain/sequencing/types";

export function loadSequencingInstance(path: string): SequencingInstance {
  if (!existsSync(path)) throw new Error(`${path}: no such file or directory`);
  const name = basename(resolve(path)).replace(/\.txt$/, "");
  if (statSync(path).isDirectory()) {
    const read = (file: string) => {
      const full = resolve(path, file);
      if (!existsSync(full)) throw new Error(`${full}: missing (a ROADEF instance folder holds vehicles.txt, ratios.txt, paint_batch_limit.txt, optimization_objectives.txt)`);
      return readFileSync(full, "utf8");
    };
    return parseRoadef({ vehicles: read("vehicles.txt"), ratios: read("ratios.txt"), paintBatchLimit: read("paint_batch_limit.txt"), objectives: read("optimization_objectives.txt") }, name);
  }
  return parseCsplib(readFileSync(path, "utf8"), name);
}

/** The instance folders of a ROADEF set, or the files of a CSPLib folder, sorted by name. */
export function listInstances(dir: string, filter: (name: string) => boolean = () => true): string[] {
  return readdirSync(dir)
    .filter(filter)
    .sort()
    .map((f) => resolve(dir, f));
}
