/**
 * Edits of a draft catalog without writing JSON: the common changes a catalog
 * manager makes (a price, a name, a lead time, a value added or retired, a
 * requires/excludes rule between two values, a catalog test). Each edit is a
 * pure function from a catalog to the next one, checked at once the way an
 * import is (parseCatalog) and, beyond the schema, so that every line still
 * has a complete configuration. A refusal names the form field it is about
 * (`path`), so the page shows it next to that field.
 *
 * Retiring a value in a draft removes it from the draft (decision 037): the
 * published versions keep it, so configurations made with them still name
 * it, and the impact page shows what they become under the draft.
 */
import { z } from "zod";
import {
  CatalogError,
  exampleSchema,
  LANGUAGES,
  localize,
  MARKET_CODES,
  parseCatalog,
  type Catalog,
  type ChoiceFeature,
  type Language,
  type Market,
  type ProductLine,
  type Rule,
  type Value,
} from "./catalog";
import { unknownCodes } from "./catalog-examples";
import { conditionCodes } from "./catalog.meaning";
import { compileLine, complete } from "./engine";
import { fail, ok, type Result } from "./result";

const codeSchema = z
  .string()
  .trim()
  .min(1, "required")
  .max(64)
  .regex(/^[A-Za-z0-9_.-]+$/, "codes use letters, digits, '_', '.', '-'");
const marketSchema = z.enum(MARKET_CODES as [Market, ...Market[]]);
const languageSchema = z.enum(LANGUAGES);

/** What an edit changes; `line` is the product line's code. "base" as a price target is the line's base price. */
export const catalogEditSchema = z.discriminatedUnion("op", [
  z.object({ op: z.literal("price"), line: codeSchema, target: codeSchema, market: marketSchema, amount: z.number().int().min(0, "a price can't be negative").nullable() }),
  z.object({ op: z.literal("name"), line: codeSchema, target: codeSchema, language: languageSchema, text: z.string().trim().max(200) }),
  z.object({ op: z.literal("lead-time"), line: codeSchema, value: codeSchema, days: z.number().int().min(0, "lead time can't be negative").max(365) }),
  z.object({ op: z.literal("add-value"), line: codeSchema, feature: codeSchema, code: codeSchema, name: z.string().trim().min(1, "required").max(200) }),
  z.object({ op: z.literal("retire-value"), line: codeSchema, value: codeSchema }),
  z.object({ op: z.literal("add-rule"), line: codeSchema, kind: z.enum(["requires", "excludes"]), a: codeSchema, b: codeSchema }),
  z.object({ op: z.literal("remove-rule"), line: codeSchema, rule: codeSchema }),
  z.object({ op: z.literal("add-example"), example: exampleSchema }),
  z.object({ op: z.literal("remove-example"), index: z.number().int().min(0) }),
]);
export type CatalogEdit = z.infer<typeof catalogEditSchema>;
export type CatalogEditOp = CatalogEdit["op"];

export type EditRefusalCode = "unknown-line" | "unknown-target" | "invalid" | "in-use" | "duplicate" | "no-configuration" | "last-value";

/** What one edit did: the fields before and after (for the audit log), and the new catalog. */
export interface AppliedEdit {
  catalog: Catalog;
  before: Record<string, unknown>;
  after: Record<string, unknown>;
}

const refuse = (code: EditRefusalCode, message: string, path: string) => fail({ status: 422, code, message, path });

export function applyCatalogEdit(catalog: Catalog, edit: CatalogEdit): Result<AppliedEdit, EditRefusalCode> {
  const next = structuredClone(catalog);
  const changed = change(next, edit);
  if (!changed.ok) return changed;
  // Checked as an import is: a bad edit never reaches the draft.
  let parsed: Catalog;
  try {
    parsed = parseCatalog(next);
  } catch (error) {
    if (!(error instanceof CatalogError)) throw error;
    const first = error.issues[0];
    return refuse("invalid", `${first?.path ?? ""}: ${first?.message ?? error.message}`, "catalog");
  }
  if ("line" in edit) {
    const line = parsed.productLines.find((l) => l.code === edit.line)!;
    if (complete(compileLine(line), { choices: [] }) === null)
      return refuse("no-configuration", `after this change, ${line.code} has no complete configuration: nothing could be built`, "catalog");
  }
  return ok({ catalog: parsed, before: changed.value.before, after: changed.value.after });
}

