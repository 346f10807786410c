/**
 * The delivery-estimate query (GET /api/v1/delivery-estimate?line=…&c=A,B,C):
 * the configurator's address format for choices (`c`, comma-separated), so
 * the configurator can ask with what it already has. Shape and bounds only;
 * whether the codes exist is the server's question.
 */
import { z } from "zod";
import { codeSchema, LIMITS } from "./configuration";

export const deliveryQuerySchema = z.object({
  line: codeSchema,
  c: z.array(codeSchema).max(LIMITS.choices),
});
export type DeliveryQuery = z.infer<typeof deliveryQuerySchema>;

/** The query's raw values, ready for the schema (an absent `line` stays absent so the error says it's missing). */
export function deliveryQueryInput(search: URLSearchParams): { line?: string; c: string[] } {
  const line = search.get("line");
  const c = (search.get("c") ?? "")
    .split(",")
    .map((code) => code.trim())
    .filter((code) => code !== "");
  return { ...(line === null ? {} : { line }), c };
}

/** The address the configurator asks. */
export function deliveryEstimateHref(line: string, choices: readonly string[]): string {
  const params = new URLSearchParams({ line });
  if (choices.length > 0) params.set("c", choices.join(","));
  return `/api/v1/delivery-estimate?${params}`;
}
