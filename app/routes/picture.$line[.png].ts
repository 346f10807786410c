/**
 * /picture/<line>.png?k=<visual key>&k=…[&view=side][&w=480][&m=sedan][&v=2]: the
 * picture of a configuration of a product line, drawn from the 3D view's
 * model on the server (decision 050). Public: a picture made from a line's
 * visual keys shows nothing personal, so no session is read and shared caches
 * may keep it.
 *
 * Only the line's own visual keys are drawn (the active catalog's, or an
 * earlier version's, so an older order or quote keeps its picture): anything
 * else is a 400, so nobody can make the server draw (and cache) arbitrary
 * shapes. A line no longer in the catalog is drawn as the newest version
 * that had it held it (its orders, quotes and saved configurations keep their
 * picture); a line no version ever had is a 404. Addresses carrying the current picture
 * version (`v`) and the model the line is drawn with (`m`, see picturePath)
 * are immutable; others are revalidated hourly by ETag.
 */
import { type LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { getLine, lineInEveryVersion } from "~/.server/catalog/catalog.server";
import type { ProductLine } from "~/domain/catalog";
import { getProductPicture, PictureBusyError } from "~/.server/picture/picture.server";
import { canonicalKeys, DEFAULT_PICTURE_WIDTH, PICTURE_VERSION, PICTURE_WIDTHS } from "~/scene/picture-url";
import { PICTURE_VIEWS } from "~/scene/picture/render-picture";

/** Most keys in one address. */
const MAX_KEYS = 512;

const querySchema = z.object({
  // As many keys as a configuration may show (a line's 'multiple' features can hold dozens of visible options):
  // each must be the line's own, so the bound only stops absurd lists; the address's length is bounded by the
  // server's header size anyway (431 past it).
  k: z.array(z.string().min(1).max(100)).max(MAX_KEYS),
  view: z.enum(PICTURE_VIEWS).default("front"),
  w: z.coerce
    .number()
    .refine((w) => (PICTURE_WIDTHS as readonly number[]).includes(w), { message: `w must be one of ${PICTURE_WIDTHS.join(", ")}` })
    .default(DEFAULT_PICTURE_WIDTH),
  m: z.string().max(64).optional(),
  v: z.string().max(16).optional(),
});

/** Every visual key of a line's values, as addresses carry them. */
function visualKeysOfLine(line: ProductLine): string[] {
  return canonicalKeys(line.features.flatMap((f) => (f.kind === "text" ? [] : f.values.flatMap((v) => v.visualKey ?? []))));
}

function text(status: number, message: string, headers: Record<string, string> = {}): Response {
  return new Response(message, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", ...headers } });
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const code = params.line ?? "";
  // Any code a catalog may give a line (letters, digits, '_', '.', '-'; see the catalog schema): never a path.
  if (!/^[A-Za-z0-9_.-]{1,64}$/.test(code)) return text(404, "No such product line.");
  const url = new URL(request.url);
  const query = querySchema.safeParse({
    k: url.searchParams.getAll("k"),
    view: url.searchParams.get("view") ?? undefined,
    w: url.searchParams.get("w") ?? undefined,
    m: url.searchParams.get("m") ?? undefined,
    v: url.searchParams.get("v") ?? undefined,
  });
  if (!query.success) return text(400, query.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("\n"));
  // The active version's line; else the line as the newest version that had it, so orders, quotes and saved
  // configurations of a line since withdrawn keep their picture (and keys of earlier versions, for the same reason).
  let history: ProductLine[] | null = null;
  const everyVersion = async () => (history ??= await lineInEveryVersion(code));
  const line = (await getLine(code))?.line ?? (await everyVersion())[0];
  if (!line) return text(404, "No such product line.");
  const keys = canonicalKeys(query.data.k);
  // The line's keys as addresses carry them (canonicalKeys trims): a catalog key " spoiler " is asked for as "spoiler".
  const lineKeys = new Set(visualKeysOfLine(line));
  let foreign = keys.filter((k) => !lineKeys.has(k));
  if (foreign.length > 0) {
    const everKeys = new Set((await everyVersion()).flatMap(visualKeysOfLine));
    foreign = foreign.filter((k) => !everKeys.has(k));
  }
  if (foreign.length > 0) return text(400, `Not a visual key of ${line.code}: ${foreign.slice(0, 5).join(", ").slice(0, 300)}`);

  const model = line.visualModel ?? line.code;
  let picture;
  try {
    picture = await getProductPicture({ model, keys, view: query.data.view, width: query.data.w });
  } catch (error) {
    if (error instanceof PictureBusyError) return text(503, error.message, { "Retry-After": "2" });
    throw error;
  }
  const headers = {
    "Content-Type": "image/png",
    // Immutable only when the address names everything the picture depends on: the picture's version and the model it
    // is drawn with (a later catalog version may give the line another model; a page from before asks with the old one).
    "Cache-Control": query.data.v === PICTURE_VERSION && query.data.m === model ? "public, max-age=31536000, immutable" : "public, max-age=3600",
    ETag: picture.etag,
    "X-Picture-Cache": picture.cached ? "hit" : "miss",
  };
  if (request.headers.get("If-None-Match") === picture.etag) return new Response(null, { status: 304, headers });
  return new Response(picture.png, { headers: { ...headers, "Content-Length": String(picture.png.byteLength) } });
}
