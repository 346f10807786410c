/**
 * Every visual key of the demo catalog shows in the picture: added to a
 * configuration of its line's defaults, it changes pixels in the 3/4 front
 * or the side or the rear view. A key that means what the defaults already are
 * (suspension:standard, doors:french, …) changes nothing by design; keys whose
 * part the closed product hides are listed in HIDDEN and checked to change nothing.
 */
import { describe, expect, it } from "vitest";
import demo from "#db/catalog/demo.json";
import { parseVisualKeys, type VisualSpec } from "~/scene/visual-keys";
import { PICTURE_VIEWS, renderPicture, type PictureView } from "~/scene/picture/render-picture";

/** Keys (or "<line> <key>") whose part sits inside the closed product: the still picture can't show them (the 3D view's open doors do). */
const HIDDEN: Record<string, string> = {
  "ice-maker": "inside the refrigerator, behind closed doors (the 3D view shows it with the doors open)",
};

interface DemoLine {
  code: string;
  visualModel?: string;
  features: { kind?: string; values?: { visualKey?: string }[] }[];
}

const lines = (demo as unknown as { productLines: DemoLine[] }).productLines.map((l) => ({
  code: l.code,
  model: l.visualModel ?? l.code,
  keys: [...new Set(l.features.flatMap((f) => (f.values ?? []).flatMap((v) => v.visualKey ?? [])))],
}));

/** What the builders read of a spec: names that only pick a colour are left out. */
function drawn(spec: VisualSpec): string {
  const { keys: _keys, unknown: _unknown, ...rest } = spec;
  return JSON.stringify({ ...rest, paint: { ...rest.paint, color: "" }, interior: { ...rest.interior, color: "" }, fridge: { ...rest.fridge, finish: { ...rest.fridge.finish, name: "" } } });
}

const W = 320;
const H = 180;
const differs = (a: Uint8Array, b: Uint8Array) => {
  let n = 0;
  for (let i = 0; i < a.length; i++) if (Math.abs(a[i] - b[i]) > 8) n++;
  return n;
};

describe.each(lines)("the picture of $code", ({ code, model, keys }) => {
  const base: Partial<Record<PictureView, Uint8Array>> = {};
  const picture = (k: string[], view: PictureView) => renderPicture(model, k, { view, width: W, height: H, supersample: 1 }).data;
  const baseOf = (view: PictureView) => (base[view] ??= picture([], view));
  const defaults = drawn(parseVisualKeys([]));

  for (const key of keys) {
    const hidden = HIDDEN[`${code} ${key}`] ?? HIDDEN[key];
    if (hidden) {
      it(`hides ${key}: ${hidden}`, () => {
        for (const view of PICTURE_VIEWS) expect(differs(picture([key], view), baseOf(view)), view).toBe(0);
      });
      continue;
    }
    it(`shows ${key}`, () => {
      if (drawn(parseVisualKeys([key])) === defaults) {
        // The default already: the same picture by construction.
        expect(differs(picture([key], "front"), baseOf("front"))).toBe(0);
        return;
      }
      // The first view that shows it (a towbar shows only from behind).
      const changed = PICTURE_VIEWS.map((view) => () => differs(picture([key], view), baseOf(view))).reduce((n, next) => n || next(), 0);
      expect(changed, `${key} changed no pixel`).toBeGreaterThan(0);
    });
  }
});
