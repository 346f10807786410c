/**
 * Reading catalog sources from disk for the command-line tools (analyse,
 * bench, import) and the real-data tests: an Atelier catalog `.json`, a DIMACS
 * `.dimacs`/`.cnf` file, or a CLib folder (or `synthetic:automotive2-like[:SEED]`, the
 * generated stand-in of ./synthetic-model.ts). The parsing itself is pure and
 * lives in app/domain; this file only does the I/O and turns every failure
 * into an ImportError that names the file and, when known, the line.
 */
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { basename, dirname, extname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { CatalogError, parseCatalog, type Catalog, type ProductLine } from "../../app/domain/catalog";
import { importClib, type ClibImport } from "../../app/domain/import/clib";
import { importDimacs, type DimacsImport } from "../../app/domain/import/dimacs";
import { ImportError } from "../../app/domain/import/errors";
import { lineOfPath, syntaxErrorLine } from "../../app/domain/import/json-lines";
import { automotive2LikeDimacs } from "./synthetic-model";

export type Source =
  | { kind: "catalog"; path: string; catalog: Catalog }
  | { kind: "dimacs"; path: string; imported: DimacsImport }
  | { kind: "clib"; path: string; imported: ClibImport };

/** Load and check a source; throws ImportError (with file and line) when it is malformed. */
export function loadSource(path: string): Source {
  const synthetic = /^synthetic:automotive2-like(?::(\d+))?$/.exec(path);
  if (synthetic) {
    const seed = synthetic[1] === undefined ? undefined : Number(synthetic[1]);
    const text = automotive2LikeDimacs(seed);
    return { kind: "dimacs", path, imported: importDimacs(text, { file: path, lineCode: "automotive2-like", lineName: "automotive2-like (synthetic)" }) };
  }
  if (!existsSync(path)) throw new ImportError("no such file or directory", path);
  if (statSync(path).isDirectory()) return { kind: "clib", path, imported: loadClibFolder(path) };
  const ext = extname(path).toLowerCase();
  const text = readFileSync(path, "utf8");
  if (ext === ".json") return { kind: "catalog", path, catalog: parseCatalogText(text, path) };
  if (ext === ".dimacs" || ext === ".cnf") {
    const name = basename(path, extname(path));
    return { kind: "dimacs", path, imported: importDimacs(text, { file: path, lineCode: name, lineName: name }) };
  }
  throw new ImportError(`unknown kind of source "${ext}" (expected .json, .dimacs, .cnf or a CLib folder)`, path);
}

/** The product lines of a source (a DIMACS file or CLib folder is one line). */
export function sourceLines(source: Source): ProductLine[] {
  return source.kind === "catalog" ? source.catalog.productLines : [source.imported.line];
}

/** For a command: the product lines of the source at `path`; a malformed one prints `error: …` (file and line) and exits with status 1. */
export function loadSourceLinesOrExit(path: string): ProductLine[] {
  try {
    return sourceLines(loadSource(path));
  } catch (e) {
    if (e instanceof ImportError) {
      console.error(`error: ${e.message}`);
      process.exit(1);
    }
    throw e;
  }
}

/** A CLib folder: the domains file and the `.pm` rule files (other files are ignored). */
export function loadClibFolder(dir: string): ClibImport {
  const files: Record<string, string> = {};
  for (const name of readdirSync(dir)) {
    if (name.endsWith(".pm") || name.endsWith("domains.txt")) files[name] = readFileSync(resolve(dir, name), "utf8");
  }
  const name = basename(resolve(dir));
  return importClib(files, { folder: dir, lineCode: name, lineName: name });
}

/** Parse a catalog JSON text; syntax and schema errors become ImportErrors with the line. */
export function parseCatalogText(text: string, file: string): Catalog {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new ImportError(`invalid JSON: ${(e as Error).message}`, file, syntaxErrorLine(text, e));
  }
  try {
    return parseCatalog(json);
  } catch (e) {
    if (!(e instanceof CatalogError)) throw e;
    const first = e.issues[0];
    const path = first.path === "" ? [] : first.path.split(".").map((p) => (/^\d+$/.test(p) ? Number(p) : p));
    const more = e.issues.length > 1 ? ` (+${e.issues.length - 1} more problems)` : "";
    throw new ImportError(`${first.path || "(root)"}: ${first.message}${more}`, file, lineOfPath(text, path));
  }
}

/**
 * The shared benchmark data folder: $ATELIER_BENCHDATA, else ../shared/benchdata
 * next to the repository. Undefined when it is not there.
 */
export function benchdataRoot(): string | undefined {
  const repo = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
  const dir = process.env.ATELIER_BENCHDATA ?? resolve(repo, "../shared/benchdata");
  return existsSync(dir) ? dir : undefined;
}

/** Where the shared benchmark data is looked for (for messages when it is missing). */
export function benchdataLocation(): string {
  const repo = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
  return process.env.ATELIER_BENCHDATA ?? resolve(repo, "../shared/benchdata");
}
