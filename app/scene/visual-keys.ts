/**
 * Visual keys → what the 3D model shows. Pure: no three.js, no React, so it
 * runs in tests, on the server (for the SVG still) and in the browser.
 *
 * Convention agreed with the catalog (values carry a `visualKey`):
 *   paint:<color>:<solid|metallic|pearl|matte>   wheel:<design>:<inches>
 *   interior:<color>[:<material>]                lights:<halogen|led|matrix|laser|oled>
 *   mirrors:<body|black|carbon|chrome>           sunroof | panorama | roof-rails[:<finish>]
 *   towbar | spoiler | privacy-glass | brakes:<color> | ambient-lighting
 *   trim:<base|advanced|s-line|premium>            suspension:<standard|sport|air>
 *   fridge: doors:<single|bottom-freezer|french|side-by-side|four-door>,
 *           finish:<name>, ice-maker | dispenser, smart-module,
 *           size:<60cm|75cm|91cm|compact|standard|large|<liters>>
 * Variants seen in the wild are accepted too (e.g. "paint:red-metallic",
 * "wheel:5-spoke-19", "panoramic-roof"). A key we don't understand is kept in
 * `unknown` and otherwise ignored: an unknown key must never break the view.
 */
import { resolveColor } from "./palette";

export type PaintFinish = "solid" | "metallic" | "pearl" | "matte";
export type RoofKind = "solid" | "sunroof" | "panorama";
export type MirrorCaps = "body" | "black" | "carbon" | "chrome";
export type WheelFinish = "silver" | "black" | "graphite" | "polished" | "bicolor";
export type DoorStyle = "single" | "double" | "french" | "side-by-side" | "quad";
export type FridgeFinishKind = "stainless" | "painted" | "glass";

export interface VisualSpec {
  paint: { color: string; hex: string; finish: PaintFinish };
  wheel: { design: string; inches: number; finish: WheelFinish };
  interior: { color: string; hex: string; material: string };
  /** Light signature; "halogen" when the catalog says nothing. */
  lights: string;
  mirrors: MirrorCaps;
  roof: RoofKind;
  /** Roof rails and their finish, or null for none. */
  roofRails: "black" | "silver" | null;
  towbar: boolean;
  spoiler: boolean;
  privacyGlass: boolean;
  /** Brake caliper color (hex) or null for plain grey. */
  calipers: string | null;
  /** Trim line: "s-line" gets the sport grille. */
  trim: string;
  /** How much lower than standard the body sits (sport / air suspension), metres. */
  lowering: number;
  /** Ambient lighting strips in the cabin. */
  ambientLighting: boolean;
  fridge: {
    doors: DoorStyle;
    finish: { name: string; hex: string; kind: FridgeFinishKind };
    /** "internal": an ice maker inside; "dispenser": ice and water through the door (with the ice maker inside). */
    iceMaker: "none" | "internal" | "dispenser";
    smartDisplay: boolean;
    /** Width scale relative to a standard 90 cm unit. */
    widthScale: number;
  };
  /** Every key as given (normalized), for parts that are named by their key. */
  keys: ReadonlySet<string>;
  /** Keys nothing in the scene understood. */
  unknown: string[];
}

export const DEFAULT_PAINT = { color: "silver", finish: "metallic" as PaintFinish };
export const DEFAULT_WHEEL_INCHES = 19;
const MIN_INCHES = 15;
const MAX_INCHES = 23;

const FINISHES: readonly PaintFinish[] = ["solid", "metallic", "pearl", "matte"];
const FINISH_ALIASES: Record<string, PaintFinish> = {
  uni: "solid",
  gloss: "solid",
  plain: "solid",
  metal: "metallic",
  mica: "pearl",
  pearlescent: "pearl",
  pearleffect: "pearl",
  "pearl-effect": "pearl",
  crystal: "pearl",
  satin: "matte",
  matt: "matte",
};

function asFinish(word: string | undefined): PaintFinish | undefined {
  if (!word) return undefined;
  if ((FINISHES as readonly string[]).includes(word)) return word as PaintFinish;
  return FINISH_ALIASES[word];
}

