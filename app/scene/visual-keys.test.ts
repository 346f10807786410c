import { describe, expect, it } from "vitest";
import { lookupColor } from "./palette";
import { parseVisualKeys, wheelDesign } from "./visual-keys";

describe("parseVisualKeys", () => {
  it("reads paint color and finish", () => {
    const v = parseVisualKeys(["paint:red:metallic"]);
    expect(v.paint).toEqual({ color: "red", hex: lookupColor("red"), finish: "metallic" });
    expect(parseVisualKeys(["paint:glacier-white:pearl"]).paint.finish).toBe("pearl");
    expect(parseVisualKeys(["paint:mythos-black:solid"]).paint.hex).toBe(lookupColor("mythos-black"));
  });

  it("accepts the finish glued to the color and guesses it from the name", () => {
    expect(parseVisualKeys(["paint:red-metallic"]).paint).toMatchObject({ color: "red", finish: "metallic" });
    expect(parseVisualKeys(["paint:deep-blue-pearl-effect"]).paint).toMatchObject({ color: "deep-blue", finish: "pearl" });
    expect(parseVisualKeys(["paint:pearl-white"]).paint.finish).toBe("pearl");
    expect(parseVisualKeys(["paint:white"]).paint.finish).toBe("solid");
  });

  it("falls back to a known word, then to silver, for unknown color names", () => {
    expect(parseVisualKeys(["paint:district-green:solid"]).paint.hex).toBe(lookupColor("district-green"));
    expect(parseVisualKeys(["paint:misty-lagoon-green:metallic"]).paint.hex).toBe(lookupColor("green"));
    expect(parseVisualKeys(["paint:zzz:metallic"]).paint.hex).toBe("#a9adb1");
    expect(parseVisualKeys(["paint:#123abc"]).paint.hex).toBe("#123abc");
  });

  it("defaults to silver metallic on 19-inch 5-spoke wheels with nothing chosen", () => {
    const v = parseVisualKeys([]);
    expect(v.paint).toMatchObject({ color: "silver", finish: "metallic" });
    expect(v.wheel).toMatchObject({ design: "5-spoke", inches: 19 });
    expect(v.roof).toBe("solid");
    expect(v.towbar).toBe(false);
  });

  it("reads wheel design and size in several spellings", () => {
    expect(parseVisualKeys(["wheel:10-spoke-y:20"]).wheel).toMatchObject({ design: "10-spoke-y", inches: 20 });
    expect(parseVisualKeys(["wheel:5-arm-21"]).wheel).toMatchObject({ design: "5-arm", inches: 21 });
    expect(parseVisualKeys(["wheel:aero:18in"]).wheel).toMatchObject({ design: "aero", inches: 18 });
    expect(parseVisualKeys(["wheels:21"]).wheel.inches).toBe(21);
    // Out-of-range sizes are ignored rather than drawn absurdly.
    expect(parseVisualKeys(["wheel:5-spoke:35"]).wheel.inches).toBe(19);
    expect(parseVisualKeys(["wheel:multi-spoke-black:20"]).wheel.finish).toBe("black");
  });

  it("reads visible options", () => {
    const v = parseVisualKeys([
      "sunroof",
      "roof-rails",
      "towbar",
      "spoiler",
      "mirrors:carbon",
      "lights:matrix",
      "privacy-glass",
      "interior:beige:leather",
      "brakes:red",
    ]);
    expect(v).toMatchObject({
      roof: "sunroof",
      roofRails: "silver",
      towbar: true,
      spoiler: true,
      mirrors: "carbon",
      lights: "matrix",
      privacyGlass: true,
      interior: { color: "beige", material: "leather" },
    });
    expect(v.calipers).toBe(lookupColor("red"));
    expect(v.unknown).toEqual([]);
  });

  it("lets a panoramic roof win over a sunroof in either order", () => {
    expect(parseVisualKeys(["panorama", "sunroof"]).roof).toBe("panorama");
    expect(parseVisualKeys(["sunroof", "roof:panorama"]).roof).toBe("panorama");
  });

  it("reads the refrigerator's keys", () => {
    const v = parseVisualKeys(["doors:side-by-side", "finish:black-stainless", "ice-maker", "smart-display", "size:large"]);
    expect(v.fridge).toMatchObject({ doors: "side-by-side", iceMaker: "internal", smartDisplay: true, widthScale: 1.1 });
    expect(v.fridge.finish).toMatchObject({ kind: "stainless", hex: lookupColor("black-stainless") });
    expect(parseVisualKeys(["finish:white"]).fridge.finish.kind).toBe("painted");
    expect(parseVisualKeys([]).fridge).toMatchObject({ doors: "french", iceMaker: "none", smartDisplay: false });
    expect(parseVisualKeys(["dispenser"]).fridge.iceMaker).toBe("dispenser");
  });

  it("keeps unknown keys aside without throwing", () => {
    const v = parseVisualKeys(["hologram:purple", "paint", "doors:revolving", "", "  SUNROOF "]);
    expect(v.unknown).toEqual(["hologram:purple", "paint", "doors:revolving"]);
    expect(v.roof).toBe("sunroof");
    expect(v.keys.has("sunroof")).toBe(true);
  });
});

