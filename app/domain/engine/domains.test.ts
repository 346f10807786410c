import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ProductLine } from "../catalog";
import { compileLine } from "./compile";
import { adoptPairTable, explain, pairTableFor, shipPairTable, validDomains } from "./domains";
import { plainValues, testLine } from "./lines.testing";
import { allCodes, completeConfigurations, completionsOf, lineArb, violations } from "./oracle.testing";

/** A random line and random choices: sometimes a subset of a complete configuration, sometimes anything. */
const scenarioArb = lineArb({ maxValues: 12 }).chain((line) => {
  const codes = allCodes(line);
  return fc.record({
    line: fc.constant(line),
    choices: fc.oneof(
      fc.subarray(codes, { maxLength: Math.min(4, codes.length) }),
      fc.shuffledSubarray(codes, { maxLength: Math.min(3, codes.length) }),
      fc.nat().map((i) => {
        const all = completeConfigurations(line);
        if (all.length === 0) return [];
        const cfg = all[i % all.length];
        return cfg.filter((_, k) => (i >> k) & 1);
      }),
    ),
  });
});

/** Do some sets containing `required` break none of `rules`? (oracle, rules named as the engine names them) */
function someSetAvoids(line: ProductLine, required: string[], rules: string[]): boolean {
  const codes = allCodes(line).filter((c) => !required.includes(c));
  for (let m = 0; m < 1 << codes.length; m++) {
    const set = new Set([...required, ...codes.filter((_, i) => (m >> i) & 1)]);
    if (!violations(line, set).some((r) => rules.includes(r))) return true;
  }
  return false;
}

