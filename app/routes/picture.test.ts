/**
 * /picture/<line>.png against the seeded demo catalog: a PNG with cache
 * headers, a cached second answer, 304 on a matching ETag, and 4xx (never
 * 500) for a bad line, foreign keys or malformed parameters.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decode } from "fast-png";
import { getActiveVersion, getCatalog } from "~/.server/catalog/catalog.server";
import { publishCatalogVersion } from "~/.server/catalog/publish.server";
import { createDraft } from "~/.server/catalog/versions.server";
import { useSeededProcessDb, type ProcessDb } from "~/.server/configurations/configurations.testing";
import { visualKeysOf } from "~/domain/configuration-view";
import { picturePath } from "~/scene/picture-url";
import { loader } from "./picture.$line[.png]";

let pdb: ProcessDb;
beforeAll(async () => {
  pdb = await useSeededProcessDb();
}, 180_000);
afterAll(async () => {
  await pdb?.close();
});

const call = (path: string, headers: Record<string, string> = {}) => {
  const url = new URL(path, "http://localhost");
  const line = decodeURIComponent(url.pathname.replace(/^\/picture\//, "").replace(/\.png$/, ""));
  return loader({ request: new Request(url, { headers }), params: { line }, context: {} });
};

describe("/picture/<line>.png", () => {
  it("draws a configuration as a PNG, caches it and answers 304 to its ETag", async () => {
    const path = picturePath("fridge-fs", ["finish:snow-white", "doors:french", "dispenser"], { width: 320, model: "fridge" });
    const first = await call(path);
    expect(first.status).toBe(200);
    expect(first.headers.get("Content-Type")).toBe("image/png");
    expect(first.headers.get("Cache-Control")).toBe("public, max-age=31536000, immutable");
    expect(first.headers.get("X-Picture-Cache")).toBe("miss");
    const etag = first.headers.get("ETag")!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    const png = decode(new Uint8Array(await first.arrayBuffer()));
    expect([png.width, png.height, png.channels]).toEqual([320, 180, 4]);

    const again = await call(path);
    expect(again.headers.get("X-Picture-Cache")).toBe("hit");
    expect(again.headers.get("ETag")).toBe(etag);
    const notModified = await call(path, { "If-None-Match": etag });
    expect(notModified.status).toBe(304);
    expect(await notModified.text()).toBe("");
  }, 60_000);

  it("is immutable only when the address names the model the line is drawn with (a later catalog may change it)", async () => {
    const keys = ["finish:snow-white", "doors:french"];
    const named = await call(picturePath("fridge-fs", keys, { width: 320, model: "fridge" }));
    expect(named.headers.get("Cache-Control")).toBe("public, max-age=31536000, immutable");
    // A page from before a model change asks with the old model, or none: the current picture, revalidated by ETag.
    for (const model of ["sedan", undefined]) {
      const other = await call(picturePath("fridge-fs", keys, { width: 320, model }));
      expect(other.status).toBe(200);
      expect(other.headers.get("Cache-Control")).toBe("public, max-age=3600");
      expect(other.headers.get("ETag")).toBe(named.headers.get("ETag"));
    }
  }, 60_000);

  it("revalidates an address without the current picture version hourly", async () => {
    const response = await call("/picture/fridge-fs.png?k=finish:snow-white&w=320");
    expect(response.status).toBe(200);
    expect(response.headers.get("Cache-Control")).toBe("public, max-age=3600");
  }, 60_000);

  it.each([
    ["an unknown line", "/picture/no-such-line.png", 404],
    ["a malformed line", "/picture/..%2Fetc.png", 404],
    ["a key of another line", "/picture/fridge-fs.png?k=paint:tango-red:metallic", 400],
    ["a made-up key", "/picture/sedan-a6l.png?k=wheel:99-spoke:22", 400],
    ["an unknown view", "/picture/sedan-a6l.png?view=top", 400],
    ["a width not offered", "/picture/sedan-a6l.png?w=5000", 400],
    ["a width that is no number", "/picture/sedan-a6l.png?w=big", 400],
    ["a key too long", `/picture/sedan-a6l.png?k=${"x".repeat(101)}`, 400],
    ["too many keys", `/picture/sedan-a6l.png?${Array.from({ length: 513 }, (_, i) => `k=k${i}`).join("&")}`, 400],
  ])("answers %s with a 4xx", async (_name, path, status) => {
    const response = await call(path);
    expect(response.status).toBe(status);
    expect(response.headers.get("Content-Type")).toMatch(/^text\/plain/);
  });

  it("still draws a key that only an earlier catalog version has: an older order or quote keeps its picture", async () => {
    const active = (await getActiveVersion({ db: pdb.db }))!;
    const catalog = structuredClone(await getCatalog(active, { db: pdb.db }));
    const fridge = catalog.productLines.find((l) => l.code === "fridge-fs")!;
    const white = fridge.features.flatMap((f) => (f.kind === "text" ? [] : f.values)).find((v) => v.visualKey === "finish:snow-white")!;
    white.visualKey = "finish:polar-white";
    const draft = await createDraft(pdb.db, { actorId: null, catalog, label: "renamed finish", idBase: "picture-test" });
    if (!draft.ok) throw new Error(draft.problem.message);
    await pdb.db.transaction((tx) => publishCatalogVersion(tx, draft.value.id, new Date(Date.now() + 1000)));
    expect((await getActiveVersion({ db: pdb.db }))!.id).toBe(draft.value.id);

    for (const key of ["finish:snow-white", "finish:polar-white"]) expect((await call(`/picture/fridge-fs.png?k=${key}&w=320`)).status, key).toBe(200);
    expect((await call("/picture/fridge-fs.png?k=finish:never-sold&w=320")).status).toBe(400);
  }, 60_000);
  it("draws the lines of another catalog: any line code, an unknown or no visual model, keys with spaces or odd characters, values without keys", async () => {
    const active = (await getActiveVersion({ db: pdb.db }))!;
    const catalog = structuredClone(await getCatalog(active, { db: pdb.db }));
    const fridge = catalog.productLines.find((l) => l.code === "fridge-fs")!;
    const sedan = catalog.productLines.find((l) => l.code === "sedan-a6l")!;
    // Codes the catalog schema allows but a stricter address check refused ('.', a leading '_').
    const odd = { ...structuredClone(fridge), code: "_cold.box-2", visualModel: "hovercraft" };
    const values = odd.features.flatMap((f) => (f.kind === "text" ? [] : f.values));
    values[0]!.visualKey = `  ${values[0]!.visualKey}  `;
    values[1]!.visualKey = `wing:<b>&"é ü/?#+%'`;
    delete values[2]!.visualKey;
    const plain = { ...structuredClone(sedan), code: "saloon.v2" };
    delete plain.visualModel;
    catalog.productLines.push(odd, plain);
    const draft = await createDraft(pdb.db, { actorId: null, catalog, label: "another catalog", idBase: "picture-odd" });
    if (!draft.ok) throw new Error(draft.problem.message);
    await pdb.db.transaction((tx) => publishCatalogVersion(tx, draft.value.id, new Date(Date.now() + 2000)));

    for (const line of [odd, plain]) {
      const choices = [values[0]!.code, values[1]!.code, values[2]!.code];
      // The address every page builds: the chosen values' keys, as the configuration's picture.
      const keys = line === odd ? visualKeysOf(line, choices) : [];
      const allKeys = line.features.flatMap((f) => (f.kind === "text" ? [] : f.values.flatMap((v) => v.visualKey ?? [])));
      for (const path of [picturePath(line.code, keys, { width: 320 }), picturePath(line.code, allKeys.slice(0, 8), { width: 320 })]) {
        const response = await call(path);
        expect(response.status, `${path}: ${response.status === 200 ? "" : await response.text()}`).toBe(200);
        expect(decode(new Uint8Array(await response.arrayBuffer())).width).toBe(320);
      }
    }
    expect((await call(picturePath(odd.code, ["wing:<b>"], { width: 320 }))).status).toBe(400);
  }, 60_000);
  it("still draws a line withdrawn from the catalog, as the newest version that had it: its orders, quotes and saved configurations keep their picture", async () => {
    const active = (await getActiveVersion({ db: pdb.db }))!;
    const catalog = structuredClone(await getCatalog(active, { db: pdb.db }));
    const withdrawn = catalog.productLines.find((l) => l.code === "saloon.v2")!;
    const keys = withdrawn.features.flatMap((f) => (f.kind === "text" ? [] : f.values.flatMap((v) => v.visualKey ?? []))).slice(0, 4);
    expect(keys.length).toBeGreaterThan(0);
    catalog.productLines = catalog.productLines.filter((l) => l !== withdrawn);
    const draft = await createDraft(pdb.db, { actorId: null, catalog, label: "saloon withdrawn", idBase: "picture-withdrawn" });
    if (!draft.ok) throw new Error(draft.problem.message);
    await pdb.db.transaction((tx) => publishCatalogVersion(tx, draft.value.id, new Date(Date.now() + 3000)));
    expect((await getActiveVersion({ db: pdb.db }))!.id).toBe(draft.value.id);

    const response = await call(picturePath("saloon.v2", keys, { width: 320 }));
    expect(response.status, response.status === 200 ? "" : await response.text()).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("image/png");
    expect((await call(picturePath("saloon.v2", ["wheel:99-spoke:22"], { width: 320 }))).status).toBe(400);
    expect((await call(picturePath("saloon.v3", [], { width: 320 }))).status).toBe(404);
  }, 60_000);
  it("draws a configuration with many visible options: a line's own keys are never too many for its picture", async () => {
    const active = (await getActiveVersion({ db: pdb.db }))!;
    const catalog = structuredClone(await getCatalog(active, { db: pdb.db }));
    const line = structuredClone(catalog.productLines.find((l) => l.code === "fridge-fs")!);
    line.code = "fridge-many";
    const smart = line.features.find((f) => f.kind === "multiple")!;
    if (!("values" in smart)) throw new Error("a multiple feature has values");
    const template = smart.values[0]!;
    // 120 accessories, each with a key as long as catalogs give them: one configuration may show them all.
    smart.values.push(...Array.from({ length: 120 }, (_, i) => ({ ...structuredClone(template), code: `ACC${i}`, visualKey: `accessory:mounted-${i}-${"x".repeat(12)}`, modules: [] })));
    catalog.productLines.push(line);
    const draft = await createDraft(pdb.db, { actorId: null, catalog, label: "many options", idBase: "picture-many" });
    if (!draft.ok) throw new Error(draft.problem.message);
    await pdb.db.transaction((tx) => publishCatalogVersion(tx, draft.value.id, new Date(Date.now() + 4000)));

    const keys = smart.values.flatMap((v) => v.visualKey ?? []);
    expect(keys.length).toBeGreaterThan(120);
    const response = await call(picturePath("fridge-many", keys, { width: 320 }));
    expect(response.status, response.status === 200 ? "" : await response.text()).toBe(200);
  }, 60_000);
});

