/**
 * The product's still picture as vector data (what the SVG still and the
 * quote PDF draw): per visual key, the part it changes, and paths every
 * renderer can read — only M, L, A and Z with finite numbers, inside the view box.
 */
import { describe, expect, it } from "vitest";
import { ellipsePath, productPicture, type ProductPicture } from "./product-picture";
import { parseVisualKeys } from "./visual-keys";

const part = (picture: ProductPicture, name: string) => picture.shapes.filter((s) => s.part === name);

/** Every coordinate pair of a path's M and L commands. */
function points(d: string): [number, number][] {
  return [...d.matchAll(/[ML](-?\d+(?:\.\d+)?),(-?\d+(?:\.\d+)?)/g)].map((m) => [Number(m[1]), Number(m[2])]);
}

describe("productPicture", () => {
  it("draws a sedan side-on: body in the paint, glass, two wheels (tyre, rim, hub), all inside the view box", () => {
    const picture = productPicture("sedan", ["paint:red:metallic"]);
    expect(picture.kind).toBe("sedan");
    expect(part(picture, "body")).toHaveLength(1);
    expect(part(picture, "body")[0]!.fill).toBe(parseVisualKeys(["paint:red:metallic"]).paint.hex);
    expect(part(picture, "glass")).toHaveLength(1);
    expect(part(picture, "tyre")).toHaveLength(2);
    expect(part(picture, "rim")).toHaveLength(2);
    const [x, y, w, h] = picture.viewBox;
    for (const shape of picture.shapes) {
      expect(shape.d).toMatch(/^M[-\d., LAZ]+Z$/);
      expect(shape.fill).toMatch(/^#[0-9a-f]{6}$/i);
      for (const [px, py] of points(shape.d)) {
        expect(Number.isFinite(px) && Number.isFinite(py)).toBe(true);
        expect(px).toBeGreaterThanOrEqual(x);
        expect(px).toBeLessThanOrEqual(x + w);
        expect(py).toBeGreaterThanOrEqual(y);
        expect(py).toBeLessThanOrEqual(y + h);
      }
    }
    // Wheels stand on the ground (y = 0), the body above it.
    const bodyYs = points(part(picture, "body")[0]!.d).map(([, py]) => py);
    expect(Math.max(...bodyYs)).toBeLessThan(0);
  });

  it("follows the visual keys: another paint recolours only the body, bigger wheels draw bigger rims", () => {
    const silver = productPicture("sedan", []);
    const blue = productPicture("sedan", ["paint:blue:solid"]);
    expect(blue.shapes.filter((s) => s.part !== "body")).toEqual(silver.shapes.filter((s) => s.part !== "body"));
    expect(part(blue, "body")[0]!.fill).not.toBe(part(silver, "body")[0]!.fill);
    expect(part(blue, "body")[0]!.d).toBe(part(silver, "body")[0]!.d);
    const rimOf = (keys: string[]) => part(productPicture("sedan", keys), "rim")[0]!.d;
    expect(rimOf(["wheel:aero:21"])).toBe(ellipsePathOfRim(21));
    expect(rimOf(["wheel:aero:21"])).not.toBe(rimOf(["wheel:aero:18"]));
  });

  it("draws an estate's longer roof, a fridge's doors and finish, and a swatch for a model it doesn't know", () => {
    const sedan = part(productPicture("sedan", []), "body")[0]!.d;
    const estate = productPicture("estate", []);
    expect(estate.kind).toBe("estate");
    expect(part(estate, "body")[0]!.d).not.toBe(sedan);
    const fridge = productPicture("fridge", ["finish:black-steel"]);
    expect(fridge.kind).toBe("fridge");
    expect(part(fridge, "body")[0]!.fill).toBe(parseVisualKeys(["finish:black-steel"]).fridge.finish.hex);
    expect(part(fridge, "door-line").length).toBeGreaterThan(0);
    const unknown = productPicture("lamp", ["paint:green:solid"]);
    expect(unknown.kind).toBe("unknown");
    expect(unknown.shapes.map((s) => s.fill)).toEqual([parseVisualKeys(["paint:green:solid"]).paint.hex]);
  });

  it("ignores keys it doesn't understand, as the 3D view does", () => {
    expect(productPicture("sedan", ["no-such-thing:42"])).toEqual(productPicture("sedan", []));
  });
});

/** The rim path the picture should draw for wheels of `inches` (the sedan's axle and tyre from the picture itself). */
function ellipsePathOfRim(inches: number): string {
  const tyre = part(productPicture("sedan", []), "tyre")[0]!.d;
  // The tyre's path starts at (cx − r, cy): recover the centre and radius from its first arc.
  const m = /^M(-?[\d.]+),(-?[\d.]+) A([\d.]+),/.exec(tyre)!;
  const r = Number(m[3]);
  const cx = Number(m[1]) + r;
  const cy = Number(m[2]);
  return ellipsePath(cx, cy, (inches * 0.0254) / 2);
}