describe("validDomains", () => {
  it("matches the brute-force oracle: available, implied, consistent; reasons rule out and are minimal", () => {
    fc.assert(
      fc.property(scenarioArb, ({ line, choices }) => {
        const compiled = compileLine(line);
        const all = completeConfigurations(line);
        const ext = completionsOf(all, choices);
        const d = validDomains(compiled, { choices });
        // The same question again (in another order) is answered from the cache: the same domains
        // (reasons may differ: they prefer the most recent choices).
        const again = validDomains(compiled, { choices: [...choices].reverse() }, { reasons: false });
        expect(again).toEqual({ ...d, features: d.features.map((f) => ({ ...f, values: f.values.map(({ reason: _, ...v }) => v) })) });
        expect(d.consistent).toBe(ext.length > 0);
        for (const f of d.features) {
          for (const v of f.values) {
            const withV = completionsOf(ext, [v.code]);
            expect(v.available, `available ${v.code}`).toBe(withV.length > 0);
            expect(v.implied, `implied ${v.code}`).toBe(ext.length > 0 && withV.length === ext.length);
            expect(v.chosen).toBe(choices.includes(v.code));
            if (v.available) {
              expect(v.reason).toBeUndefined();
              continue;
            }
            const reason = v.reason!;
            // Ruling out: the reason's choices plus the value have no completion.
            for (const c of reason.choices) expect(choices).toContain(c);
            expect(completionsOf(all, [...reason.choices, v.code])).toHaveLength(0);
            // Minimal: dropping any one choice makes the value possible again.
            for (const c of reason.choices) {
              const rest = reason.choices.filter((x) => x !== c);
              expect(completionsOf(all, [...rest, v.code]).length, `drop ${c} for ${v.code}`).toBeGreaterThan(0);
            }
            // The rules named are enough to rule it out, and each one is needed.
            expect(reason.rules.length).toBeGreaterThan(0);
            const required = [...reason.choices, v.code];
            expect(someSetAvoids(line, required, reason.rules)).toBe(false);
            for (const r of reason.rules)
              expect(someSetAvoids(line, required, reason.rules.filter((x) => x !== r)), `rule ${r} needed`).toBe(true);
            // explain() gives the same answer lazily.
            expect(explain(compiled, choices, v.code)).toEqual(reason);
          }
        }
      }),
      { numRuns: 120 },
    );
  });

  it("answers the same on a reused compiled line as on a fresh one (incremental state is invisible)", () => {
    fc.assert(
      fc.property(lineArb({ maxValues: 12 }), fc.array(fc.nat(), { minLength: 2, maxLength: 6 }), (line, picks) => {
        const compiled = compileLine(line);
        const codes = allCodes(line);
        let choices: string[] = [];
        for (const p of picks) {
          choices = p % 3 === 0 ? choices.slice(1) : [...choices, codes[p % codes.length]];
          const reused = validDomains(compiled, { choices });
          const fresh = validDomains(compileLine(line), { choices });
          expect(reused).toEqual(fresh);
        }
      }),
      { numRuns: 60 },
    );
  });

  it("pair table: row x is the answer for the choice x alone (lines with tables; none without)", () => {
    let withTables = 0;
    fc.assert(
      fc.property(lineArb({ maxValues: 12 }), (line) => {
        const compiled = compileLine(line);
        const table = pairTableFor(compiled);
        const hasTables = (line.rules ?? []).some((r) => r.kind === "table");
        expect(table !== null).toBe(hasTables);
        if (!table) return;
        withTables++;
        const all = completeConfigurations(line);
        for (const x of allCodes(line)) {
          const ext = completionsOf(all, [x]);
          const row = table.rows[compiled.valueVar.get(x)!];
          expect(row.consistent, `consistent ${x}`).toBe(ext.length > 0);
          for (const y of allCodes(line)) {
            const v = compiled.valueVar.get(y)!;
            const withY = completionsOf(ext, [y]).length;
            expect(row.available[v] === 1, `${x} available ${y}`).toBe(withY > 0);
            expect(row.implied[v] === 1, `${x} implies ${y}`).toBe(ext.length > 0 && withY === ext.length);
          }
        }
      }),
      { numRuns: 80 },
    );
    // The property above says nothing unless some lines had tables.
    expect(withTables).toBeGreaterThan(5);
  });

  it("a shipped pair table (built on the server, sent as JSON) answers like the browser's own, on random clicks", () => {
    let shippedLines = 0;
    fc.assert(
      fc.property(lineArb({ maxValues: 12 }), fc.array(fc.nat(), { minLength: 1, maxLength: 5 }), (line, picks) => {
        const shipped = shipPairTable(compileLine(line));
        const hasTables = (line.rules ?? []).some((r) => r.kind === "table");
        expect(shipped !== null).toBe(hasTables);
        if (!shipped) return;
        shippedLines++;
        const browser = compileLine(line);
        // Through JSON, as a loader sends it.
        expect(adoptPairTable(browser, JSON.parse(JSON.stringify(shipped)))).toBe(true);
        const all = completeConfigurations(line);
        const choices: string[] = [];
        for (const pick of picks) {
          const d = validDomains(browser, { choices }, { reasons: false });
          expect(d).toEqual(validDomains(compileLine(line), { choices }, { reasons: false }));
          const ext = completionsOf(all, choices);
          for (const f of d.features)
            for (const v of f.values) expect(v.available, `available ${v.code}`).toBe(completionsOf(ext, [v.code]).length > 0);
          const open = d.features.flatMap((f) => f.values.filter((v) => v.available && !v.chosen && !v.implied));
          if (open.length === 0) break;
          choices.push(open[pick % open.length].code);
        }
        // A table for another compilation is refused.
        expect(adoptPairTable(compileLine(line), { ...shipped, numValueVars: shipped.numValueVars + 1 })).toBe(false);
        expect(adoptPairTable(compileLine(line), { ...shipped, available: "3:AA" })).toBe(false);
      }),
      { numRuns: 60 },
    );
    expect(shippedLines).toBeGreaterThan(5);
  });

  it("explains a value of a single-choice feature by the value already chosen there", () => {
    const line = testLine({
      features: [
        { kind: "single", code: "TRIM", name: { en: "Trim" }, values: plainValues("BASE", "SPORT") },
        { kind: "single", code: "WHEEL", name: { en: "Wheels" }, values: plainValues("W18", "W21") },
      ],
      rules: [{ kind: "requires", id: "w21-needs-sport", if: { value: "W21" }, then: { value: "SPORT" } }],
    });
    const c = compileLine(line);
    const d = validDomains(c, { choices: ["BASE"] });
    const wheel = d.features.find((f) => f.code === "WHEEL")!;
    expect(wheel.values).toEqual([
      { code: "W18", available: true, chosen: false, implied: true },
      {
        code: "W21",
        available: false,
        chosen: false,
        implied: false,
        reason: { choices: ["BASE"], rules: ["feature:TRIM", "w21-needs-sport"] },
      },
    ]);
    expect(explain(c, ["BASE"], "SPORT")).toEqual({ choices: ["BASE"], rules: ["feature:TRIM"] });
    expect(explain(c, ["BASE"], "W18")).toBeNull();
    const noReasons = validDomains(c, { choices: ["BASE"] }, { reasons: false });
    expect(noReasons.features[1].values[1]).toEqual({ code: "W21", available: false, chosen: false, implied: false });
    expect(() => validDomains(c, { choices: ["NOPE"] })).toThrow(/unknown value code/);
  });
});
