import { describe, expect, it } from "vitest";
import { CAMERA_PRESETS, angleDelta, approach, dragOrbit, modelKind, orbitLookAt, orbitPosition, orbitsClose, presetOrbit, presetView, zoomOrbit } from "./camera-presets";

describe("camera presets", () => {
  it("has every preset for every model kind", () => {
    for (const model of ["sedan", "estate", "fridge", "spaceship"])
      for (const p of CAMERA_PRESETS) expect(presetOrbit(model, p).distance).toBeGreaterThan(0);
    expect(modelKind("Avant")).toBe("estate");
    expect(modelKind("refrigerator")).toBe("fridge");
    expect(modelKind("spaceship")).toBe("unknown");
  });

  it("puts the camera at the orbit's distance from its target", () => {
    const o = presetOrbit("sedan", "front");
    const [x, y, z] = orbitPosition(o);
    expect(Math.hypot(x - o.target[0], y - o.target[1], z - o.target[2])).toBeCloseTo(o.distance, 6);
    // The front preset looks at the nose (+x), the rear preset at the tail.
    expect(x).toBeGreaterThan(0);
    expect(orbitPosition(presetOrbit("sedan", "rear"))[0]).toBeLessThan(0);
  });

  it("glides to a preset the short way round and arrives", () => {
    const from = { ...presetOrbit("sedan", "front"), azimuth: Math.PI * 0.9 };
    const goal = { ...from, azimuth: -Math.PI * 0.9 };
    const step = approach(from, goal, 1 / 60);
    // Short way: across ±π, so the azimuth grows past 0.9π instead of sweeping back through 0.
    expect(step.azimuth).toBeGreaterThan(from.azimuth);
    let o = from;
    for (let i = 0; i < 240; i++) o = approach(o, goal, 1 / 60);
    expect(orbitsClose(o, goal)).toBe(true);
    expect(Math.abs(angleDelta(o.azimuth, goal.azimuth))).toBeLessThan(1e-3);
  });

  it("keeps drags and zoom within limits", () => {
    const o = presetOrbit("sedan", "side");
    expect(dragOrbit(o, 0, 10_000).elevation).toBeLessThan(Math.PI / 2);
    expect(dragOrbit(o, 0, -10_000).elevation).toBeGreaterThan(0);
    expect(dragOrbit(o, 100, 0).azimuth).not.toBe(o.azimuth);
    expect(zoomOrbit(o, 100_000, o.distance).distance).toBeLessThanOrEqual(o.distance * 1.8);
    expect(zoomOrbit(o, -100_000, o.distance).distance).toBeGreaterThanOrEqual(o.distance * 0.45);
  });
});

describe("the driver's seat", () => {
  it("puts the camera in the driver's seat, inside the cabin, looking ahead and a little down", () => {
    const o = presetOrbit("sedan", "interior");
    const [x, y, z] = orbitPosition(o);
    expect([x, y, z]).toEqual([...o.target]);
    expect(y).toBeGreaterThan(1);
    expect(y).toBeLessThan(1.4); // under the roof
    expect(z).toBeLessThan(0); // left-hand drive: the steering wheel's side
    const [lx, ly] = orbitLookAt(o);
    expect(lx).toBeGreaterThan(x);
    expect(ly).toBeLessThan(y);
  });

  it("turns the head on a drag and narrows the view on zoom, and cuts (not flies) into the cabin", () => {
    const o = presetOrbit("sedan", "interior");
    expect(orbitPosition(dragOrbit(o, 200, 0))).toEqual(orbitPosition(o));
    expect(orbitLookAt(dragOrbit(o, 200, 0))).not.toEqual(orbitLookAt(o));
    expect(zoomOrbit(o, -500, o.distance).fov).toBeLessThan(o.fov!);
    expect(approach(presetOrbit("sedan", "front"), o, 1 / 60)).toEqual(o);
  });
});

describe("presetView", () => {
  it("names what each preset shows on its model: a refrigerator has a detail view and a back, not an interior and a rear", () => {
    expect(CAMERA_PRESETS.map((p) => presetView("fridge", p))).toEqual(["front", "side", "back", "detail"]);
    expect(CAMERA_PRESETS.map((p) => presetView("sedan", p))).toEqual(["front", "side", "rear", "driver"]);
    expect(presetView("avant", "interior")).toBe("driver");
    expect(presetView("spaceship", "interior")).toBe("interior");
  });
});
