/**
 * The catalog: what a maker sells, as data. Pure types and their zod schema;
 * no I/O. A catalog version holds product lines; a product line holds base
 * modules, features (questions), their values (answers) and rules.
 *
 * Value codes are unique within a product line (like Audi PR codes), so a
 * configuration is simply a set of codes plus personalization texts.
 */
import { z } from "zod";
import { conditionCodes, unhandledKind } from "./catalog.meaning";

export const LANGUAGES = ["en", "zh", "ja", "ko"] as const;
export type Language = (typeof LANGUAGES)[number];

/** Markets: currency and VAT rate. Prices are integer minor units of the market's currency. */
/**
 * `tax` is what the market calls the tax in its prices: prices in the US are
 * quoted without it (sales tax depends on the state and is added at delivery),
 * so its rate here is 0 and its label says so rather than "VAT (0 %)".
 */
export const MARKETS = {
  DE: { currency: "EUR", vatBasisPoints: 1900, minorDigits: 2, tax: "vat" },
  US: { currency: "USD", vatBasisPoints: 0, minorDigits: 2, tax: "salesTax" },
  CN: { currency: "CNY", vatBasisPoints: 1300, minorDigits: 2, tax: "vat" },
  JP: { currency: "JPY", vatBasisPoints: 1000, minorDigits: 0, tax: "consumptionTax" },
  KR: { currency: "KRW", vatBasisPoints: 1000, minorDigits: 0, tax: "vat" },
} as const;
export type Market = keyof typeof MARKETS;
export const MARKET_CODES = Object.keys(MARKETS) as Market[];
export type TaxName = (typeof MARKETS)[Market]["tax"];

/** The tax row's label in every price summary, named as the market knows it, with its rate. */
export function taxLabel(market: Market, t: (key: `tax.${TaxName}`, values: { rate: number }) => string): string {
  return t(`tax.${MARKETS[market].tax}`, { rate: MARKETS[market].vatBasisPoints / 100 });
}

/** What a visitor reads the site in and buys for; the root loader sends it to every page. */
export type Preferences = { language: Language; market: Market };

const code = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_.-]+$/, "codes use letters, digits, '_', '.', '-'");

/** A name per language; English is required, the others fall back to it. */
export const localizedSchema = z
  .object({ en: z.string().min(1).max(200) })
  .catchall(z.string().max(200))
  .refine((names) => Object.keys(names).every((l) => (LANGUAGES as readonly string[]).includes(l)), {
    message: `languages are ${LANGUAGES.join(", ")}`,
  });
export type Localized = z.infer<typeof localizedSchema>;

/** Price per market in minor units; a value may be missing from a market only if it is free there. */
const priceSchema = z.record(z.enum(MARKET_CODES as [Market, ...Market[]]), z.number().int().min(0));
export type Prices = Partial<Record<Market, number>>;

const moduleRefSchema = z.object({ module: code, quantity: z.number().int().min(1).max(10_000) });
export type ModuleRef = z.infer<typeof moduleRefSchema>;

export const valueSchema = z.object({
  code,
  name: localizedSchema,
  price: priceSchema.default({}),
  modules: z.array(moduleRefSchema).default([]),
  /** Key the 3D scene uses to pick geometry/material (e.g. "paint:red-metallic"). */
  visualKey: z.string().max(100).optional(),
  /** Extra production lead time this value adds, in days. */
  leadTimeDays: z.number().int().min(0).max(365).default(0),
  /** Codes of values this value includes (a package). Included values are not charged again. */
  includes: z.array(code).default([]),
  /** Preferred by completion (the catalog default). */
  default: z.boolean().default(false),
});
export type Value = z.infer<typeof valueSchema>;

export const STEPS = [
  "trim",
  "powertrain",
  "exterior",
  "wheels",
  "interior",
  "packages",
  "options",
  "personalization",
] as const;
export type Step = (typeof STEPS)[number];

const choiceFeatureBase = {
  code,
  name: localizedSchema,
  step: z.enum(STEPS).optional(),
  required: z.boolean().default(true),
  values: z.array(valueSchema).min(1),
};

