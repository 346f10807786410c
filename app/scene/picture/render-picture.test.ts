/**
 * The software-rendered picture: deterministic, and each visual key changes
 * the pixels where its part is (wheels in the wheel's region and not on the
 * roof, paint on the body, door styles on the fridge's front). Small pictures
 * without supersampling keep it quick; the route test covers the PNG.
 */
import { describe, expect, it } from "vitest";
import { carProfile } from "../builders/car-profile";
import { DEPTH, DOOR_T, FOOT, HEIGHT } from "../builders/fridge/layout";
import { pictureLocation, renderPicture, type PictureView } from "./render-picture";

const W = 320;
const H = 180;
const draw = (model: string, keys: string[], view: PictureView = "front") => renderPicture(model, keys, { view, width: W, height: H, supersample: 1 });

/** Share of pixels within `r` of (cx, cy) whose colour or coverage differ noticeably. */
function changedAround(a: Uint8Array, b: Uint8Array, [cx, cy]: [number, number], r: number): number {
  let changed = 0;
  let all = 0;
  for (let y = Math.max(0, Math.round(cy - r)); y <= Math.min(H - 1, Math.round(cy + r)); y++)
    for (let x = Math.max(0, Math.round(cx - r)); x <= Math.min(W - 1, Math.round(cx + r)); x++) {
      const o = (y * W + x) * 4;
      all++;
      if (Math.max(Math.abs(a[o] - b[o]), Math.abs(a[o + 1] - b[o + 1]), Math.abs(a[o + 2] - b[o + 2]), Math.abs(a[o + 3] - b[o + 3])) > 12) changed++;
    }
  return changed / all;
}

const sedan = carProfile("sedan");
/** The front wheel on the camera's side (−z), the middle of the roof and the front door. */
const frontWheel = pictureLocation("sedan", "front", W, H, [sedan.axles[0], sedan.tyreRadius, -sedan.halfTrack - 0.1]);
const roof = pictureLocation("sedan", "front", W, H, [-0.2, sedan.cabin.roof(-0.2), 0]);
const door = pictureLocation("sedan", "front", W, H, [0.25, 0.72, -sedan.halfWidth(0.25)]);

describe("renderPicture", () => {
  it("draws the same pixels for the same configuration", () => {
    const keys = ["paint:tango-red:metallic", "wheel:5-arm:17"];
    expect(Buffer.from(draw("sedan", keys).data).equals(Buffer.from(draw("sedan", keys).data))).toBe(true);
  });

  it("draws the product on a transparent background with a contact shadow", () => {
    const { data } = draw("sedan", []);
    expect(data[3]).toBe(0); // top-left corner: nothing
    const [x, y] = door;
    expect(data[(Math.round(y) * W + Math.round(x)) * 4 + 3]).toBe(255);
  });

  it("changes the wheel's pixels, not the roof's, with the wheel design", () => {
    const a = draw("sedan", ["paint:tango-red:metallic", "wheel:5-arm:19"]).data;
    const b = draw("sedan", ["paint:tango-red:metallic", "wheel:10-spoke:19"]).data;
    expect(changedAround(a, b, frontWheel, 8)).toBeGreaterThan(0.1);
    expect(changedAround(a, b, roof, 6)).toBe(0);
  });

  it("changes the body's pixels with the paint, and its finish", () => {
    const red = draw("sedan", ["paint:tango-red:metallic"]).data;
    const blue = draw("sedan", ["paint:navarra-blue:metallic"]).data;
    const [x, y] = door;
    const o = (Math.round(y) * W + Math.round(x)) * 4;
    expect(red[o]).toBeGreaterThan(red[o + 2]);
    expect(blue[o + 2]).toBeGreaterThan(blue[o]);
    expect(changedAround(red, blue, door, 4)).toBeGreaterThan(0.9);
    const solid = draw("sedan", ["paint:daytona-grey:solid"]).data;
    const pearl = draw("sedan", ["paint:daytona-grey:pearl"]).data;
    expect(changedAround(solid, pearl, door, 10)).toBeGreaterThan(0.2);
  });

  it("changes the refrigerator's front with the door style", () => {
    const front = pictureLocation("fridge", "front", W, H, [DEPTH / 2 + DOOR_T, FOOT + HEIGHT * 0.5, 0]);
    const french = draw("fridge", ["doors:french"]).data;
    const sideBySide = draw("fridge", ["doors:side-by-side"]).data;
    expect(changedAround(french, sideBySide, front, 25)).toBeGreaterThan(0.02);
  });

  it("draws the side view too", () => {
    const { data } = draw("estate", ["roof-rails:black"], "side");
    const [x, y] = pictureLocation("estate", "side", W, H, [0, 0.6, -1]);
    expect(data[(Math.round(y) * W + Math.round(x)) * 4 + 3]).toBe(255);
  });
});
