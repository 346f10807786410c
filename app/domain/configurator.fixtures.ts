/**
 * Small product lines for the configurator's tests: big enough to have
 * conflicts, packages, limits and a personalization text, small enough that
 * path coverage can walk the machine's whole state space.
 */
import { parseCatalog, type ProductLine } from "./catalog";

const names = (en: string) => ({ en });

/** One product line, parsed as the catalog parses it. */
const parseLine = (line: Record<string, unknown>): ProductLine => parseCatalog({ productLines: [line] }).productLines[0];

/** A choice feature asked in `step`. */
const feature = (kind: "single" | "multiple", code: string, name: string, step: string, values: object[], extra: object = {}) => ({
  kind,
  code,
  name: names(name),
  step,
  ...extra,
  values,
});

/** The personalization text, enabled by the INSCR option. */
const inscription = (pattern: string, maxLength: number) => ({
  kind: "text",
  code: "inscription",
  name: names("Inscription"),
  step: "personalization",
  pattern,
  maxLength,
  enabledBy: "INSCR",
});

/**
 * A roadster: 4 required single-choice features, a package that includes an
 * option, at most 2 options, an inscription that needs its option, and
 * "21-inch wheels need S line and not the base engine".
 */
export const roadster: ProductLine = parseLine({
  code: "roadster",
  name: names("Roadster"),
  basePrice: { DE: 4_000_000, US: 3_800_000 },
  baseModules: [{ module: "BODY", quantity: 1 }],
  features: [
    feature("single", "trim", "Trim", "trim", [
      { code: "BASE", name: names("Base"), default: true },
      { code: "SLINE", name: names("S line"), price: { DE: 300_000, US: 280_000 } },
    ]),
    feature("single", "engine", "Engine", "powertrain", [
      { code: "E40", name: names("40 TFSI"), default: true },
      { code: "E55", name: names("55 TFSI"), price: { DE: 800_000, US: 750_000 } },
    ]),
    feature("single", "paint", "Paint", "exterior", [
      { code: "WHITE", name: names("White"), visualKey: "paint:white", default: true },
      { code: "RED", name: names("Red"), visualKey: "paint:red-metallic", price: { DE: 120_000, US: 110_000 } },
    ]),
    feature("single", "wheels", "Wheels", "wheels", [
      { code: "W19", name: names("19-inch"), visualKey: "wheels:19", default: true },
      { code: "W21", name: names("21-inch"), visualKey: "wheels:21", price: { DE: 250_000, US: 240_000 } },
    ]),
    feature("multiple", "packages", "Packages", "packages", [
      { code: "PTECH", name: names("Tech package"), price: { DE: 200_000, US: 190_000 }, includes: ["NAV"] },
    ]),
    feature(
      "multiple",
      "options",
      "Options",
      "options",
      [
        { code: "NAV", name: names("Navigation"), price: { DE: 150_000, US: 140_000 } },
        { code: "SUN", name: names("Sunroof"), visualKey: "roof:sunroof", price: { DE: 100_000, US: 95_000 } },
        { code: "INSCR", name: names("Door-sill inscription"), price: { DE: 30_000, US: 28_000 } },
      ],
      { max: 2 },
    ),
    inscription("^[A-Z ]*$", 12),
  ],
  rules: [
    {
      kind: "requires",
      id: "w21-needs-sline-not-e40",
      if: { value: "W21" },
      then: { and: [{ value: "SLINE" }, { not: { value: "E40" } }] },
    },
    { kind: "requires", id: "e55-needs-sline", if: { value: "E55" }, then: { value: "SLINE" } },
  ],
});

/** The smallest line with every kind of step the machine knows: for path coverage. */
export const kart: ProductLine = parseLine({
  code: "kart",
  name: names("Kart"),
  basePrice: { DE: 100_000, US: 90_000 },
  baseModules: [{ module: "FRAME", quantity: 1 }],
  features: [
    feature("single", "trim", "Trim", "trim", [
      { code: "BASE", name: names("Base") },
      { code: "SLINE", name: names("S line"), price: { DE: 10_000, US: 9_000 } },
    ]),
    feature("single", "wheels", "Wheels", "wheels", [
      { code: "W19", name: names("Small") },
      { code: "W21", name: names("Large"), price: { DE: 5_000, US: 4_000 } },
    ]),
    feature("multiple", "options", "Options", "options", [{ code: "INSCR", name: names("Inscription"), price: { DE: 1_000, US: 900 } }]),
    inscription("^[A-Z]*$", 8),
  ],
  rules: [{ kind: "requires", id: "large-needs-sline", if: { value: "W21" }, then: { value: "SLINE" } }],
});