export const featureSchema = z.discriminatedUnion("kind", [
  /** Exactly one value when required, at most one when optional. */
  z.object({ kind: z.literal("single"), ...choiceFeatureBase }),
  /** Any subset, within min/max. A required multiple feature needs at least one value (min ≥ 1). */
  z.object({
    kind: z.literal("multiple"),
    ...choiceFeatureBase,
    required: z.boolean().default(false),
    min: z.number().int().min(0).optional(),
    max: z.number().int().min(0).optional(),
  }),
  /** Free text with a pattern and a maximum length (e.g. a door-sill inscription). */
  z.object({
    kind: z.literal("text"),
    code,
    name: localizedSchema,
    step: z.enum(STEPS).optional(),
    required: z.boolean().default(false),
    pattern: z.string().max(500),
    maxLength: z.number().int().min(1).max(500),
    /** The text is allowed only when this value is chosen (e.g. the inscription option). */
    enabledBy: code.optional(),
    price: priceSchema.default({}),
  }),
]);
export type Feature = z.infer<typeof featureSchema>;
export type ChoiceFeature = Extract<Feature, { kind: "single" | "multiple" }>;
export type TextFeature = Extract<Feature, { kind: "text" }>;

/** A boolean condition over value codes: "is chosen", and / or / not. */
export type Condition =
  | { value: string }
  | { and: Condition[] }
  | { or: Condition[] }
  | { not: Condition };
export const conditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.object({ value: code }).strict(),
    z.object({ and: z.array(conditionSchema).min(1) }).strict(),
    z.object({ or: z.array(conditionSchema).min(1) }).strict(),
    z.object({ not: conditionSchema }).strict(),
  ]),
);

const ruleBase = {
  id: code,
  /** Why the rule exists, shown to users in reasons. */
  description: localizedSchema.optional(),
};

export const ruleSchema = z.discriminatedUnion("kind", [
  /** If `if` is chosen then `then` must hold. */
  z.object({ kind: z.literal("requires"), ...ruleBase, if: conditionSchema, then: conditionSchema }),
  /** The values can't be chosen together (pairwise). */
  z.object({ kind: z.literal("excludes"), ...ruleBase, values: z.array(code).min(2) }),
  /** A general condition that every complete configuration satisfies. */
  z.object({ kind: z.literal("constraint"), ...ruleBase, condition: conditionSchema }),
  /**
   * Allowed combinations (a positive table): over the given features (single choice),
   * only these tuples of value codes may occur together. Used by CLib-style imports.
   */
  z.object({
    kind: z.literal("table"),
    ...ruleBase,
    features: z.array(code).min(1),
    tuples: z.array(z.array(code)).min(1),
  }),
]);
export type Rule = z.infer<typeof ruleSchema>;
/**
 * Package contents are declared on the package value (`includes`). What each rule kind, a
 * package and a feature's cardinality mean is written once, in catalog.meaning.ts.
 */

export const productLineSchema = z.object({
  code,
  name: localizedSchema,
  description: localizedSchema.optional(),
  /** Base price per market, minor units. */
  basePrice: priceSchema,
  /** Modules in every unit. */
  baseModules: z.array(moduleRefSchema),
  /** Which 3D model the scene builds (e.g. "sedan", "estate", "fridge"). */
  visualModel: z.string().max(50).optional(),
  /**
   * What this line calls the configurator's steps, where the general names
   * don't fit (a refrigerator has no "Trim"); a step without one keeps the
   * general name.
   */
  stepNames: z.record(z.enum(STEPS), localizedSchema).optional(),
  /** Production lead time of the base unit, in days. */
  leadTimeDays: z.number().int().min(0).max(365).default(0),
  features: z.array(featureSchema).min(1),
  rules: z.array(ruleSchema).default([]),
});
export type ProductLine = z.infer<typeof productLineSchema>;

export const moduleSchema = z.object({
  code,
  name: localizedSchema,
  /** The place in the product this module fills (e.g. "steering-wheel"): one of the catalog's `slots`. */
  slot: code.optional(),
});
export type Module = z.infer<typeof moduleSchema>;

/**
 * A place in the product that modules fill (a steering wheel, the first seat
 * row). Every buildable configuration of a line the slot applies to gets
 * exactly one module of a required slot and at most one of an optional one,
 * counting quantities; the BOM proof (engine/bom-proof.ts) checks it before
 * a version is published.
 */
export const slotSchema = z.object({
  code,
  name: localizedSchema,
  required: z.boolean().default(false),
  /** Product line codes the slot applies to (codes of lines the catalog doesn't have are ignored); every line when absent. */
  lines: z.array(code).optional(),
});
export type Slot = z.infer<typeof slotSchema>;

/**
 * A catalog test ("example"): a configuration the catalog manager states a
 * fact about: it must be buildable (some complete configuration contains
 * these choices), it must be refused, and optionally what it costs in a
 * market once the engine completes it. Run on every draft edit and before
 * publishing (app/domain/catalog-examples.ts).
 */
