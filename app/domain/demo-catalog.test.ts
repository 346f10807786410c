/**
 * The demo catalog (db/catalog/demo.json) is what every demo shows: these tests
 * hold it to the brief (counts, languages, markets, shared platform) and state
 * its rules the way a customer would meet them.
 */
import { describe, expect, it } from "vitest";
// The seed data lives under db/; only this test reads it, domain code never does.
// eslint-disable-next-line no-restricted-imports
import demoJson from "../../db/catalog/demo.json";
import {
  LANGUAGES,
  MARKET_CODES,
  MARKETS,
  parseCatalog,
  type ChoiceFeature,
  type Condition,
  type Localized,
  type Market,
  type ProductLine,
  type TextFeature,
  type Value,
} from "./catalog";
import { proveBom } from "./engine/bom-proof";
import { bom, compileLine, complete, price, resolve, validate, validDomains, vatOf, type CompiledLine, type ValueState } from "./engine";

const catalog = parseCatalog(demoJson);

function line(code: string): ProductLine {
  const found = catalog.productLines.find((l) => l.code === code);
  if (!found) throw new Error(`no product line ${code}`);
  return found;
}
function feature(l: ProductLine, code: string): ChoiceFeature {
  const f = l.features.find((x) => x.code === code);
  if (!f || f.kind === "text") throw new Error(`no choice feature ${code} in ${l.code}`);
  return f;
}
const codes = (l: ProductLine, f: string) => feature(l, f).values.map((v) => v.code);
const choiceFeatures = (l: ProductLine) => l.features.filter((f): f is ChoiceFeature => f.kind !== "text");
const allValues = (l: ProductLine): Value[] => choiceFeatures(l).flatMap((f) => f.values);
const valueOf = (l: ProductLine, code: string): Value => {
  const v = allValues(l).find((x) => x.code === code);
  if (!v) throw new Error(`no value ${code} in ${l.code}`);
  return v;
};

const sedan = line("sedan-a6l");
const avant = line("avant-a6");
const fridge = line("fridge-fs");

/** Is the condition true for a set of chosen codes? (Small evaluator: the demo's checks need no engine.) */
function holds(c: Condition, chosen: ReadonlySet<string>): boolean {
  if ("value" in c) return chosen.has(c.value);
  if ("not" in c) return !holds(c.not, chosen);
  if ("and" in c) return c.and.every((x) => holds(x, chosen));
  return c.or.some((x) => holds(x, chosen));
}
/** Ids of the rules (and package contents) a set of chosen codes breaks. */
function broken(l: ProductLine, chosen: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (const r of l.rules) {
    if (r.kind === "requires" && holds(r.if, chosen) && !holds(r.then, chosen)) out.push(r.id);
    if (r.kind === "excludes" && r.values.filter((c) => chosen.has(c)).length > 1) out.push(r.id);
    if (r.kind === "constraint" && !holds(r.condition, chosen)) out.push(r.id);
  }
  for (const v of allValues(l)) if (chosen.has(v.code) && v.includes.some((c) => !chosen.has(c))) out.push(`includes:${v.code}`);
  return out;
}
function conditionKinds(c: Condition, out = new Set<string>()): Set<string> {
  if ("value" in c) {
    out.add("value");
    return out;
  }
  const [kind, parts] = "not" in c ? ["not", [c.not]] : "and" in c ? ["and", c.and] : ["or", c.or];
  out.add(kind);
  parts.forEach((x) => conditionKinds(x, out));
  return out;
}
/** Amount in the market's major unit (EUR, USD, CNY, JPY, KRW). */
const major = (market: Market, minor: number) => minor / 10 ** MARKETS[market].minorDigits;