/** "red-metallic" → ["red", "metallic"]; "red" → ["red", undefined]. */
function splitTrailingFinish(color: string): [string, PaintFinish | undefined] {
  const m = /^(.*?)-([a-z-]+)$/.exec(color);
  if (m) {
    // Try the longest suffix first ("pearl-effect"), then the last word.
    const words = color.split("-");
    for (let i = 1; i < words.length; i++) {
      const finish = asFinish(words.slice(i).join("-"));
      if (finish) return [words.slice(0, i).join("-"), finish];
    }
  }
  return [color, undefined];
}

function parseInches(s: string | undefined): number | undefined {
  if (!s) return undefined;
  const m = /^(\d{2})(?:-?(?:in|inch|"))?$/.exec(s);
  if (!m) return undefined;
  const n = Number(m[1]);
  return n >= MIN_INCHES && n <= MAX_INCHES ? n : undefined;
}

function wheelFinishOf(design: string): WheelFinish {
  if (/black|gloss-black|night/.test(design)) return "black";
  if (/graphite|anthracite|titan|grey|gray|platinum|trapezoid/.test(design)) return "graphite";
  if (/bicolou?r|two-tone|diamond|polished-face|star/.test(design)) return "bicolor";
  if (/polished|chrome/.test(design)) return "polished";
  return "silver";
}

const DOOR_STYLES: Record<string, DoorStyle> = {
  single: "single",
  "single-door": "single",
  "one-door": "single",
  double: "double",
  "top-freezer": "double",
  "bottom-freezer": "double",
  "bottom-mount": "double",
  "two-door": "double",
  french: "french",
  "french-door": "french",
  "french-doors": "french",
  "side-by-side": "side-by-side",
  sbs: "side-by-side",
  quad: "quad",
  "four-door": "quad",
  "4-door": "quad",
  "quad-door": "quad",
  "multi-door": "quad",
};

const FRIDGE_SIZES: Record<string, number> = {
  compact: 0.8,
  small: 0.8,
  slim: 0.8,
  standard: 1,
  medium: 1,
  regular: 1,
  large: 1.1,
  xl: 1.2,
  "extra-large": 1.2,
  wide: 1.2,
};

function fridgeFinish(name: string): VisualSpec["fridge"]["finish"] {
  const kind: FridgeFinishKind = /stainless|steel|inox|brushed|titan/.test(name)
    ? "stainless"
    : /glass|mirror/.test(name)
      ? "glass"
      : "painted";
  const fallback = kind === "stainless" ? "#b9bdc0" : kind === "glass" ? "#1b1d20" : "#e9ebec";
  // "black-stainless" is darker steel; plain "stainless" is the classic one.
  return { name, hex: resolveColor(name === "stainless-steel" ? "stainless" : name, fallback), kind };
}

/** Turns the visual keys of the chosen values into what the scene draws. */
export function parseVisualKeys(keys: readonly string[]): VisualSpec {
  let paintColor = DEFAULT_PAINT.color;
  let paintFinish: PaintFinish | undefined;
  let wheelDesign = "5-spoke";
  let inches = DEFAULT_WHEEL_INCHES;
  let interiorColor = "black";
  let interiorMaterial = "leather";
  let lights = "halogen";
  let mirrors: MirrorCaps = "body";
  let roof: RoofKind = "solid";
  let roofRails: VisualSpec["roofRails"] = null;
  let towbar = false;
  let spoiler = false;
  let privacyGlass = false;
  let calipers: string | null = null;
  let trim = "base";
  let lowering = 0;
  let ambientLighting = false;
  let doors: DoorStyle = "french";
  let finishName: string | undefined;
  let iceMaker: VisualSpec["fridge"]["iceMaker"] = "none";
  let smartDisplay = false;
  let widthScale = 1;
  const seen = new Set<string>();
  const unknown: string[] = [];

  for (const raw of keys) {
    if (typeof raw !== "string") continue;
    const key = raw.trim().toLowerCase().replace(/[\s_]+/g, "-");
    if (!key) continue;
    seen.add(key);
    const [kind, ...args] = key.split(":");
    const a0 = args[0];
    const a1 = args[1];
    let known = true;
    switch (kind) {
      case "paint":
      case "color":
      case "colour":
      case "exterior": {
        if (!a0) { known = false; break; }
        const [color, trailing] = splitTrailingFinish(a0);
        paintColor = color;
        paintFinish = asFinish(a1) ?? trailing ?? paintFinish;
        break;
      }
      case "wheel":
      case "wheels":
      case "rim":
      case "rims": {
        if (!a0) { known = false; break; }
        const direct = parseInches(a0);
        if (direct !== undefined && !a1) {
          inches = direct;
          break;
        }
        let design = a0;
        let size = parseInches(a1);
        if (size === undefined) {
          // "5-spoke-19": size glued to the design.
          const m = /^(.*)-(\d{2})(?:in|inch)?$/.exec(a0);
          const glued = m ? parseInches(m[2]) : undefined;
          if (m && glued !== undefined) {
            design = m[1];
            size = glued;
          }
        }
        wheelDesign = design;
        if (size !== undefined) inches = size;
        break;
      }
      case "interior":
      case "upholstery":
      case "seats":
        if (!a0) { known = false; break; }
        interiorColor = a0;
        if (a1) interiorMaterial = a1;
        break;
      case "lights":
      case "light":
      case "headlights":
        lights = a0 ?? "led";
        break;
      case "matrix":
      case "matrix-led":
        lights = "matrix";
        break;
      case "mirrors":
      case "mirror":
      case "mirror-caps": {
        const m = a0 ?? "black";
        mirrors = /carbon/.test(m) ? "carbon" : /chrome|alu|silver/.test(m) ? "chrome" : /black/.test(m) ? "black" : "body";
        break;
      }
      case "sunroof":
        if (roof !== "panorama") roof = "sunroof";
        break;
      case "panorama":
      case "panoramic-roof":
      case "panorama-roof":
      case "panoramic":
        roof = "panorama";
        break;
      case "roof":
        if (a0 && /pano/.test(a0)) roof = "panorama";
        else if (a0 && /sun|glass/.test(a0)) { if (roof !== "panorama") roof = "sunroof"; }
        else known = false;
        break;
      case "roof-rails":
      case "roofrails":
      case "rails":
        roofRails = a0 && /black/.test(a0) ? "black" : "silver";
        break;
      case "towbar":
      case "tow-bar":
      case "tow-hitch":
      case "towhitch":
      case "trailer-hitch":
        towbar = true;
        break;
      case "spoiler":
      case "rear-spoiler":
      case "lip-spoiler":
        spoiler = true;
        break;
      case "privacy-glass":
      case "privacy":
      case "tinted-glass":
        privacyGlass = true;
        break;
      case "glass":
        if (a0 && /privacy|tint|dark/.test(a0)) privacyGlass = true;
        else known = false;
        break;
      case "brakes":
      case "calipers":
      case "brake-calipers":
        calipers = resolveColor(a0 ?? "red", "#b0141c");
        break;
      case "trim":
        trim = a0 ?? "base";
        break;
      case "suspension":
        lowering = a0 === "sport" ? 0.015 : a0 === "air" || a0 === "adaptive-air" ? 0.022 : 0;
        break;
      case "ambient-lighting":
      case "ambient":
        ambientLighting = true;
        break;
      case "doors":
      case "door":
      case "door-style": {
        const style = a0 ? DOOR_STYLES[a0] : undefined;
        if (style) doors = style;
        else known = false;
        break;
      }
      case "finish":
        if (!a0) { known = false; break; }
        finishName = a0;
        break;
      case "ice-maker":
      case "icemaker":
      case "ice":
        if (a0 === "none" || a0 === "no") break;
        iceMaker = a0 && /dispens|door/.test(a0) ? "dispenser" : iceMaker === "dispenser" ? "dispenser" : "internal";
        break;
      case "dispenser":
      case "water-dispenser":
      case "ice-dispenser":
        if (a0 !== "none" && a0 !== "no") iceMaker = "dispenser";
        break;
      case "smart":
      case "smart-display":
      case "smart-module":
      case "display":
      case "wifi":
        smartDisplay = a0 !== "none" && a0 !== "no";
        break;
      case "size": {
        if (!a0) { known = false; break; }
        const liters = Number(a0.replace(/l$/, ""));
        if (Number.isFinite(liters) && liters > 100) widthScale = Math.min(1.25, Math.max(0.75, liters / 600));
        else if (FRIDGE_SIZES[a0] !== undefined) widthScale = FRIDGE_SIZES[a0];
        else if (/^\d{2,3}cm$/.test(a0)) widthScale = Math.min(1.25, Math.max(0.6, Number(a0.slice(0, -2)) / 90));
        else known = false;
        break;
      }
      default:
        known = false;
    }
    if (!known) unknown.push(raw);
  }

  // A pearl or metallic paint named with its finish only in the color ("pearl-white").
  if (!paintFinish) {
    const words = paintColor.split("-");
    paintFinish = words.map((w) => asFinish(w)).find((f) => f !== undefined) ?? "solid";
    if (!keys.some((k) => /^(paint|colou?r|exterior):/.test(k.trim().toLowerCase()))) paintFinish = DEFAULT_PAINT.finish;
  }

  return {
    paint: { color: paintColor, hex: resolveColor(paintColor, "#a9adb1"), finish: paintFinish },
    wheel: { design: wheelDesign, inches, finish: wheelFinishOf(wheelDesign) },
    interior: { color: interiorColor, hex: resolveColor(interiorColor, "#1c1c1e"), material: interiorMaterial },
    lights,
    mirrors,
    roof,
    roofRails,
    towbar,
    spoiler,
    privacyGlass,
    calipers,
    trim,
    lowering,
    ambientLighting,
    fridge: {
      doors,
      finish: fridgeFinish(finishName ?? "stainless"),
      iceMaker,
      smartDisplay,
      widthScale,
    },
    keys: seen,
    unknown,
  };
}

export interface WheelDesign {
  /** Number of spokes (a pair counts as one when `paired`). */
  spokes: number;
  /** Each spoke split in two (V / Y / double spokes). */
  paired: boolean;
  /** Closed aero face with small vents. */
  aero: boolean;
  /** Spoke sweep from hub to rim, radians (turbine / rotor designs). */
  twist: number;
  /** Spoke width as a fraction of the pitch. */
  weight: number;
}

/** Reads a wheel design name ("5-spoke", "10-spoke-y", "multi-spoke", "aero", "rotor") into geometry parameters. */
export function wheelDesign(design: string): WheelDesign {
  const d = design.toLowerCase();
  const n = /(\d{1,2})-?(?:spoke|arm|twin|double|y|v)/.exec(d);
  const paired = /double|twin|pair|y-spoke|v-spoke|(^|-)y($|-)|(^|-)v($|-)/.test(d);
  let spokes = n ? Number(n[1]) : /multi|mesh|star/.test(d) ? 15 : /turbine|rotor|blade/.test(d) ? 10 : 5;
  // "10-spoke-y" names the count of single spokes; the pairs are half that.
  if (paired && n && spokes >= 8) spokes = Math.round(spokes / 2);
  spokes = Math.min(20, Math.max(3, spokes));
  const aero = /aero|disc|closed|eco/.test(d);
  const twist = /turbine|rotor|blade|swirl/.test(d) ? 0.45 : 0;
  // Arms are broad spokes; trapezoid arms broader still.
  const weight = spokes >= 12 ? 0.32 : paired ? 0.42 : /trapez/.test(d) ? 0.46 : /arm/.test(d) ? 0.38 : spokes >= 8 ? 0.36 : 0.3;
  return { spokes, paired, aero, twist, weight };
}
