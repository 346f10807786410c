/**
 * GET /api/v1/openapi.json: the API described for machines (OpenAPI 3.1,
 * generated from the routes' zod schemas; docs/api.md, decision 042), so
 * integrators can generate clients and fuzzers can be driven from it.
 */
import { api, json, methodNotAllowed } from "~/.server/api/api.server";
import { openApiDocument } from "~/.server/api/openapi.server";

export const loader = api(async () => json(openApiDocument(), { headers: { "Cache-Control": "public, max-age=300" } }));

export const action = api(methodNotAllowed("GET"));
