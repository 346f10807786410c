/**
 * A new catalog version is published and the demo version retired: shared and
 * saved configurations of the old version keep opening, say which choices no
 * longer exist or no longer fit, and offer the nearest valid configuration in
 * the active version — in the repository, the API and the pages alike.
 * (Its own file: retiring the demo version changes the database for every later test.)
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "#db/client";
import { complete, validate } from "~/domain/engine";
import { loader as accountLoader } from "./account.configurations";
import { action as configureAction } from "./api.v1.configure";
import { loader as linesLoader } from "./api.v1.lines";
import { loader as sharedApiLoader } from "./api.v1.share.$code";
import { loader as sharePageLoader } from "./share.$code";
import { loader as configureLoader } from "./configure.$line._index";
import { createActor } from "xstate";
import { brokenRules } from "~/domain/configuration-view";
import { configuratorMachine } from "~/domain/configurator.machine";
import { getActiveVersion, getLine } from "~/.server/catalog/catalog.server";
import { createShareCode, getSharedConfiguration, saveConfiguration } from "~/.server/configurations/configurations.server";
import { publishSuccessor, sessionCookie, useSeededProcessDb, userId, type ProcessDb } from "~/.server/configurations/configurations.testing";

let pdb: ProcessDb;
let db: Db;
let clara: string;
let sedanCode: string;
let fridgeCode: string;
let savedId: string;

const SEDAN = "sedan-a6l";
const OLD = "demo-2026.1";
const NEW = "demo-2027.1";
/** S line, front-wheel 45 TFSI, 19-inch wheels, sport seats, roof rails, parking package, inscription. */
const CHOICES = ["PQD", "45F", "C3U", "N5D-AF", "3S1", "WQS", "VT7"];

beforeAll(async () => {
  pdb = await useSeededProcessDb();
  db = pdb.db;
  clara = await userId(db, "customer@atelier.test");

  const sedan = await createShareCode(db, { line: SEDAN, choices: CHOICES, texts: { inscription: "ANNA" } });
  const fridge = await createShareCode(db, { line: "fridge-fs", choices: ["S75", "WIF"], texts: {} });
  const saved = await saveConfiguration(db, clara, { line: SEDAN, choices: CHOICES, texts: { inscription: "FOR ANNA" }, name: "Old model year" });
  if (!sedan.ok || !fridge.ok || !saved.ok) throw new Error("setup: the configurations must be valid in the demo catalog");
  sedanCode = sedan.value.code;
  fridgeCode = fridge.value.code;
  savedId = saved.value.id;

  // The next model year: the 45 TFSI front-wheel engine and the roof rails are gone, the black
  // sport seats no longer come with 19-inch wheels, inscriptions are shorter, and the refrigerator moved out.
  await publishSuccessor(db, NEW, (catalog) => {
    catalog.productLines = catalog.productLines.filter((l) => l.code !== "fridge-fs");
    const line = catalog.productLines.find((l) => l.code === SEDAN)!;
    for (const f of line.features) {
      if (f.kind === "text") f.maxLength = 6;
      else f.values = f.values.filter((v) => v.code !== "45F" && v.code !== "3S1");
    }
    line.rules.push({ kind: "excludes", id: "R-NEW-SEATS", values: ["C3U", "N5D-AF"], description: { en: "The black sport seats now need 20-inch wheels or larger." } });
  });
});

afterAll(async () => {
  await pdb?.close();
});

type Args = { request: Request; params: Record<string, string>; context: Record<string, unknown> };
const run = (fn: unknown, request: Request, params: Record<string, string> = {}) =>
  (fn as (args: Args) => Promise<unknown>)({ request, params, context: {} });

