/**
 * GET /api/v1/delivery-estimate with real Requests against the process's
 * seeded database: the answer's shape, the tier by who asks, and bad
 * parameters answered with a 400 in the API's error shape.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sessionCookie, useSeededProcessDb, userId, type ProcessDb } from "~/.server/configurations/configurations.testing";
import { addDays, dayOf, TRANSIT_DAYS } from "~/domain/orders";
import { earliestBuildDay } from "~/domain/scheduling";
import { workingDay } from "~/.server/planning/planning.testing";
import { deliveryEstimateHref } from "~/domain/forms/delivery";
import { action, loader } from "./api.v1.delivery-estimate";

let pdb: ProcessDb;
let claraCookie: string;
let plannerCookie: string;

beforeAll(async () => {
  pdb = await useSeededProcessDb();
  claraCookie = await sessionCookie(pdb.db, await userId(pdb.db, "customer@atelier.test"));
  plannerCookie = await sessionCookie(pdb.db, await userId(pdb.db, "planner@atelier.test"));
});

afterAll(async () => {
  await pdb?.close();
});

const get = async (path: string, cookie?: string) => {
  const response = await loader({ request: new Request(`http://localhost${path}`, { headers: cookie ? { Cookie: cookie } : {} }), params: {}, context: {} });
  return { status: response.status, body: (await response.json()) as Record<string, unknown>, response };
};

describe("GET /api/v1/delivery-estimate", () => {
  it("answers the estimated build and delivery day with the lead time and tier", async () => {
    const { status, body, response } = await get(deliveryEstimateHref("sedan-a6l", ["55E"]));
    expect(status).toBe(200);
    expect(response.headers.get("Cache-Control")).toBe("no-store");
    // The first working day of the line (decision 024) on or after the lead time.
    const build = await workingDay(pdb.db, "sedan-a6l", earliestBuildDay(dayOf(new Date()), 28));
    expect(body).toEqual({ estimate: { line: "sedan-a6l", leadTimeDays: 28, tier: "standard", buildDay: build, deliveryDay: addDays(build, TRANSIT_DAYS) } });
  });

  it("uses a signed-in customer's tier, and standard for staff", async () => {
    expect((await get("/api/v1/delivery-estimate?line=sedan-a6l", claraCookie)).body).toMatchObject({ estimate: { tier: "gold" } });
    expect((await get("/api/v1/delivery-estimate?line=sedan-a6l", plannerCookie)).body).toMatchObject({ estimate: { tier: "standard" } });
  });

  it("answers bad parameters with a 400 naming the problem", async () => {
    expect(await get("/api/v1/delivery-estimate")).toMatchObject({ status: 400, body: { error: { code: "missing-field", path: "line" } } });
    expect(await get("/api/v1/delivery-estimate?line=no-such-line")).toMatchObject({ status: 400, body: { error: { code: "unknown-line" } } });
    expect(await get("/api/v1/delivery-estimate?line=sedan-a6l&c=55E,NOPE")).toMatchObject({ status: 400, body: { error: { code: "unknown-code" } } });
    expect(await get("/api/v1/delivery-estimate?line=sedan-a6l&c=55E,55E")).toMatchObject({ status: 400, body: { error: { code: "duplicate-code" } } });
    expect(await get("/api/v1/delivery-estimate?line=sedan%20a6l")).toMatchObject({ status: 400, body: { error: { code: "invalid-value", path: "line" } } });
    const many = Array.from({ length: 501 }, (_, i) => `X${i}`).join(",");
    expect(await get(`/api/v1/delivery-estimate?line=sedan-a6l&c=${many}`)).toMatchObject({ status: 400, body: { error: { path: "c" } } });
  });

  it("refuses other methods with 405", async () => {
    const response = await action();
    expect(response.status).toBe(405);
    expect(response.headers.get("Allow")).toBe("GET");
  });
});
