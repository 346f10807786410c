/**
 * The import boundaries between the layers (eslint.config.js) hold: each
 * layer's forbidden imports are refused and its ordinary ones pass. Linted as
 * probe text through ESLint's own API, so a pattern that silently matches
 * nothing (like an unescaped "#db/*", a gitignore comment) fails here.
 */
import { ESLint } from "eslint";
import { beforeAll, describe, expect, it } from "vitest";

let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: process.cwd() });
});

/** The rule ids ESLint reports for a file at `filePath` that imports `source` and uses it. */
async function ruleIdsFor(filePath: string, source: string): Promise<(string | null)[]> {
  const [result] = await eslint.lintText(`import { probe } from "${source}";\nexport const used = probe;\n`, { filePath });
  return result.messages.map((m) => m.ruleId);
}

interface Boundary {
  layer: string;
  /** Where the probe file sits. */
  filePath: string;
  forbidden: string[];
  allowed: string[];
}

const boundaries: Boundary[] = [
  {
    layer: "app/domain",
    filePath: "app/domain/probe.ts",
    forbidden: [
      "#db/client",
      "#db/schema/orders",
      "~/.server/orders/orders.server",
      "~/utils/form-data.server",
      "~/components/dealer/QuoteBits",
      "../components/forms",
      "~/routes/dealer._index",
      "~/scene/visual-keys",
      "~/root",
      "../root",
      "react",
      "@remix-run/react",
      "drizzle-orm",
      "three",
      "node:fs",
    ],
    allowed: ["./catalog", "~/domain/engine", "zod", "xstate"],
  },
  {
    layer: "app/domain (a subfolder)",
    filePath: "app/domain/engine/probe.ts",
    forbidden: ["#db/client", "../../routes/dealer._index", "../../.server/quotes/quotes.server"],
    allowed: ["../catalog", "./types"],
  },
  {
    layer: "app/components",
    filePath: "app/components/dealer/probe.ts",
    forbidden: ["~/.server/quotes/quotes.server", "~/.server/platform/logger.server", "~/utils/form-data.server", "../../.server/auth/auth.server", "#db/client", "~/root", "../../root"],
    allowed: ["~/domain/quote-sheet", "~/components/forms", "./QuoteBits", "~/scene/ScenePreview", "@remix-run/react", "react"],
  },
  {
    layer: "app/scene",
    filePath: "app/scene/probe.ts",
    forbidden: ["~/.server/catalog/catalog.server", "#db/schema", "~/root"],
    allowed: ["three", "@react-three/fiber", "~/domain/catalog", "./visual-keys"],
  },
  {
    layer: "app/.server",
    filePath: "app/.server/quotes/probe.server.ts",
    forbidden: ["~/components/dealer/QuoteBits", "../../components/forms", "~/routes/dealer._index", "../../routes/dealer._index", "~/root", "../../root"],
    allowed: ["#db/client", "~/domain/quote-sheet", "~/.server/auth/auth.server", "./quotes.server", "drizzle-orm", "~/utils/money"],
  },
];

describe.each(boundaries)("$layer", ({ filePath, forbidden, allowed }) => {
  it.each(forbidden)("refuses %s", async (source) => {
    expect(await ruleIdsFor(filePath, source)).toEqual(["no-restricted-imports"]);
  });

  it.each(allowed)("allows %s", async (source) => {
    expect(await ruleIdsFor(filePath, source)).toEqual([]);
  });
});