export const EXAMPLE_EXPECTATIONS = ["buildable", "refused"] as const;
export type ExampleExpectation = (typeof EXAMPLE_EXPECTATIONS)[number];
export const exampleSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    line: code,
    choices: z.array(code).max(200).default([]),
    texts: z.record(code, z.string().max(500)).default({}),
    expect: z.enum(EXAMPLE_EXPECTATIONS),
    /** The completed configuration's total (tax included) in a market, minor units. Only with "buildable". */
    price: z.object({ market: z.enum(MARKET_CODES as [Market, ...Market[]]), total: z.number().int().min(0) }).strict().optional(),
  })
  .strict();
export type CatalogExample = z.infer<typeof exampleSchema>;

export const catalogSchema = z
  .object({
    /** Places in the product that modules fill (see slotSchema). */
    slots: z.array(slotSchema).default([]),
    /** Modules shared by every product line of the catalog (the bill of materials' parts). */
    modules: z.array(moduleSchema).default([]),
    productLines: z.array(productLineSchema).min(1),
    /** The catalog's own tests; optional. */
    examples: z.array(exampleSchema).max(500).optional(),
  })
  .superRefine((catalog, ctx) => checkReferences(catalog, ctx));
export type Catalog = z.infer<typeof catalogSchema>;
export type CatalogInput = z.input<typeof catalogSchema>;

/** A configuration: what a customer chose. Always names its catalog version. */
export interface Configuration {
  line: string;
  catalogVersion?: string;
  choices: string[];
  texts: Record<string, string>;
}

/** A configuration as an order or a quote version keeps it: its catalog version, and the market and currency it was priced in. */
export interface PricedConfiguration extends Required<Configuration> {
  market: Market;
  currency: string;
}

/** Cross-references zod can't express: unique codes, known codes in rules, packages and modules. */
function checkReferences(catalog: { slots: Slot[]; modules: Module[]; productLines: ProductLine[]; examples?: CatalogExample[] }, ctx: z.RefinementCtx) {
  const modules = new Set(catalog.modules.map((m) => m.code));
  const slots = new Set<string>();
  catalog.slots.forEach((s, si) => {
    if (slots.has(s.code)) ctx.addIssue({ code: "custom", path: ["slots", si, "code"], message: `duplicate slot "${s.code}"` });
    slots.add(s.code);
    // A slot's `lines` may name lines this version doesn't have: a version that drops a line keeps its slots as they were.
  });
  const moduleCodes = new Set<string>();
  catalog.modules.forEach((m, mi) => {
    if (moduleCodes.has(m.code)) ctx.addIssue({ code: "custom", path: ["modules", mi, "code"], message: `duplicate module "${m.code}"` });
    moduleCodes.add(m.code);
    if (m.slot !== undefined && !slots.has(m.slot))
      ctx.addIssue({ code: "custom", path: ["modules", mi, "slot"], message: `unknown slot "${m.slot}"` });
  });
  const checkModules = (refs: ModuleRef[], path: (string | number)[]) => {
    if (catalog.modules.length === 0) return; // modules list optional: then any code is accepted
    refs.forEach((r, i) => {
      if (!modules.has(r.module))
        ctx.addIssue({ code: "custom", path: [...path, i, "module"], message: `unknown module "${r.module}"` });
    });
  };
  const lineCodes = new Set<string>();
  catalog.productLines.forEach((line, li) => {
    const lp = ["productLines", li];
    if (lineCodes.has(line.code)) ctx.addIssue({ code: "custom", path: [...lp, "code"], message: `duplicate product line "${line.code}"` });
    lineCodes.add(line.code);
    checkModules(line.baseModules, [...lp, "baseModules"]);
    const values = new Map<string, string>(); // value code -> feature code
    const features = new Map<string, Feature>();
    line.features.forEach((f, fi) => {
      const fp = [...lp, "features", fi];
      if (features.has(f.code) || values.has(f.code))
        ctx.addIssue({ code: "custom", path: [...fp, "code"], message: `duplicate code "${f.code}"` });
      features.set(f.code, f);
      if (f.kind === "text") {
        try {
          new RegExp(f.pattern, "u");
        } catch {
          ctx.addIssue({ code: "custom", path: [...fp, "pattern"], message: `invalid pattern "${f.pattern}"` });
        }
        return;
      }
      if (f.kind === "multiple" && f.min !== undefined && f.max !== undefined && f.min > f.max)
        ctx.addIssue({ code: "custom", path: [...fp, "min"], message: "min is greater than max" });
      f.values.forEach((v, vi) => {
        if (values.has(v.code) || features.has(v.code))
          ctx.addIssue({ code: "custom", path: [...fp, "values", vi, "code"], message: `duplicate code "${v.code}"` });
        values.set(v.code, f.code);
        checkModules(v.modules, [...fp, "values", vi, "modules"]);
      });
    });
    const known = (c: string, path: (string | number)[]) => {
      if (!values.has(c)) ctx.addIssue({ code: "custom", path, message: `unknown value code "${c}"` });
    };
    line.features.forEach((f, fi) => {
      if (f.kind === "text") {
        if (f.enabledBy) known(f.enabledBy, [...lp, "features", fi, "enabledBy"]);
        return;
      }
      f.values.forEach((v, vi) =>
        v.includes.forEach((c, ci) => {
          known(c, [...lp, "features", fi, "values", vi, "includes", ci]);
          if (c === v.code)
            ctx.addIssue({ code: "custom", path: [...lp, "features", fi, "values", vi, "includes", ci], message: "a package can't include itself" });
        }),
      );
    });
    const ruleIds = new Set<string>();
    line.rules.forEach((r, ri) => {
      const rp = [...lp, "rules", ri];
      if (ruleIds.has(r.id)) ctx.addIssue({ code: "custom", path: [...rp, "id"], message: `duplicate rule id "${r.id}"` });
      ruleIds.add(r.id);
      switch (r.kind) {
        case "requires":
          conditionCodes(r.if).forEach((c) => known(c, [...rp, "if"]));
          conditionCodes(r.then).forEach((c) => known(c, [...rp, "then"]));
          break;
        case "excludes":
          r.values.forEach((c, i) => known(c, [...rp, "values", i]));
          break;
        case "constraint":
          conditionCodes(r.condition).forEach((c) => known(c, [...rp, "condition"]));
          break;
        case "table":
          r.features.forEach((fc, i) => {
            const f = features.get(fc);
            if (!f || f.kind !== "single")
              ctx.addIssue({ code: "custom", path: [...rp, "features", i], message: `"${fc}" is not a single-choice feature` });
          });
          r.tuples.forEach((t, ti) => {
            if (t.length !== r.features.length)
              ctx.addIssue({ code: "custom", path: [...rp, "tuples", ti], message: `tuple has ${t.length} codes, expected ${r.features.length}` });
            t.forEach((c, ci) => {
              if (values.get(c) !== r.features[ci])
                ctx.addIssue({ code: "custom", path: [...rp, "tuples", ti, ci], message: `"${c}" is not a value of "${r.features[ci]}"` });
            });
          });
          break;
        default:
          unhandledKind(r);
      }
    });
  });
  // An example naming a line or code the catalog doesn't have is a failing test, not an invalid catalog
  // (catalog-examples.ts): retiring a value shows which tests still name it instead of refusing the edit.
  catalog.examples?.forEach((example, ei) => {
    if (example.price && example.expect !== "buildable")
      ctx.addIssue({ code: "custom", path: ["examples", ei, "price"], message: "only a buildable example has a price" });
  });
}

