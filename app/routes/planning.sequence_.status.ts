/**
 * /planning/sequence/status?line=…&day=…: how far the running optimisation of
 * a line's day has got (elapsed and budget, the best figures so far), polled
 * by the page's progress bar. JSON; null when nothing runs.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/.server/auth/auth.server";
import { runStatus } from "~/.server/sequencing/sequence.server";
import { firstIssue, paramsObject } from "~/domain/forms/planning";
import { sequenceParamsSchema } from "~/domain/forms/sequence";

/** Said in English: a program polls this, not a person reading the page. */
const PROBLEMS: Record<string, string> = {
  line: "line must be a product line code",
  day: "day must be a date as YYYY-MM-DD",
};

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "queue.manage");
  const parsed = sequenceParamsSchema.safeParse(paramsObject(new URL(request.url).searchParams));
  // A Response, not data(): the page polls it with a plain fetch (see there), which reads JSON.
  if (!parsed.success) return Response.json({ error: PROBLEMS[firstIssue(parsed.error).field] ?? PROBLEMS.line }, { status: 400 });
  if (!parsed.data.line || !parsed.data.day) return Response.json({ error: "line and day are required" }, { status: 400 });
  const status = runStatus(parsed.data.line, parsed.data.day);
  return Response.json(status && { ...status, elapsedMs: Date.now() - status.startedAt }, { headers: { "Cache-Control": "no-store" } });
}