describe("demo catalog: shape", () => {
  it("parses with parseCatalog and holds the sedan, the estate on its platform and a refrigerator", () => {
    expect(() => parseCatalog(demoJson)).not.toThrow();
    expect(catalog.productLines.map((l) => [l.code, l.visualModel])).toEqual([
      ["sedan-a6l", "sedan"],
      ["avant-a6", "estate"],
      ["fridge-fs", "fridge"],
    ]);
  });

  it("gives the sedan the full order program: trims, ≥ 4 engines, 8 colours, 17–21-inch wheels, interiors, 7 packages, ≥ 20 options", () => {
    expect(codes(sedan, "trim")).toEqual(["LB0", "LA1", "PQD", "LP3"]);
    expect(codes(sedan, "engine").length).toBeGreaterThanOrEqual(4);
    expect(codes(sedan, "paint")).toHaveLength(8);
    expect(codes(sedan, "interior").length).toBeGreaterThanOrEqual(4);
    expect(feature(sedan, "packages")).toMatchObject({ kind: "multiple" });
    expect(codes(sedan, "packages")).toHaveLength(7);
    expect(feature(sedan, "options")).toMatchObject({ kind: "multiple" });
    expect(codes(sedan, "options").length).toBeGreaterThanOrEqual(20);
    const inches = feature(sedan, "wheels").values.map((v) => Number(v.visualKey?.split(":")[2]));
    expect(inches).toEqual([17, 18, 19, 20, 21]);
  });

  it("paints name their finish in the visual key, and solid, metallic and pearl all occur", () => {
    const finishes = feature(sedan, "paint").values.map((v) => {
      expect(v.visualKey).toMatch(/^paint:[a-z-]+:(solid|metallic|pearl)$/);
      return v.visualKey!.split(":")[2];
    });
    expect(new Set(finishes)).toEqual(new Set(["solid", "metallic", "pearl"]));
    // Real-looking paint codes (Audi style: two letters/digits, doubled).
    for (const c of codes(sedan, "paint")) expect(c).toMatch(/^([A-Z0-9]{2})\1$/);
  });

  it("wheel visual keys give design and size, and the size matches the name", () => {
    for (const l of [sedan, avant])
      for (const v of feature(l, "wheels").values) {
        const m = /^wheel:([a-z0-9-]+):(\d{2})$/.exec(v.visualKey ?? "");
        expect(m, v.code).not.toBeNull();
        expect(v.name.en).toContain(`${m![2]}-inch`);
        expect(v.modules.map((r) => r.quantity)).toEqual([4, 4]); // four rims, four tyres
      }
  });

  it("visible options carry visual keys: sunroof, panoramic roof, roof rails, tow bar, spoiler, lights, mirrors, privacy glass", () => {
    const keys = Object.fromEntries(allValues(sedan).map((v) => [v.code, v.visualKey]));
    expect(keys).toMatchObject({
      "3FE": "roof:sunroof",
      "3FU": "roof:panoramic",
      "3S1": expect.stringMatching(/^roof-rails:/),
      "1D4": expect.stringMatching(/^towbar/),
      "5J1": expect.stringMatching(/^spoiler/),
      PX2: "lights:matrix",
      "4ZD": "mirrors:black",
      "4KF": "glass:privacy",
    });
  });

  it("has one default per single-choice feature and none on multiple choice", () => {
    for (const l of catalog.productLines)
      for (const f of choiceFeatures(l)) {
        const defaults = f.values.filter((v) => v.default).length;
        expect(defaults, `${l.code}.${f.code}`).toBe(f.kind === "single" ? 1 : 0);
      }
  });

  it("adds production lead time on some values and modules with quantities on values", () => {
    for (const l of [sedan, avant, fridge]) expect(allValues(l).filter((v) => v.leadTimeDays > 0).length, l.code).toBeGreaterThanOrEqual(2);
    expect(valueOf(sedan, "9VS").modules).toContainEqual({ module: "SPK-BO", quantity: 19 });
    expect(valueOf(sedan, "7X5").modules).toContainEqual({ module: "SNS-ULTRASONIC", quantity: 12 });
  });
});

describe("demo catalog: BOM slots", () => {
  it("declares required and optional slots per line, and every line's BOM proof holds", () => {
    expect(catalog.slots.filter((s) => s.required).length).toBeGreaterThanOrEqual(4);
    expect(catalog.slots.some((s) => !s.required)).toBe(true);
    for (const l of catalog.productLines) {
      const proof = proveBom(catalog, l);
      expect(proof.slots.length, l.code).toBeGreaterThan(0);
      expect(proof.slots.filter((s) => s.counterexample !== null), l.code).toEqual([]);
      expect(proof.holds).toBe(true);
    }
  });
});

