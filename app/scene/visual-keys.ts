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

/** A table's own entry: a key word from a catalog ("constructor", "__proto__") must not reach Object.prototype. */
function own<T>(table: Record<string, T>, word: string): T | undefined {
  return Object.hasOwn(table, word) ? table[word] : undefined;
}

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
  return own(FINISH_ALIASES, word);
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

/** What the keys have said so far, per family; `toSpec` fills in the rest. */
interface Draft extends Omit<VisualSpec, "paint" | "wheel" | "interior" | "fridge" | "keys" | "unknown"> {
  paint: { color: string; finish: PaintFinish | undefined };
  wheel: { design: string; inches: number };
  interior: { color: string; material: string };
  fridge: { doors: DoorStyle; finishName: string | undefined; iceMaker: VisualSpec["fridge"]["iceMaker"]; smartDisplay: boolean; widthScale: number };
}

function emptyDraft(): Draft {
  return {
    paint: { color: DEFAULT_PAINT.color, finish: undefined },
    wheel: { design: "5-spoke", inches: DEFAULT_WHEEL_INCHES },
    interior: { color: "black", material: "leather" },
    lights: "halogen",
    mirrors: "body",
    roof: "solid",
    roofRails: null,
    towbar: false,
    spoiler: false,
    privacyGlass: false,
    calipers: null,
    trim: "base",
    lowering: 0,
    ambientLighting: false,
    fridge: { doors: "french", finishName: undefined, iceMaker: "none", smartDisplay: false, widthScale: 1 },
  };
}

/**
 * Reads one key's arguments (the parts after its family, split at ":") into
 * the draft. Returns false when the family is known but the arguments are not,
 * so the key is reported as unknown.
 */
type KeyParser = (draft: Draft, args: readonly string[]) => boolean;

const parsePaint: KeyParser = (draft, [a0, a1]) => {
  if (!a0) return false;
  const [color, trailing] = splitTrailingFinish(a0);
  draft.paint.color = color;
  draft.paint.finish = asFinish(a1) ?? trailing ?? draft.paint.finish;
  return true;
};

