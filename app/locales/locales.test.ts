/**
 * The translations are complete and the UI has no untranslated text:
 * every language has exactly English's keys with the same {{placeholders}},
 * and no component under app/ writes letters straight into JSX.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { LANGUAGES } from "~/domain/catalog";
import { getT } from "~/i18n";
import en from "./en.json";
import ja from "./ja.json";
import ko from "./ko.json";
import zh from "./zh.json";

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

describe("locales", () => {
  const english = flatten(en);
  it.each([
    ["zh", zh],
    ["ja", ja],
    ["ko", ko],
  ] as const)("%s has every English key, no others, and the same placeholders", (_language, resource) => {
    const other = flatten(resource);
    expect([...other.keys()].sort()).toEqual([...english.keys()].sort());
    for (const [key, text] of english) {
      expect(other.get(key)?.trim(), key).not.toBe("");
      expect(placeholders(other.get(key) ?? ""), key).toEqual(placeholders(text));
    }
  });

  it("translates through i18next in every language", () => {
    for (const language of LANGUAGES) expect(getT(language)("login.title")).not.toBe("login.title");
    expect(getT("zh")("login.title")).toBe(zh.login.title);
  });
});

/** User-visible attributes that must come from translations too. */
const TEXT_ATTRIBUTES = new Set(["aria-label", "title", "placeholder", "alt", "aria-description"]);
const hasLetters = (text: string) => /\p{L}/u.test(text);

function tsxFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return tsxFiles(path);
    return entry.name.endsWith(".tsx") && !entry.name.includes(".test.") ? [path] : [];
  });
}

function literalTexts(file: string, text = readFileSync(file, "utf8")): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node) && hasLetters(node.text)) found.push(node.text.trim());
    if (ts.isJsxAttribute(node) && TEXT_ATTRIBUTES.has(node.name.getText(source)) && node.initializer) {
      const init = node.initializer;
      const literal = ts.isStringLiteral(init) ? init : ts.isJsxExpression(init) && init.expression && ts.isStringLiteral(init.expression) ? init.expression : undefined;
      if (literal && hasLetters(literal.text)) found.push(`${node.name.getText(source)}="${literal.text}"`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found.map((text) => `${relative(process.cwd(), file)}: ${text}`);
}

describe("components", () => {
  it("write no literal text: everything goes through i18next", () => {
    const appDir = join(import.meta.dirname, "..");
    const offenders = tsxFiles(appDir).flatMap((file) => literalTexts(file));
    expect(offenders).toEqual([]);
  });

  it("the check itself catches literal text and attributes, not expressions", () => {
    const sample = `export const A = () => <p title="Hello" className="x">Hi there {name} <b aria-label={t("k")}>{"·"}</b></p>;`;
    expect(literalTexts("sample.tsx", sample).map((line) => line.replace(/^.*?: /, ""))).toEqual(['title="Hello"', "Hi there"]);
  });
});

/**
 * Every `t("literal.key", { … })` call that passes an object literal gives each
 * {{placeholder}} of the English text a value (an i18next text with a missing
 * value shows "{{n}}" to the reader). Keys with plural forms (`_one`/`_other`)
 * are checked against their `_other` text.
 */
function missingPlaceholders(file: string, text = readFileSync(file, "utf8")): string[] {
  const english = flatten(en);
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node) && node.expression.getText(source) === "t" && node.arguments.length >= 2) {
      const [key, values] = node.arguments;
      if (key && ts.isStringLiteral(key) && values && ts.isObjectLiteralExpression(values) && !values.properties.some(ts.isSpreadAssignment)) {
        const message = english.get(key.text) ?? english.get(`${key.text}_other`);
        const given = new Set(values.properties.map((p) => p.name?.getText(source)).filter((n): n is string => Boolean(n)));
        for (const name of placeholders(message ?? "")) if (!given.has(name!)) found.push(`${relative(process.cwd(), file)}: t("${key.text}") lacks {{${name}}}`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !entry.name.includes(".test.") ? [path] : [];
  });
}

describe("translated texts with values", () => {
  it("get a value for every placeholder", () => {
    const appDir = join(import.meta.dirname, "..");
    expect(sourceFiles(appDir).flatMap((file) => missingPlaceholders(file))).toEqual([]);
  });

  it("the check itself catches a missing value, and takes shorthand properties", () => {
    const sample = `const a = t("queue.matching", { count: 3 }); const n = 1; const b = t("queue.matching", { n });`;
    expect(missingPlaceholders("sample.ts", sample).map((line) => line.replace(/^.*?: /, ""))).toEqual(['t("queue.matching") lacks {{n}}']);
  });
});