/** The configurator page as a browser opens it: the loader's line and starting configuration, in a running configurator machine. */
async function openConfigurePage(search: string) {
  const data = (await run(configureLoader, new Request(`http://localhost/configure/${SEDAN}?${search}`), { line: SEDAN })) as Awaited<
    ReturnType<typeof configureLoader>
  >;
  const actor = createActor(configuratorMachine, {
    input: { line: data.line, catalogVersion: data.version.id, market: "DE", choices: data.initial.choices, texts: data.initial.texts },
  });
  actor.start();
  return { data, actor };
}

describe("after the demo version is retired", () => {
  it("opens the old version's choices in the configurator with the unknown codes and the broken rule named, and the nearest valid configuration one click away", async () => {
    // What an order change, a quote or a saved configuration of the old version brings to the configurator: its own choices.
    const { data, actor } = await openConfigurePage(`c=${CHOICES.join(",")}&t.inscription=ANNA`);
    expect(data.version.id).toBe(NEW);
    const context = actor.getSnapshot().context;
    expect(context.dropped).toEqual(["45F", "3S1"]);
    expect(context.engine.repair?.dropped.map((d) => d.code)).toEqual(["N5D-AF"]);
    expect(brokenRules(data.line, context.engine.repair!.dropped, "en")).toEqual(["The black sport seats now need 20-inch wheels or larger."]);
    actor.send({ type: "REPAIR" });
    const repaired = actor.getSnapshot().context;
    expect(repaired.choices.slice(0, 4)).toEqual(["PQD", "C3U", "WQS", "VT7"]);
    expect(repaired.texts).toEqual({ inscription: "ANNA" });
    expect(repaired.engine.complete).toBe(true);
  });

  it("opens the link of issue 11 with its broken rule and text named, and repairs it to a configuration that can be reviewed", async () => {
    const { actor } = await openConfigurePage("c=PQD,45Q,Y1Y1,C3U,N5W-AF,1BE,PCZ,PW1,GONE9&t.inscription=ERIKA");
    const { engine, dropped } = actor.getSnapshot().context;
    expect(dropped).toEqual(["GONE9"]);
    expect(engine.repair?.dropped.map((d) => d.code)).toEqual(["N5W-AF"]);
    expect(engine.repair?.droppedTexts).toEqual([{ field: "inscription", problem: "text-not-allowed" }]);
    actor.send({ type: "REPAIR" });
    actor.send({ type: "REVIEW" });
    expect(actor.getSnapshot().matches("reviewing")).toBe(true);
  });

  it("serves the new version as the active one", async () => {
    expect((await getActiveVersion({ db }))?.id).toBe(NEW);
    const response = (await run(linesLoader, new Request("http://localhost/api/v1/lines"))) as Response;
    const body = await response.json();
    expect(body.version.id).toBe(NEW);
    expect(body.lines.map((l: { code: string }) => l.code)).toEqual(["sedan-a6l", "avant-a6"]);
  });

  it("reports missing and conflicting choices and the nearest valid configuration", async () => {
    const shared = await getSharedConfiguration(db, sedanCode);
    expect(shared?.version).toMatchObject({ id: OLD, status: "retired" });
    expect(shared?.choices).toEqual(CHOICES); // the snapshot itself never changes
    const r = shared!.reconciliation!;
    expect(r.version.id).toBe(NEW);
    expect(r.lineAvailable).toBe(true);
    expect(r.missing).toEqual(["45F", "3S1"]);
    expect(r.dropped).toEqual([{ code: "N5D-AF", reason: { choices: ["C3U"], rules: ["R-NEW-SEATS"] } }]);
    expect(r.choices).toEqual(["PQD", "C3U", "WQS", "VT7"]);
    expect(r.texts).toEqual({ inscription: "ANNA" });
    expect(r.missingTexts).toEqual([]);

    // The nearest configuration really is valid in the new version: known codes, and buildable.
    const loaded = (await getLine(SEDAN, undefined, { db }))!;
    expect(loaded.version.id).toBe(NEW);
    const problems = validate(loaded.line, { line: SEDAN, choices: r.choices, texts: r.texts });
    expect(problems.filter((p) => p.code === "unknown-code" || p.code === "text-invalid" || p.code === "text-not-allowed")).toEqual([]);
    expect(complete(loaded.compiled, { choices: r.choices })).not.toBeNull();
  });

  it("says when the product line itself is gone", async () => {
    const r = (await getSharedConfiguration(db, fridgeCode))!.reconciliation!;
    expect(r).toMatchObject({ lineAvailable: false, missing: ["S75", "WIF"], choices: [] });
  });

  it("answers the API with the snapshot, its retired version and the nearest configuration", async () => {
    const response = (await run(sharedApiLoader, new Request(`http://localhost/api/v1/share/${sedanCode}?market=DE&lang=en`), { code: sedanCode })) as Response;
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({ current: false, configureUrl: null, version: { id: OLD, status: "retired" } });
    expect(body.choices.map((c: { code: string }) => c.code)).toEqual(CHOICES);
    expect(body.price.currency).toBe("EUR");
    expect(body.nearest).toMatchObject({
      version: { id: NEW },
      missing: ["45F", "3S1"],
      dropped: [{ code: "N5D-AF", reason: { choices: ["C3U"], rules: ["R-NEW-SEATS"] } }],
      configureUrl: "/configure/sedan-a6l?c=PQD%2CC3U%2CWQS%2CVT7&t.inscription=ANNA",
    });
  });

  it("shows it on the share page with the old names of what is gone", async () => {
    const data = (await run(sharePageLoader, new Request(`http://localhost/share/${sedanCode}`), { code: sedanCode })) as Awaited<
      ReturnType<typeof sharePageLoader>
    >;
    const { view } = data;
    expect(view.current).toBe(false);
    expect(view.configureUrl).toBeNull();
    expect(view.nearest?.missing).toEqual([
      { code: "45F", name: "45 TFSI (2.0 l, 180 kW), front-wheel drive" },
      { code: "3S1", name: "Roof rails, aluminium" },
    ]);
    expect(view.nearest?.dropped.map((d) => d.code)).toEqual(["N5D-AF"]);
    expect(view.nearest?.configureUrl).toMatch(/^\/configure\/sedan-a6l\?c=PQD%2CC3U%2CWQS%2CVT7/);
  });

  it("opens a saved configuration of the old version as its nearest configuration, dropping a text that no longer fits", async () => {
    const cookie = await sessionCookie(db, clara);
    const data = (await run(accountLoader, new Request("http://localhost/account/configurations", { headers: { Cookie: cookie } }))) as Awaited<
      ReturnType<typeof accountLoader>
    >;
    const item = data.items.find((i) => i.id === savedId)!;
    expect(item.version).toMatchObject({ id: OLD, status: "retired" });
    expect(item.nearest?.missingTexts.map((m) => m.code)).toEqual(["inscription"]);
    expect(item.openUrl).toBe("/configure/sedan-a6l?c=PQD%2CC3U%2CWQS%2CVT7");
  });

  it("still answers the engine for the retired version when asked by name, but saves only with a current one", async () => {
    const request = new Request("http://localhost/api/v1/configure", {
      method: "POST",
      body: JSON.stringify({ line: SEDAN, version: OLD, choices: ["45F"] }),
      headers: { "Content-Type": "application/json" },
    });
    const response = (await run(configureAction, request)) as Response;
    expect(response.status).toBe(200);
    expect((await response.json()).version).toMatchObject({ id: OLD, status: "retired" });

    const refused = await saveConfiguration(db, clara, { line: SEDAN, version: OLD, choices: ["45F"], texts: {}, name: "x" });
    expect(refused.ok ? null : refused.problem).toMatchObject({ code: "retired-version", status: 400 });
    const unknown = await saveConfiguration(db, clara, { line: SEDAN, choices: ["45F"], texts: {}, name: "x" });
    expect(unknown.ok ? null : unknown.problem).toMatchObject({ code: "unknown-code", path: "choices.0" });
  });
});