describe("demo catalog: languages and markets", () => {
  const named: { where: string; name: Localized }[] = [];
  for (const m of catalog.modules) named.push({ where: `module ${m.code}`, name: m.name });
  for (const l of catalog.productLines) {
    named.push({ where: l.code, name: l.name });
    if (l.description) named.push({ where: `${l.code} description`, name: l.description });
    for (const f of l.features) {
      named.push({ where: `${l.code}.${f.code}`, name: f.name });
      if (f.kind !== "text") for (const v of f.values) named.push({ where: `${l.code}.${v.code}`, name: v.name });
    }
    for (const r of l.rules) named.push({ where: `${l.code} rule ${r.id}`, name: r.description ?? { en: "" } });
  }

  it("names every line, feature, value, module and rule in English, 中文, 日本語 and 한국어", () => {
    expect(named.length).toBeGreaterThan(300);
    for (const { where, name } of named) {
      const n = name as Record<string, string>;
      for (const lang of LANGUAGES) expect(n[lang]?.trim(), `${where} [${lang}]`).toBeTruthy();
      // Chinese and Korean always differ from English; Japanese may keep a brand term such as "S line".
      expect(n.zh, where).not.toBe(n.en);
      expect(n.ko, where).not.toBe(n.en);
    }
  });

  it("prices the base and every value in every market, in integer minor units", () => {
    for (const l of catalog.productLines) {
      for (const m of MARKET_CODES) expect(Number.isInteger(l.basePrice[m]) && l.basePrice[m]! > 0, `${l.code} base ${m}`).toBe(true);
      for (const v of allValues(l))
        for (const m of MARKET_CODES) expect(Number.isInteger(v.price[m]), `${l.code}.${v.code} ${m}`).toBe(true);
    }
  });

  it("keeps the markets' price levels plausible against the German price", () => {
    // Major-unit ratio to EUR (net): car and appliance price levels differ by market but not wildly.
    const band: Record<Exclude<Market, "DE">, [number, number]> = { US: [1.0, 1.4], CN: [6.5, 9.5], JP: [140, 180], KR: [1200, 1600] };
    for (const l of catalog.productLines) {
      const priced: [string, Partial<Record<Market, number>>][] = [["base", l.basePrice], ...allValues(l).map((v): [string, Value["price"]] => [v.code, v.price])];
      for (const [code, p] of priced) {
        const de = major("DE", p.DE!);
        if (de === 0) {
          for (const m of MARKET_CODES) expect(p[m], `${l.code}.${code} ${m} free in DE, free everywhere`).toBe(0);
          continue;
        }
        for (const [m, [lo, hi]] of Object.entries(band) as [Market, [number, number]][]) {
          const ratio = major(m, p[m]!) / de;
          expect(ratio, `${l.code}.${code} ${m}`).toBeGreaterThanOrEqual(lo);
          expect(ratio, `${l.code}.${code} ${m}`).toBeLessThanOrEqual(hi);
        }
      }
    }
    // An executive sedan, net of VAT, in euros; a refrigerator costs far less.
    expect(major("DE", sedan.basePrice.DE!)).toBeGreaterThan(35_000);
    expect(major("DE", sedan.basePrice.DE!)).toBeLessThan(80_000);
    expect(major("DE", fridge.basePrice.DE!)).toBeLessThan(3_000);
  });
});

describe("demo catalog: platform and modules", () => {
  it("the estate shares the sedan's platform modules and has its own body", () => {
    const base = (l: ProductLine) => new Set(l.baseModules.map((m) => m.module));
    const [s, a] = [base(sedan), base(avant)];
    const shared = [...s].filter((m) => a.has(m));
    expect(shared).toEqual(expect.arrayContaining(["PLT-MLB-EVO", "CHS-AXLE-F5L", "CHS-AXLE-R5L"]));
    const bodies = (set: Set<string>) => [...set].filter((m) => m.startsWith("BDY-"));
    expect(bodies(s)).toEqual(["BDY-SEDAN-LWB"]);
    expect(bodies(a)).toEqual(["BDY-AVANT"]);
    expect(shared.some((m) => m.startsWith("BDY-"))).toBe(false);
  });

  it("names every module it uses and lists no module nobody uses", () => {
    const used = new Set<string>();
    for (const l of catalog.productLines) {
      l.baseModules.forEach((m) => used.add(m.module));
      allValues(l).forEach((v) => v.modules.forEach((m) => used.add(m.module)));
    }
    expect(new Set(catalog.modules.map((m) => m.code))).toEqual(used);
  });
});