describe("the demo catalog's keys", () => {
  it("understands every visual key the demo catalog uses", () => {
    const keys = [
      "trim:s-line", "paint:tango-red:metallic", "paint:daytona-grey:pearl", "wheel:5-arm-trapezoid:21", "wheel:5-v-spoke-star:20",
      "suspension:air", "interior:okapi-brown:valcona-leather", "mirrors:black", "roof:sunroof", "roof:panoramic",
      "towbar:swivel", "roof-rails:aluminium", "ambient-lighting", "glass:privacy", "spoiler:lip", "lights:matrix",
      "size:60cm", "doors:bottom-freezer", "finish:champagne-glass", "dispenser", "ice-maker", "smart-module",
    ];
    const v = parseVisualKeys(keys);
    expect(v.unknown).toEqual([]);
    expect(v).toMatchObject({
      trim: "s-line", roof: "panorama", roofRails: "silver", towbar: true, spoiler: true, privacyGlass: true,
      lights: "matrix", mirrors: "black", ambientLighting: true, lowering: 0.022,
      wheel: { design: "5-v-spoke-star", inches: 20, finish: "bicolor" },
      interior: { color: "okapi-brown", material: "valcona-leather" },
      fridge: { doors: "double", iceMaker: "dispenser", smartDisplay: true, finish: { kind: "glass" } },
    });
    expect(v.fridge.widthScale).toBeCloseTo(60 / 90, 5);
    expect(v.paint).toMatchObject({ color: "daytona-grey", finish: "pearl" });
  });
});

describe("wheelDesign", () => {
  it("counts spokes and recognises paired, aero and turbine designs", () => {
    expect(wheelDesign("5-spoke")).toMatchObject({ spokes: 5, paired: false, aero: false, twist: 0 });
    expect(wheelDesign("10-spoke-y")).toMatchObject({ spokes: 5, paired: true });
    expect(wheelDesign("5-double-spoke")).toMatchObject({ spokes: 5, paired: true });
    expect(wheelDesign("multi-spoke")).toMatchObject({ spokes: 15 });
    expect(wheelDesign("aero").aero).toBe(true);
    expect(wheelDesign("rotor").twist).toBeGreaterThan(0);
    expect(wheelDesign("5-arm")).toMatchObject({ spokes: 5, paired: false });
    expect(wheelDesign("5-v-spoke-star")).toMatchObject({ spokes: 5, paired: true });
    expect(wheelDesign("10-spoke")).toMatchObject({ spokes: 10, paired: false });
  });
});

describe("words a catalog may put in a key that name Object.prototype's members", () => {
  const WORDS = ["constructor", "__proto__", "toString", "valueOf", "hasOwnProperty"];
  const FAMILIES = ["paint", "paint:red", "interior", "brakes", "finish", "doors", "size", "lights", "mirrors", "roof-rails", "trim", "suspension"];
  const keys = FAMILIES.flatMap((family) => WORDS.flatMap((word) => [`${family}:${word}`, `${family}:dark-${word}`]));

  it.each(keys)("%s reads as an unknown word: every colour a hex, every size a finite number", (key) => {
    const spec = parseVisualKeys([key]);
    const colors = [spec.paint.hex, spec.interior.hex, spec.fridge.finish.hex, ...(spec.calipers === null ? [] : [spec.calipers])];
    for (const hex of colors) expect(hex, key).toMatch(/^#[0-9a-f]{6}$/);
    expect(["solid", "metallic", "pearl", "matte"], key).toContain(spec.paint.finish);
    expect(["single", "double", "french", "side-by-side", "quad"], key).toContain(spec.fridge.doors);
    expect(Number.isFinite(spec.fridge.widthScale), key).toBe(true);
    expect(Number.isFinite(spec.lowering), key).toBe(true);
    expect(lookupColor(key.split(":").pop()!), key).toBeUndefined();
  });
});
