/**
 * Line numbers for JSON catalogs: where a syntax error is, and on which line
 * the value at a schema path (e.g. productLines.0.rules.3.id) starts, so a
 * rejected catalog file can be fixed without hunting.
 */

/** 1-based line of a character offset. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** Line of a JSON.parse syntax error, when the engine's message gives a position. */
export function syntaxErrorLine(text: string, error: unknown): number | undefined {
  const message = error instanceof Error ? error.message : String(error);
  const lc = /line (\d+) column \d+/.exec(message);
  if (lc) return Number(lc[1]);
  const pos = /position (\d+)/.exec(message);
  return pos ? lineAt(text, Number(pos[1])) : undefined;
}

/**
 * Line where the value at `path` starts in a valid JSON text; for a path that
 * goes deeper than the document (e.g. a missing property), the line of the
 * deepest existing value on the way.
 */
export function lineOfPath(text: string, path: readonly (string | number)[]): number {
  let i = 0;
  const ws = () => {
    while (i < text.length && /\s/.test(text[i])) i++;
  };
  const skipString = () => {
    i++; // opening quote
    while (i < text.length && text[i] !== '"') i += text[i] === "\\" ? 2 : 1;
    i++;
  };
  const readString = () => {
    const start = i;
    skipString();
    return JSON.parse(text.slice(start, i)) as string;
  };
  /** Skip one value starting at i (after whitespace). */
  const skipValue = (): void => {
    ws();
    const c = text[i];
    if (c === '"') return skipString();
    if (c === "{" || c === "[") {
      const close = c === "{" ? "}" : "]";
      i++;
      ws();
      if (text[i] === close) {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (c === "{") {
          skipString();
          ws();
          i++; // ':'
        }
        skipValue();
        ws();
        if (text[i] === ",") i++;
        else {
          i++; // close
          return;
        }
      }
    }
    while (i < text.length && !/[\s,}\]]/.test(text[i])) i++;
  };
  /** Skip a member's value and its comma, to the next member (or the closing bracket). */
  const skipMember = (): void => {
    skipValue();
    ws();
    if (text[i] === ",") i++;
    ws();
  };
  let depth = 0;
  ws();
  for (;;) {
    if (depth === path.length) return lineAt(text, i);
    const here = i;
    const step = path[depth];
    const c = text[i];
    let found = false;
    if (c === "{") {
      i++;
      ws();
      while (text[i] !== "}" && i < text.length) {
        ws();
        const key = readString();
        ws();
        i++; // ':'
        ws();
        if (key === String(step)) {
          found = true;
          break;
        }
        skipMember();
      }
    } else if (c === "[") {
      i++;
      ws();
      for (let k = 0; text[i] !== "]" && i < text.length; k++) {
        ws();
        if (k === step) {
          found = true;
          break;
        }
        skipMember();
      }
    }
    if (!found) return lineAt(text, here);
    depth++;
  }
}