/** The name in a language, falling back to English. */
export function localize(names: Localized, language: Language): string {
  return (names as Record<string, string>)[language] ?? names.en;
}

/** The line's own name for a configurator step in `language`, or null to use the general one. */
export function stepName(line: Pick<ProductLine, "stepNames">, step: string, language: Language): string | null {
  const names = (line.stepNames as Partial<Record<string, Localized>> | undefined)?.[step];
  return names ? localize(names, language) : null;
}

/**
 * A schema path as a catalog manager reads it, the way JavaScript writes the
 * access: `productLines[0].features[3].values[2].price.KR`.
 */
export function formatCatalogPath(path: readonly (string | number)[]): string {
  let out = "";
  for (const p of path) out += typeof p === "number" ? `[${p}]` : out === "" ? p : `.${p}`;
  return out;
}

export interface CatalogIssue {
  /** Dotted schema path (`productLines.0.code`), as the import script has always reported it. */
  path: string;
  /** The same path as segments, for formatCatalogPath and finding the line in the JSON text. */
  segments: (string | number)[];
  message: string;
}

export class CatalogError extends Error {
  constructor(
    message: string,
    readonly issues: CatalogIssue[],
  ) {
    super(message);
    this.name = "CatalogError";
  }
}

/** Parse and check a catalog; throws a CatalogError whose issues name their paths. */
export function parseCatalog(input: unknown): Catalog {
  const result = catalogSchema.safeParse(input);
  if (result.success) return result.data;
  const issues = result.error.issues.map((i) => ({ path: i.path.join("."), segments: i.path, message: i.message }));
  throw new CatalogError(
    `invalid catalog: ${issues.slice(0, 5).map((i) => `${i.path || "(root)"}: ${i.message}`).join("; ")}${issues.length > 5 ? ` (+${issues.length - 5} more)` : ""}`,
    issues,
  );
}
