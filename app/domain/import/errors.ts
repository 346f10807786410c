/**
 * Import failures name the file and the line, so an admin can fix the source
 * instead of guessing what the importer disliked.
 */
export class ImportError extends Error {
  constructor(
    /** What is wrong, without the location. */
    readonly reason: string,
    readonly file: string,
    /** 1-based line number; undefined when the problem is about the file as a whole. */
    readonly line?: number,
  ) {
    super(`${file}${line === undefined ? "" : `:${line}`}: ${reason}`);
    this.name = "ImportError";
  }
}

const CODE_CHARS = /[^A-Za-z0-9_.-]/g;
const MAX_CODE = 64;

/**
 * Hands out catalog codes (letters, digits, '_', '.', '-'; at most 64 chars) for
 * arbitrary source names, unique within one product line.
 */
export class CodeAllocator {
  private readonly used = new Set<string>();

  /** A valid, unused code as close to `raw` as possible. */
  allocate(raw: string): string {
    let base = raw.trim().replace(CODE_CHARS, "_");
    if (base === "") base = "x";
    base = base.slice(0, MAX_CODE);
    let candidate = base;
    for (let n = 2; this.used.has(candidate); n++) {
      const suffix = `_${n}`;
      candidate = base.slice(0, MAX_CODE - suffix.length) + suffix;
    }
    this.used.add(candidate);
    return candidate;
  }
}

/** Display names are limited to 200 characters by the catalog schema. */
export const displayName = (raw: string) => (raw.trim() === "" ? "(unnamed)" : raw.trim().slice(0, 200));
