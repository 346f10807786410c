/**
 * Where the picture of a configuration is served: `/picture/<line>.png` with
 * the chosen values' visual keys (decision 050). Pure (no three.js), so pages
 * and the server build the same address; the address is the cache key, so
 * the keys are sorted and deduplicated.
 */

/** Bumped when the picture's look changes: addresses with the current version are cached as immutable. */
export const PICTURE_VERSION = "2";
export const PICTURE_WIDTHS = [320, 480, 640, 960, 1280] as const;
export type PictureWidth = (typeof PICTURE_WIDTHS)[number];
export const DEFAULT_PICTURE_WIDTH: PictureWidth = 960;

/** Pictures are 16:9, whatever the product. */
export function pictureHeight(width: number): number {
  return Math.round((width * 9) / 16);
}

/** The keys as the address carries them: trimmed, without blanks or repeats, sorted. */
export function canonicalKeys(keys: readonly string[]): string[] {
  return [...new Set(keys.map((k) => k.trim()).filter((k) => k.length > 0))].sort();
}

/**
 * `model`: the 3D model the line is drawn with (its `visualModel`, else its
 * code). The address is cached as immutable only with it: a later catalog
 * version may draw the line with another model, and the address must change
 * with the picture.
 */
export function picturePath(line: string, keys: readonly string[], options: { view?: "front" | "side" | "rear"; width?: PictureWidth; model?: string } = {}): string {
  const query = new URLSearchParams();
  for (const k of canonicalKeys(keys)) query.append("k", k);
  if (options.view && options.view !== "front") query.set("view", options.view);
  if (options.width && options.width !== DEFAULT_PICTURE_WIDTH) query.set("w", String(options.width));
  if (options.model) query.set("m", options.model);
  query.set("v", PICTURE_VERSION);
  return `/picture/${encodeURIComponent(line)}.png?${query}`;
}

/** A `srcset` of the picture at the given widths. */
export function pictureSrcSet(line: string, keys: readonly string[], widths: readonly PictureWidth[], view?: "front" | "side" | "rear", model?: string): string {
  return widths.map((width) => `${picturePath(line, keys, { view, width, model })} ${width}w`).join(", ");
}