const parseWheel: KeyParser = (draft, [a0, a1]) => {
  if (!a0) return false;
  const direct = parseInches(a0);
  if (direct !== undefined && !a1) {
    draft.wheel.inches = direct;
    return true;
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
  draft.wheel.design = design;
  if (size !== undefined) draft.wheel.inches = size;
  return true;
};

const parseInterior: KeyParser = (draft, [a0, a1]) => {
  if (!a0) return false;
  draft.interior.color = a0;
  if (a1) draft.interior.material = a1;
  return true;
};

const parseLights: KeyParser = (draft, [a0]) => {
  draft.lights = a0 ?? "led";
  return true;
};

const parseMatrixLights: KeyParser = (draft) => {
  draft.lights = "matrix";
  return true;
};

const parseMirrors: KeyParser = (draft, [a0]) => {
  const m = a0 ?? "black";
  draft.mirrors = /carbon/.test(m) ? "carbon" : /chrome|alu|silver/.test(m) ? "chrome" : /black/.test(m) ? "black" : "body";
  return true;
};

/** A sunroof never replaces a panorama roof, whichever key comes first. */
function addSunroof(draft: Draft): void {
  if (draft.roof !== "panorama") draft.roof = "sunroof";
}

const parseSunroof: KeyParser = (draft) => {
  addSunroof(draft);
  return true;
};

const parsePanorama: KeyParser = (draft) => {
  draft.roof = "panorama";
  return true;
};

const parseRoof: KeyParser = (draft, [a0]) => {
  if (a0 && /pano/.test(a0)) draft.roof = "panorama";
  else if (a0 && /sun|glass/.test(a0)) addSunroof(draft);
  else return false;
  return true;
};

const parseRoofRails: KeyParser = (draft, [a0]) => {
  draft.roofRails = a0 && /black/.test(a0) ? "black" : "silver";
  return true;
};

/** A key that only switches a part on ("towbar", "spoiler", …). */
const switchOn =
  (part: "towbar" | "spoiler" | "privacyGlass" | "ambientLighting"): KeyParser =>
  (draft) => {
    draft[part] = true;
    return true;
  };

const parseGlass: KeyParser = (draft, [a0]) => {
  if (!(a0 && /privacy|tint|dark/.test(a0))) return false;
  draft.privacyGlass = true;
  return true;
};

const parseCalipers: KeyParser = (draft, [a0]) => {
  draft.calipers = resolveColor(a0 ?? "red", "#b0141c");
  return true;
};

const parseTrim: KeyParser = (draft, [a0]) => {
  draft.trim = a0 ?? "base";
  return true;
};

const parseSuspension: KeyParser = (draft, [a0]) => {
  draft.lowering = a0 === "sport" ? 0.015 : a0 === "air" || a0 === "adaptive-air" ? 0.022 : 0;
  return true;
};

const parseDoors: KeyParser = (draft, [a0]) => {
  const style = a0 ? own(DOOR_STYLES, a0) : undefined;
  if (!style) return false;
  draft.fridge.doors = style;
  return true;
};

const parseFinish: KeyParser = (draft, [a0]) => {
  if (!a0) return false;
  draft.fridge.finishName = a0;
  return true;
};

const parseIceMaker: KeyParser = (draft, [a0]) => {
  if (a0 === "none" || a0 === "no") return true;
  const { fridge } = draft;
  fridge.iceMaker = a0 && /dispens|door/.test(a0) ? "dispenser" : fridge.iceMaker === "dispenser" ? "dispenser" : "internal";
  return true;
};

const parseDispenser: KeyParser = (draft, [a0]) => {
  if (a0 !== "none" && a0 !== "no") draft.fridge.iceMaker = "dispenser";
  return true;
};

const parseSmartDisplay: KeyParser = (draft, [a0]) => {
  draft.fridge.smartDisplay = a0 !== "none" && a0 !== "no";
  return true;
};

/** "600l" (liters), "compact" (a named size) or "75cm" (the width). */
const parseFridgeSize: KeyParser = (draft, [a0]) => {
  if (!a0) return false;
  const liters = Number(a0.replace(/l$/, ""));
  if (Number.isFinite(liters) && liters > 100) draft.fridge.widthScale = Math.min(1.25, Math.max(0.75, liters / 600));
  else if (own(FRIDGE_SIZES, a0) !== undefined) draft.fridge.widthScale = FRIDGE_SIZES[a0]!;
  else if (/^\d{2,3}cm$/.test(a0)) draft.fridge.widthScale = Math.min(1.25, Math.max(0.6, Number(a0.slice(0, -2)) / 90));
  else return false;
  return true;
};

/** Each key family under every name it goes by. A Map, so a key named like an Object property ("constructor") stays unknown. */
const KEY_PARSERS = new Map<string, KeyParser>(
  (
    [
      [["paint", "color", "colour", "exterior"], parsePaint],
      [["wheel", "wheels", "rim", "rims"], parseWheel],
      [["interior", "upholstery", "seats"], parseInterior],
      [["lights", "light", "headlights"], parseLights],
      [["matrix", "matrix-led"], parseMatrixLights],
      [["mirrors", "mirror", "mirror-caps"], parseMirrors],
      [["sunroof"], parseSunroof],
      [["panorama", "panoramic-roof", "panorama-roof", "panoramic"], parsePanorama],
      [["roof"], parseRoof],
      [["roof-rails", "roofrails", "rails"], parseRoofRails],
      [["towbar", "tow-bar", "tow-hitch", "towhitch", "trailer-hitch"], switchOn("towbar")],
      [["spoiler", "rear-spoiler", "lip-spoiler"], switchOn("spoiler")],
      [["privacy-glass", "privacy", "tinted-glass"], switchOn("privacyGlass")],
      [["glass"], parseGlass],
      [["brakes", "calipers", "brake-calipers"], parseCalipers],
      [["trim"], parseTrim],
      [["suspension"], parseSuspension],
      [["ambient-lighting", "ambient"], switchOn("ambientLighting")],
      [["doors", "door", "door-style"], parseDoors],
      [["finish"], parseFinish],
      [["ice-maker", "icemaker", "ice"], parseIceMaker],
      [["dispenser", "water-dispenser", "ice-dispenser"], parseDispenser],
      [["smart", "smart-display", "smart-module", "display", "wifi"], parseSmartDisplay],
      [["size"], parseFridgeSize],
    ] as const
  ).flatMap(([names, parse]) => names.map((name) => [name, parse] as const)),
);

/** "Panoramic Roof" → "panoramic-roof": lower case, blanks and underscores as dashes. */
function normalizeKey(raw: string): string {
  return raw.trim().toLowerCase().replace(/[\s_]+/g, "-");
}

/**
 * The paint's finish when no key named one: a finish word inside the color
 * ("pearl-white"), else solid; the default finish when no key named a paint.
 */
function impliedFinish(color: string, keys: readonly string[]): PaintFinish {
  const fromColor = color.split("-").map((w) => asFinish(w)).find((f) => f !== undefined) ?? "solid";
  return keys.some((k) => /^(paint|colou?r|exterior):/.test(k.trim().toLowerCase())) ? fromColor : DEFAULT_PAINT.finish;
}

function toSpec(draft: Draft, keys: readonly string[], seen: ReadonlySet<string>, unknown: string[]): VisualSpec {
  const { paint, wheel, interior, fridge } = draft;
  return {
    paint: { color: paint.color, hex: resolveColor(paint.color, "#a9adb1"), finish: paint.finish ?? impliedFinish(paint.color, keys) },
    wheel: { design: wheel.design, inches: wheel.inches, finish: wheelFinishOf(wheel.design) },
    interior: { color: interior.color, hex: resolveColor(interior.color, "#1c1c1e"), material: interior.material },
    lights: draft.lights,
    mirrors: draft.mirrors,
    roof: draft.roof,
    roofRails: draft.roofRails,
    towbar: draft.towbar,
    spoiler: draft.spoiler,
    privacyGlass: draft.privacyGlass,
    calipers: draft.calipers,
    trim: draft.trim,
    lowering: draft.lowering,
    ambientLighting: draft.ambientLighting,
    fridge: {
      doors: fridge.doors,
      finish: fridgeFinish(fridge.finishName ?? "stainless"),
      iceMaker: fridge.iceMaker,
      smartDisplay: fridge.smartDisplay,
      widthScale: fridge.widthScale,
    },
    keys: seen,
    unknown,
  };
}

/** Turns the visual keys of the chosen values into what the scene draws. */
export function parseVisualKeys(keys: readonly string[]): VisualSpec {
  const draft = emptyDraft();
  const seen = new Set<string>();
  const unknown: string[] = [];
  for (const raw of keys) {
    if (typeof raw !== "string") continue;
    const key = normalizeKey(raw);
    if (!key) continue;
    seen.add(key);
    const [family, ...args] = key.split(":");
    const parse = KEY_PARSERS.get(family);
    if (!parse?.(draft, args)) unknown.push(raw);
  }
  return toSpec(draft, keys, seen, unknown);
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