describe("demo catalog: rules as data", () => {
  it("has ≥ 25 sedan rules of every kind, with ids, four-language descriptions and and/or/not conditions", () => {
    expect(sedan.rules.length).toBeGreaterThanOrEqual(25);
    expect(new Set(sedan.rules.map((r) => r.kind))).toEqual(new Set(["requires", "excludes", "constraint"]));
    const kinds = new Set<string>();
    for (const r of sedan.rules) {
      expect(r.id).toMatch(/^R-[A-Z0-9-]+$/);
      if (r.kind === "requires") [r.if, r.then].forEach((c) => conditionKinds(c, kinds));
      if (r.kind === "constraint") conditionKinds(r.condition, kinds);
    }
    expect(kinds).toEqual(new Set(["value", "and", "or", "not"]));
    for (const l of [avant, fridge]) expect(l.rules.length, l.code).toBeGreaterThanOrEqual(5);
  });

  it("packages include single options; a package with no parts of its own costs less than its contents bought one by one", () => {
    const options = new Set(codes(sedan, "options"));
    let bundles = 0;
    for (const l of [sedan, avant])
      for (const p of feature(l, "packages").values) {
        expect(p.includes.length, p.code).toBeGreaterThanOrEqual(2);
        for (const c of p.includes) expect(codes(l, "options"), `${l.code}.${p.code} includes ${c}`).toContain(c);
        // Black optic and winter packages add parts (grille, heated windscreen), so they may cost more.
        if (p.modules.length > 0) continue;
        bundles++;
        for (const m of MARKET_CODES) {
          const separately = p.includes.reduce((sum, c) => sum + valueOf(l, c).price[m]!, 0);
          expect(p.price[m]!, `${l.code}.${p.code} ${m}`).toBeLessThan(separately);
        }
      }
    expect(bundles).toBeGreaterThanOrEqual(6);
    expect(feature(sedan, "packages").values.every((p) => p.includes.every((c) => options.has(c)))).toBe(true);
  });

  it("the catalog defaults form a configuration that breaks no rule", () => {
    for (const l of catalog.productLines) {
      const defaults = new Set(allValues(l).filter((v) => v.default).map((v) => v.code));
      expect(broken(l, defaults), l.code).toEqual([]);
    }
  });

  it("the evaluator used above does catch broken rules (so the defaults check can fail)", () => {
    expect(broken(sedan, new Set(["LB0", "C9X", "40F"]))).toEqual(expect.arrayContaining(["R-21IN-SLINE", "R-BASE-WHEELS"]));
    expect(broken(sedan, new Set(["3FE", "3FU"]))).toContain("R-ROOF");
    expect(broken(sedan, new Set(["WB6"]))).toContain("includes:WB6");
    expect(broken(sedan, new Set(["PQD", "N4M-AF"]))).toContain("R-SLINE-SEATS");
  });

  it("has a door-sill inscription: a paid option enables a short, plain-text field", () => {
    const text = sedan.features.find((f): f is TextFeature => f.kind === "text");
    expect(text).toMatchObject({ code: "inscription", maxLength: 20, enabledBy: "VT7", step: "personalization" });
    const re = new RegExp(text!.pattern, "u");
    for (const ok of ["Dr. Li Wei", "ANNA-2026", ""]) expect(re.test(ok), ok).toBe(true);
    for (const bad of ["<b>Li</b>", "李伟", "A".repeat(21), "a_b"]) expect(re.test(bad), bad).toBe(false);
    for (const m of MARKET_CODES) expect(valueOf(sedan, "VT7").price[m], m).toBeGreaterThan(0);
  });
});

