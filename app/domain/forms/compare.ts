/** Which saved configurations to compare: two or three distinct ids (`?id=…&id=…`). */
import { z } from "zod";

export const COMPARE_MIN = 2;
export const COMPARE_MAX = 3;

export const compareQuerySchema = z
  .array(z.string().uuid("compare.invalid"))
  .min(COMPARE_MIN, "compare.count")
  .max(COMPARE_MAX, "compare.count")
  .refine((ids) => new Set(ids).size === ids.length, "compare.count");