type Change = Result<{ before: Record<string, unknown>; after: Record<string, unknown> }, EditRefusalCode>;

/** Applies the edit in place on a copy; the caller re-validates the whole catalog. */
function change(catalog: Catalog, edit: CatalogEdit): Change {
  if (edit.op === "add-example") {
    const line = catalog.productLines.find((l) => l.code === edit.example.line);
    if (!line) return refuse("unknown-line", `unknown product line "${edit.example.line}"`, "line");
    const unknown = unknownCodes(line, edit.example);
    if (unknown.length > 0) return refuse("unknown-target", `unknown value code "${unknown.join('", "')}"`, "choices");
    catalog.examples = [...(catalog.examples ?? []), edit.example];
    return ok({ before: {}, after: { example: edit.example } });
  }
  if (edit.op === "remove-example") {
    const example = catalog.examples?.[edit.index];
    if (!example) return refuse("unknown-target", `there is no catalog test number ${edit.index + 1}`, "index");
    catalog.examples = catalog.examples!.filter((_, i) => i !== edit.index);
    return ok({ before: { example }, after: {} });
  }
  const line = catalog.productLines.find((l) => l.code === edit.line);
  if (!line) return refuse("unknown-line", `unknown product line "${edit.line}"`, "line");
  switch (edit.op) {
    case "price": {
      const prices = edit.target === "base" ? line.basePrice : findValue(line, edit.target)?.value.price;
      if (!prices) return refuse("unknown-target", `unknown value code "${edit.target}"`, "target");
      const before = prices[edit.market] ?? null;
      if (edit.amount === null) delete prices[edit.market];
      else prices[edit.market] = edit.amount;
      return ok({ before: { target: edit.target, market: edit.market, amount: before }, after: { target: edit.target, market: edit.market, amount: edit.amount } });
    }
    case "name": {
      const names = edit.target === line.code ? line.name : (findValue(line, edit.target)?.value.name ?? line.features.find((f) => f.code === edit.target)?.name);
      if (!names) return refuse("unknown-target", `unknown code "${edit.target}"`, "target");
      const all = names as Record<string, string>;
      const before = all[edit.language] ?? null;
      if (edit.text === "") {
        if (edit.language === "en") return refuse("invalid", "the English name is required", "text");
        delete all[edit.language];
      } else all[edit.language] = edit.text;
      return ok({ before: { target: edit.target, language: edit.language, text: before }, after: { target: edit.target, language: edit.language, text: edit.text || null } });
    }
    case "lead-time": {
      const found = findValue(line, edit.value);
      if (!found) return refuse("unknown-target", `unknown value code "${edit.value}"`, "value");
      const before = found.value.leadTimeDays;
      found.value.leadTimeDays = edit.days;
      return ok({ before: { value: edit.value, leadTimeDays: before }, after: { value: edit.value, leadTimeDays: edit.days } });
    }
    case "add-value": {
      const feature = line.features.find((f): f is ChoiceFeature => f.code === edit.feature && f.kind !== "text");
      if (!feature) return refuse("unknown-target", `"${edit.feature}" is not a feature with values`, "feature");
      if (codesOf(line).has(edit.code)) return refuse("duplicate", `the line already has the code "${edit.code}"`, "code");
      const value: Value = { code: edit.code, name: { en: edit.name }, price: {}, modules: [], leadTimeDays: 0, includes: [], default: false };
      feature.values.push(value);
      return ok({ before: {}, after: { feature: feature.code, value: edit.code, name: edit.name } });
    }
    case "retire-value": {
      const found = findValue(line, edit.value);
      if (!found) return refuse("unknown-target", `unknown value code "${edit.value}"`, "value");
      if (found.feature.values.length === 1)
        return refuse("last-value", `${edit.value} is the last value of ${found.feature.code}: a feature keeps at least one`, "value");
      const users = usersOf(line, edit.value);
      if (users.length > 0)
        return refuse("in-use", `${edit.value} is still named by ${users.join(", ")}: change or remove those first`, "value");
      found.feature.values = found.feature.values.filter((v) => v.code !== edit.value);
      // An excludes rule just forgets the value; one left with a single value excludes nothing and goes.
      const dropped: string[] = [];
      line.rules = line.rules.flatMap((r): Rule[] => {
        if (r.kind !== "excludes" || !r.values.includes(edit.value)) return [r];
        const values = r.values.filter((c) => c !== edit.value);
        if (values.length < 2) {
          dropped.push(r.id);
          return [];
        }
        return [{ ...r, values }];
      });
      return ok({ before: { feature: found.feature.code, value: found.value as unknown as Record<string, unknown> }, after: { droppedRules: dropped } });
    }
    case "add-rule": {
      for (const [field, c] of [["a", edit.a], ["b", edit.b]] as const)
        if (!findValue(line, c)) return refuse("unknown-target", `unknown value code "${c}"`, field);
      if (edit.a === edit.b) return refuse("invalid", "a rule needs two different values", "b");
      const id = freeRuleId(line, `${edit.kind === "requires" ? "req" : "excl"}-${edit.a}-${edit.b}`);
      const rule: Rule =
        edit.kind === "requires"
          ? { kind: "requires", id, if: { value: edit.a }, then: { value: edit.b } }
          : { kind: "excludes", id, values: [edit.a, edit.b] };
      line.rules.push(rule);
      return ok({ before: {}, after: { rule: rule as unknown as Record<string, unknown> } });
    }
    case "remove-rule": {
      const rule = line.rules.find((r) => r.id === edit.rule);
      if (!rule) return refuse("unknown-target", `unknown rule "${edit.rule}"`, "rule");
      line.rules = line.rules.filter((r) => r.id !== edit.rule);
      return ok({ before: { rule: rule as unknown as Record<string, unknown> }, after: {} });
    }
  }
}