describe("demo catalog: the rules as a customer meets them (engine)", () => {
  const compiled = new Map<string, CompiledLine>(catalog.productLines.map((l) => [l.code, compileLine(l)]));
  const engine = (l: ProductLine) => compiled.get(l.code)!;
  /** The state of every value after choosing `choices`, by code. */
  function states(l: ProductLine, choices: string[]): Map<string, ValueState> {
    const d = validDomains(engine(l), { choices });
    expect(d.consistent, `${choices.join(", ")} has a completion`).toBe(true);
    return new Map(d.features.flatMap((f) => f.values.map((v): [string, ValueState] => [v.code, v])));
  }
  const availableIn = (l: ProductLine, f: string, s: Map<string, ValueState>) => codes(l, f).filter((c) => s.get(c)!.available);

  it("no dead values: with nothing chosen, every value of every line can be chosen", () => {
    for (const l of catalog.productLines) {
      const s = states(l, []);
      const dead = [...s.values()].filter((v) => !v.available).map((v) => v.code);
      expect(dead, l.code).toEqual([]);
      expect(s.size).toBe(allValues(l).length);
    }
  });

  it("21-inch wheels need S line and not the 40 TFSI engine", () => {
    const advanced = states(sedan, ["LA1"]).get("C9X")!;
    expect(advanced.available).toBe(false);
    expect(advanced.reason).toMatchObject({ choices: ["LA1"], rules: expect.arrayContaining(["R-21IN-SLINE"]) });

    const slineBaseEngine = states(sedan, ["PQD", "40F"]).get("C9X")!;
    expect(slineBaseEngine.available).toBe(false);
    expect(slineBaseEngine.reason).toEqual({ choices: ["40F"], rules: ["R-21IN-SLINE"] });

    expect(states(sedan, ["PQD", "45Q"]).get("C9X")!.available).toBe(true);
  });

  it("with the sunroof, the panoramic roof is unavailable and the reason names the sunroof", () => {
    const pano = states(sedan, ["3FE"]).get("3FU")!;
    expect(pano.available).toBe(false);
    expect(pano.reason).toEqual({ choices: ["3FE"], rules: ["R-ROOF"] });
  });

  it("the Bang & Olufsen package brings the 3D sound system and acoustic glazing, and needs more than the Base trim", () => {
    const s = states(sedan, ["WB6"]);
    expect(s.get("9VS")).toMatchObject({ available: true, implied: true, chosen: false });
    expect(s.get("VW1")).toMatchObject({ available: true, implied: true, chosen: false });
    expect(s.get("LB0")!.reason).toMatchObject({ choices: ["WB6"], rules: expect.arrayContaining(["includes:WB6", "R-BO-TRIM"]) });
  });

  it("the Okapi Brown interior comes only with Glacier White, Mythos Black, Floret Silver or Navarra Blue, and only as Premium", () => {
    const s = states(sedan, ["N5W-MZ"]);
    expect(availableIn(sedan, "paint", s)).toEqual(["2Y2Y", "0E0E", "L5L5", "2D2D"]);
    expect(s.get("Y1Y1")!.reason).toMatchObject({ choices: ["N5W-MZ"], rules: expect.arrayContaining(["R-OKAPI-COLORS"]) });
    expect(s.get("LP3")!.implied).toBe(true);
  });

  it("Express Red stitching comes with S line and five colours only", () => {
    const s = states(sedan, ["N5D-JW"]);
    expect(availableIn(sedan, "paint", s)).toEqual(["A2A2", "2Y2Y", "0E0E", "Y1Y1", "6Y6Y"]);
    expect(s.get("PQD")!.implied).toBe(true);
    expect(s.get("2D2D")!.reason).toMatchObject({ choices: ["N5D-JW"], rules: expect.arrayContaining(["R-REDSTITCH-COLORS"]) });
  });

  it("the comfort package's ventilated seats need Valcona leather, which rules out Milano leather, S line seats and the Base trim", () => {
    const s = states(sedan, ["PGC"]);
    expect(["GZ2", "4E7", "4D3"].map((c) => s.get(c)!.implied)).toEqual([true, true, true]);
    expect(availableIn(sedan, "interior", s)).toEqual(["N5W-AF", "N5W-MZ"]);
    expect(availableIn(sedan, "trim", s)).toEqual(["LA1", "LP3"]);
    expect(s.get("N4M-AF")!.reason).toMatchObject({ choices: ["PGC"], rules: expect.arrayContaining(["includes:PGC", "R-VENT-VALCONA"]) });
  });

  it("the plug-in hybrid takes no tow bar, no 17- or 21-inch wheels, no air suspension and no Base trim", () => {
    const s = states(sedan, ["55E"]);
    const why = (c: string) => s.get(c)!.reason?.rules;
    expect(why("1D4")).toEqual(["R-TOWBAR-PHEV"]);
    expect(why("C4T")).toEqual(["R-55-BRAKES"]);
    expect(why("C9X")).toEqual(["R-21IN-PHEV"]);
    expect(why("2MA")).toContain("R-AIR-QUATTRO");
    expect(why("LB0")).toEqual(["R-55-TRIM"]);
    expect(availableIn(sedan, "wheels", s)).toEqual(["CH1", "C3U", "CN7"]);
  });

  it("Premium is quattro only and comes in metallic or pearl paint", () => {
    const s = states(sedan, ["LP3"]);
    expect(availableIn(sedan, "engine", s)).toEqual(["45Q", "55Q", "55E"]);
    expect(s.get("T9T9")!.reason).toMatchObject({ choices: ["LP3"], rules: ["R-PREMIUM-PAINT"] });
  });

  it("a full S line build with every sporting extra is possible", () => {
    const s = states(sedan, ["PQD", "55Q", "6Y6Y", "C9X", "2MA", "N5D-JW", "4ZD", "WB6", "PCZ", "WQS", "VT7"]);
    // Packages bring their contents; side assist brings the power-folding mirrors it needs.
    for (const c of ["4KF", "5J1", "9VS", "VW1", "8T8", "7Y1", "7X5", "KA6", "6XL"]) expect(s.get(c)!.implied, c).toBe(true);
  });

  it("the Avant's black optic package brings black roof rails instead of aluminium ones", () => {
    const s = states(avant, ["4ZD"]);
    expect(s.get("3S2")!.implied).toBe(true);
    expect(s.get("3S1")!.reason).toMatchObject({ choices: ["4ZD"], rules: expect.arrayContaining(["A-RAILS"]) });
    expect(s.get("PQD")!.implied).toBe(true);
  });

  it("the refrigerator: side-by-side means the 91 cm cabinet, and a glass door takes no dispenser", () => {
    expect(availableIn(fridge, "size", states(fridge, ["DSS"]))).toEqual(["S91"]);
    expect(states(fridge, ["FGL"]).get("IWD")!.reason).toEqual({ choices: ["FGL"], rules: ["F-GLASS-DISPENSER"] });
    expect(states(fridge, ["CAM"]).get("WIF")!.implied).toBe(true);
  });
});

