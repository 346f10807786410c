import { describe, expect, it } from "vitest";
// The seed data lives under db/; tests read it, domain code never does.
// eslint-disable-next-line no-restricted-imports
import demoJson from "../../db/catalog/demo.json";
import { parseCatalog } from "./catalog";
import { reasonFor } from "./configurator.engine";
import { configurationDifferences, describeReason, featureName, valueName } from "./configuration-view";

const sedan = parseCatalog(demoJson).productLines.find((l) => l.code === "sedan-a6l")!;

describe("describeReason", () => {
  it("names the ruling choices and the rule's description in the reader's language", () => {
    const reason = reasonFor(sedan, ["LB0"], "C9X")!;
    const en = describeReason(sedan, reason, "en");
    expect(en.choices).toEqual([{ code: "LB0", name: "Base" }]);
    // Each catalog rule of the reason, as its English description.
    const described = reason.rules.filter((id) => !id.startsWith("feature:")).map((id) => sedan.rules.find((r) => r.id === id)!.description!.en);
    expect(described.length).toBeGreaterThan(0);
    expect(en.rules.map((r) => r.kind === "rule" && r.text)).toEqual(described);
    // The feature's own "only one trim" goes without saying.
    expect(en.rules.some((r) => r.id.startsWith("feature:"))).toBe(false);
    const ja = describeReason(sedan, reason, "ja");
    expect(ja.choices[0].name).toBe(valueName(sedan, "LB0", "ja"));
    expect(ja.rules[0].kind === "rule" && ja.rules[0].text).not.toBe(en.rules[0].kind === "rule" && en.rules[0].text);
  });
});

describe("configurationDifferences", () => {
  const start = ["LB0", "40F", "T9T9", "1BA", "N4M-AF"];

  it("names, feature by feature, what each side has where they differ", () => {
    const differences = configurationDifferences(sedan, { choices: [...start, "C4T"], texts: {} }, { choices: [...start, "CH1"], texts: {} }, "en");
    expect(differences).toEqual([{ feature: "wheels", name: featureName(sedan, "wheels", "en"), mine: valueName(sedan, "C4T", "en"), theirs: valueName(sedan, "CH1", "en") }]);
  });

  it("is empty for the same configuration in another order, and marks a side without a choice as null", () => {
    expect(configurationDifferences(sedan, { choices: [...start, "C4T"], texts: {} }, { choices: ["C4T", ...start].reverse(), texts: {} }, "en")).toEqual([]);
    const partial = configurationDifferences(sedan, { choices: ["LB0"], texts: {} }, { choices: [...start, "C4T"], texts: {} }, "ja");
    const wheels = partial.find((d) => d.feature === "wheels")!;
    expect(wheels).toEqual({ feature: "wheels", name: featureName(sedan, "wheels", "ja"), mine: null, theirs: valueName(sedan, "C4T", "ja") });
  });
});
