/**
 * Recently viewed: the product lines and shared configurations a person opened
 * lately, newest first, each once, at most RECENT_LIMIT. The same rules serve
 * the server (signed-in customers, a table) and the browser (visitors,
 * localStorage), and merge the two at sign-in.
 */
import { z } from "zod";

/** How many recent views are kept per person. */
export const RECENT_LIMIT = 12;

/** A product line opened in the configurator, or a configuration opened by its share code. */
export const RECENT_KINDS = ["line", "share"] as const;
export type RecentKind = (typeof RECENT_KINDS)[number];

export const recentItemSchema = z.object({
  kind: z.enum(RECENT_KINDS),
  /** The line's code, or the share code. */
  ref: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9_.-]+$/),
  /** The product line, so a share code can be named and pictured without opening it. */
  line: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9_.-]+$/),
  /** When it was viewed (ISO 8601). */
  at: z.string().datetime(),
});
export type RecentItem = z.infer<typeof recentItemSchema>;

/** What the browser posts at sign-in: its own list, no longer than a list can be. */
export const recentListSchema = z.array(recentItemSchema).max(RECENT_LIMIT);

/** The key of an item: one entry per kind and reference. */
export const recentKey = (item: Pick<RecentItem, "kind" | "ref">) => `${item.kind}:${item.ref}`;

/** Both lists as one: each item once (its latest view), newest first, capped. */
export function mergeRecent(...lists: readonly (readonly RecentItem[])[]): RecentItem[] {
  const latest = new Map<string, RecentItem>();
  for (const item of lists.flat()) {
    const seen = latest.get(recentKey(item));
    if (!seen || Date.parse(item.at) > Date.parse(seen.at)) latest.set(recentKey(item), item);
  }
  return [...latest.values()].sort((a, b) => Date.parse(b.at) - Date.parse(a.at)).slice(0, RECENT_LIMIT);
}

/** Where an item opens. */
export function recentHref(item: Pick<RecentItem, "kind" | "ref">): string {
  return item.kind === "line" ? `/configure/${encodeURIComponent(item.ref)}` : `/share/${encodeURIComponent(item.ref)}`;
}

/** Reads a stored list, dropping whatever doesn't parse (an old or tampered localStorage value). */
export function parseRecent(raw: unknown): RecentItem[] {
  if (!Array.isArray(raw)) return [];
  return mergeRecent(raw.flatMap((x) => (recentItemSchema.safeParse(x).success ? [x as RecentItem] : [])));
}