describe("demo catalog: completing, pricing, resolving and building (engine)", () => {
  const compiled = new Map<string, CompiledLine>(catalog.productLines.map((l) => [l.code, compileLine(l)]));
  const engine = (l: ProductLine) => compiled.get(l.code)!;
  const defaultsOf = (l: ProductLine) => allValues(l).filter((v) => v.default).map((v) => v.code);

  it("completing the empty configuration gives the catalog defaults, and that validates, in every market", () => {
    for (const l of catalog.productLines)
      for (const market of MARKET_CODES) {
        const done = complete(engine(l), { choices: [] }, { market });
        expect(done, `${l.code} ${market}`).not.toBeNull();
        expect(new Set(done), `${l.code} ${market}`).toEqual(new Set(defaultsOf(l)));
        expect(validate(l, { line: l.code, choices: done!, texts: {} })).toEqual([]);
      }
  });

  it("completing a partial wish keeps the wish, fills in what the rules demand, and validates", () => {
    const wishes: [ProductLine, string[]][] = [
      [sedan, ["C9X", "WB6", "PCZ"]],
      [sedan, ["N5W-MZ", "9WX", "VT7"]],
      [sedan, ["55E", "PGC", "PXC", "PW1"]],
      [avant, ["4ZD", "PLC", "55Q"]],
      [fridge, ["IWD", "CAM", "VAC"]],
    ];
    for (const [l, wish] of wishes) {
      const done = complete(engine(l), { choices: wish });
      expect(done, wish.join(",")).not.toBeNull();
      expect(done).toEqual(expect.arrayContaining(wish));
      expect(validate(l, { line: l.code, choices: done!, texts: {} }), wish.join(",")).toEqual([]);
    }
    // 21-inch wheels pull in S line and an S line interior; rear-seat entertainment pulls in its sunblinds.
    expect(complete(engine(sedan), { choices: ["C9X"] })).toEqual(expect.arrayContaining(["PQD"]));
    expect(complete(engine(sedan), { choices: ["N5W-MZ", "9WX"] })).toEqual(expect.arrayContaining(["LP3", "3Y5"]));
  });

  it("validation names the rule a hand-made configuration breaks", () => {
    const choices = ["LB0", "40F", "T9T9", "C9X", "1BA", "N4M-AF"];
    const problems = validate(sedan, { line: sedan.code, choices, texts: {} });
    expect(problems.map((p) => p.rule).filter(Boolean)).toEqual(expect.arrayContaining(["R-21IN-SLINE", "R-BASE-WHEELS"]));
  });

  it("the B&O package includes the 3D sound system and acoustic glazing and doesn't charge them again, in every market", () => {
    const withPackage = [...defaultsOf(sedan).filter((c) => c !== "LB0"), "LA1", "WB6", "9VS"]; // clicked the sound system too
    for (const market of MARKET_CODES) {
      const p = price(sedan, withPackage, {}, market);
      expect(p.lines.filter((x) => x.kind === "included")).toEqual([
        { kind: "included", code: "9VS", includedIn: "WB6", amount: 0 },
        { kind: "included", code: "VW1", includedIn: "WB6", amount: 0 },
      ]);
      const net = sedan.basePrice[market]! + valueOf(sedan, "LA1").price[market]! + valueOf(sedan, "WB6").price[market]!;
      expect(p.net, market).toBe(net); // defaults are free: base + trim + package, nothing for its contents
      expect(p.total, market).toBe(net + vatOf(net, MARKETS[market].vatBasisPoints));
      // Bought one by one, the two options cost more than the package.
      const separately = price(sedan, [...withPackage.filter((c) => c !== "WB6"), "VW1"], {}, market);
      expect(separately.net, market).toBeGreaterThan(p.net);
    }
  });

  it("wanting the panoramic roof with the sunroof chosen: drop the sunroof, for the price difference", () => {
    const choices = complete(engine(sedan), { choices: ["3FE"] })!;
    const [first] = resolve(engine(sedan), { choices }, "3FU", { market: "DE" });
    expect(first.remove).toEqual(["3FE"]);
    expect(first.choices).toContain("3FU");
    expect(first.choices).not.toContain("3FE");
    const net = valueOf(sedan, "3FU").price.DE! - valueOf(sedan, "3FE").price.DE!;
    expect(first.priceDelta).toBe(net + vatOf(net, MARKETS.DE.vatBasisPoints)); // € 500 net, € 595 with German VAT
  });

  // Issue 11: a fix used to remove Base, 40 TFSI and the 17-inch wheels and add nothing, leaving the car without wheels.
  const completeBase = ["LB0", "40F", "T9T9", "C4T", "1BA", "N4M-AF"];
  const gross = (net: number) => net + vatOf(net, MARKETS.DE.vatBasisPoints);

  it("wanting the 55 TFSI on a complete Base 40 TFSI: a whole car comes back, Advanced and the next wheels up, at its true price", () => {
    expect(validate(sedan, { line: sedan.code, choices: completeBase, texts: {} })).toEqual([]);
    const proposals = resolve(engine(sedan), { choices: completeBase }, "55Q", { market: "DE" });
    expect(proposals.map((p) => [p.remove, p.add])).toEqual([
      [["LB0", "40F", "C4T"], ["LA1", "CH1"]],
      [["LB0", "40F", "C4T"], ["LA1", "C3U"]], // the same removals, the other wheels
    ]);
    for (const p of proposals) {
      expect(validate(sedan, { line: sedan.code, choices: p.choices, texts: {} })).toEqual([]);
      const net = (code: string) => valueOf(sedan, code).price.DE!;
      const added = ["55Q", ...p.add].reduce((sum, c) => sum + net(c), 0) - p.remove.reduce((sum, c) => sum + net(c), 0);
      // Every value of the Base car is free: before is the base price, after adds what came minus nothing.
      expect(p.priceDelta).toBe(gross(sedan.basePrice.DE! + added) - gross(sedan.basePrice.DE!));
      expect(p.minimal).toBe(true);
    }
  });

  it("wanting Daytona Grey on a complete Base: S line with its wheels and seats replaces what goes", () => {
    const [first, ...others] = resolve(engine(sedan), { choices: completeBase }, "6Y6Y", { market: "DE" });
    expect(first).toMatchObject({ remove: ["LB0", "T9T9", "C4T", "N4M-AF"], add: ["PQD", "C3U", "N5D-AF"] });
    expect(validate(sedan, { line: sedan.code, choices: first.choices, texts: {} })).toEqual([]);
    // Alternatives: the same removals with other wheels or other S line seats.
    expect(others.length).toBe(2);
    for (const p of others) {
      expect(p.remove).toEqual(first.remove);
      expect(validate(sedan, { line: sedan.code, choices: p.choices, texts: {} })).toEqual([]);
    }
  });

  it("the plug-in hybrid's longer lead time shows on the proposal that brings it", () => {
    const [first] = resolve(engine(sedan), { choices: ["LB0", "40F"] }, "55E", { market: "DE" });
    expect(first.choices).toContain("55E");
    expect(first.leadTimeDelta).toBe(valueOf(sedan, "55E").leadTimeDays - sedan.leadTimeDays);
  });

  it("wanting 21-inch wheels on an Advanced 40 TFSI: the trim and the engine must change, S line comes with it", () => {
    const [first] = resolve(engine(sedan), { choices: ["LA1", "40F"] }, "C9X");
    expect(new Set(first.remove)).toEqual(new Set(["LA1", "40F"]));
    expect(first.add).toContain("PQD");
    expect(validDomains(engine(sedan), { choices: first.choices }).consistent).toBe(true);
  });

  it("the bill of materials: shared platform, the Avant's own body, packages' contents with quantities", () => {
    const sedanBom = new Map(bom(sedan, complete(engine(sedan), { choices: ["WB6", "C3U", "LA1"] })!).map((b) => [b.module, b.quantity]));
    const avantBom = new Map(bom(avant, complete(engine(avant), { choices: [] })!).map((b) => [b.module, b.quantity]));
    for (const shared of ["PLT-MLB-EVO", "CHS-AXLE-F5L", "CHS-AXLE-R5L", "ELE-MIB3"]) {
      expect(sedanBom.get(shared), shared).toBe(1);
      expect(avantBom.get(shared), shared).toBe(1);
    }
    expect(sedanBom.get("BDY-SEDAN-LWB")).toBe(1);
    expect(avantBom.has("BDY-SEDAN-LWB")).toBe(false);
    expect(avantBom.get("BDY-AVANT")).toBe(1);
    expect(sedanBom.get("SPK-BO")).toBe(19); // the package's sound system, once
    expect(sedanBom.get("WHL-19-5DSP")).toBe(4);
    expect(sedanBom.get("TYR-245-40-R19")).toBe(4);
  });

  it("the door-sill inscription: allowed with the paid option, plain letters only, 20 characters at most", () => {
    const choices = complete(engine(sedan), { choices: ["VT7"] })!;
    const check = (text: string, cs = choices) => validate(sedan, { line: sedan.code, choices: cs, texts: { inscription: text } }).map((p) => p.code);
    expect(check("Dr. Li Wei")).toEqual([]);
    expect(check("李伟")).toEqual(["text-invalid"]);
    expect(check("X".repeat(21))).toEqual(["text-invalid"]);
    expect(check("Dr. Li Wei", complete(engine(sedan), { choices: [] })!)).toEqual(["text-not-allowed"]);
  });
});
