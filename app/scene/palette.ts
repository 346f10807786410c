/**
 * Color names used in visual keys → sRGB hex. Pure data, shared by the 3D
 * scene and the SVG placeholder (so the still picture already shows the
 * chosen paint before three.js loads).
 *
 * Catalog authors write names like "tango-red" or just "red"; a name we don't
 * know falls back to its last known word ("district-green" → green), then to
 * the caller's fallback, so an unknown color never breaks the view.
 */

const NAMED: Record<string, string> = {
  // Base words (also the fallback for compound names).
  white: "#e9ebec",
  ivory: "#ece6d6",
  cream: "#e8dfc8",
  black: "#0e0f11",
  silver: "#a9adb1",
  grey: "#6b7075",
  gray: "#6b7075",
  graphite: "#3d4145",
  anthracite: "#35383b",
  blue: "#1f3f7a",
  navy: "#18233f",
  red: "#a3121b",
  burgundy: "#5a1420",
  green: "#2f4a3a",
  brown: "#5a3b28",
  cognac: "#8a4b22",
  tan: "#a8784c",
  beige: "#c9b38f",
  sand: "#c8b48f",
  gold: "#a8884a",
  bronze: "#7c5a3a",
  orange: "#c4521a",
  yellow: "#d8a91c",
  purple: "#4a2a5e",
  stainless: "#c4c8cb",
  steel: "#8f9498",
  titanium: "#7b7e80",
  copper: "#9a5a3a",
  champagne: "#b9a88a",
  // Names modelled on a premium sedan's color card.
  "glacier-white": "#eef0f0",
  "ibis-white": "#f2f2ee",
  "mythos-black": "#0c0d10",
  "brilliant-black": "#08090b",
  "floret-silver": "#b4b8bc",
  "florett-silver": "#b4b8bc",
  "manhattan-grey": "#5b5f63",
  "manhattan-gray": "#5b5f63",
  "daytona-grey": "#4a4d50",
  "daytona-gray": "#4a4d50",
  "chronos-grey": "#8c9094",
  "vesuvius-grey": "#5e6163",
  "navarra-blue": "#1b3468",
  "firmament-blue": "#1d2738",
  "ultra-blue": "#1a4fa0",
  "tango-red": "#9e0f18",
  "matador-red": "#8a0d16",
  "district-green": "#33463a",
  "chili-red": "#b0141c",
  "ascari-blue": "#14428c",
  "terra-grey": "#6f6a64",
  "okapi-brown": "#4e3a2c",
  "sarder-brown": "#4a3126",
  "atlas-beige": "#c2ae8c",
  "rock-grey": "#5d6064",
  "rotor-grey": "#666a6e",
  "black-steel": "#3c3f43",
  "black-stainless": "#3c3f43",
  "matte-black": "#1a1b1d",
  "pure-white": "#f1f2f0",
  "snow-white": "#f0f1f0",
  "champagne-glass": "#8c7d66",
};

/** Normalizes a color word from a visual key: lower case, spaces and underscores as hyphens. */
function normalize(name: string): string {
  return name.trim().toLowerCase().replace(/[\s_]+/g, "-");
}

/** The hex for a color name, or undefined when nothing in it is a known color. */
export function lookupColor(name: string): string | undefined {
  const n = normalize(name);
  if (/^#[0-9a-f]{6}$/.test(n)) return n;
  if (/^[0-9a-f]{6}$/.test(n)) return `#${n}`;
  // Own names only: "constructor" or "__proto__" in a catalog's key would read Object.prototype's.
  if (Object.hasOwn(NAMED, n)) return NAMED[n];
  // "district-green", "deep-blue-pearl": the last word we know decides.
  const words = n.split("-");
  for (let i = words.length - 1; i >= 0; i--) {
    if (Object.hasOwn(NAMED, words[i]!)) return NAMED[words[i]!];
  }
  return undefined;
}

export function resolveColor(name: string | undefined, fallback: string): string {
  return (name && lookupColor(name)) ?? fallback;
}