export function findValue(line: ProductLine, code: string): { feature: ChoiceFeature; value: Value } | null {
  for (const feature of line.features) {
    if (feature.kind === "text") continue;
    const value = feature.values.find((v) => v.code === code);
    if (value) return { feature, value };
  }
  return null;
}

function codesOf(line: ProductLine): Set<string> {
  return new Set(line.features.flatMap((f) => [f.code, ...(f.kind === "text" ? [] : f.values.map((v) => v.code))]));
}

/** What still names a value besides excludes rules: other rules, packages, personalization fields. */
function usersOf(line: ProductLine, code: string): string[] {
  const users: string[] = [];
  for (const r of line.rules) {
    const named =
      r.kind === "requires" ? [...conditionCodes(r.if), ...conditionCodes(r.then)] : r.kind === "constraint" ? conditionCodes(r.condition) : r.kind === "table" ? r.tuples.flat() : [];
    if (named.includes(code)) users.push(`rule ${r.id}`);
  }
  for (const f of line.features) {
    if (f.kind === "text") {
      if (f.enabledBy === code) users.push(`field ${f.code}`);
    } else for (const v of f.values) if (v.includes.includes(code)) users.push(`package ${v.code}`);
  }
  return users;
}

function freeRuleId(line: ProductLine, wanted: string): string {
  const ids = new Set(line.rules.map((r) => r.id));
  const base = wanted.slice(0, 60);
  if (!ids.has(base)) return base;
  for (let i = 2; ; i++) if (!ids.has(`${base}-${i}`)) return `${base}-${i}`;
}

/** A value's or feature's name, for pickers. */
export function labelOf(line: ProductLine, code: string, language: Language): string {
  const found = findValue(line, code);
  if (found) return `${localize(found.value.name, language)} (${code})`;
  const feature = line.features.find((f) => f.code === code);
  return feature ? localize(feature.name, language) : code;
}
