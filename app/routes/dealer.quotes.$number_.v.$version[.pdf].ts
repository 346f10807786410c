/**
 * /dealer/quotes/<number>/v/<version>.pdf: the quote version as a PDF
 * (rendered by app/.server/quotes/quote-document.server.ts), for the dealer to
 * print or hand over, in the reader's language.
 *
 * Only a version that was handed to the customer prints: sending freezes it
 * and gives it the share code the PDF carries. GET never writes; for the
 * newest, unsent version it answers 409 with the reason, and the page's
 * "Send and print the PDF" button POSTs here instead: the action sends the
 * newest version (refused while its discount waits for a sales manager or
 * after a rejection: the PDF would promise a discount nobody granted) and
 * redirects (303) to the PDF. A version handed over whose discount doesn't
 * stand (sent before that rule) prints stamped as a draft, without validity.
 *
 * Another dealership's quote (or a number that doesn't exist): 403; a
 * version the quote doesn't have: 404.
 */
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { notYoursResponse, quotePdf, requireDealerQuote } from "~/.server/quotes/quote-document.server";
import { sendQuote, type Quote } from "~/.server/quotes/quotes.server";
import { quotePdfHref } from "~/domain/quote-sheet";
import { handOverRefusal } from "~/domain/quotes";
import { getT } from "~/i18n";
import { readFormData } from "~/utils/form-data.server";

const sendFormSchema = z.object({ intent: z.literal("send"), expectedLock: z.coerce.number().int().min(1).max(2 ** 31 - 1) });

function text(status: number, message: string): Response {
  return new Response(message, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
}

async function versionOf(request: Request, params: LoaderFunctionArgs["params"]) {
  const { dealer, db, language, quote } = await requireDealerQuote(request, params.number);
  const t = getT(language) as (key: string, options?: Record<string, unknown>) => string;
  const number = /^[1-9]\d{0,5}$/.test(params.version ?? "") ? Number(params.version) : NaN;
  const version = quote.versions.find((v) => v.version === number);
  if (!version) throw text(404, `Quote ${quote.number} has no version ${String(params.version ?? "").slice(0, 12)}.`);
  return { dealer, db, language, quote, version, t };
}

/** Why the newest version can't be sent now (a message key), or null. */
function sendRefusal(quote: Quote, version: number): string | null {
  const latest = quote.versions.at(-1)!;
  if (version !== latest.version) return "quoteDocument.errors.superseded";
  const refusal = handOverRefusal(latest);
  if (!refusal) return null;
  return refusal.code === "awaiting-approval" ? "quoteDocument.errors.pending" : "quoteDocument.errors.rejected";
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, language, quote, version, t } = await versionOf(request, params);
  if (!version.sentAt) return text(409, t("quoteDocument.errors.notSent", { number: quote.number, version: version.version }));
  const bytes = await quotePdf(db, { quote, version, language, origin: new URL(request.url).origin });
  return new Response(bytes, {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Length": String(bytes.byteLength),
      "Content-Disposition": `inline; filename="${quote.number}-v${version.version}.pdf"`,
      // Personal data: never kept by a shared cache.
      "Cache-Control": "private, no-store",
    },
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { dealer, db, quote, version, t } = await versionOf(request, params);
  const parsed = sendFormSchema.safeParse(Object.fromEntries(await readFormData(request)));
  if (!parsed.success) return text(400, "Send the form's intent=send and expectedLock.");
  if (!version.sentAt) {
    const refusal = sendRefusal(quote, version.version);
    if (refusal) return text(409, t(refusal));
    const sent = await sendQuote(db, dealer, quote.number, parsed.data.expectedLock);
    if (!sent.ok) {
      if (sent.problem.status === 404) throw notYoursResponse();
      return text(sent.problem.status, sent.problem.code === "stale" ? t("quoteDocument.errors.stale") : sent.problem.message);
    }
  }
  return redirect(quotePdfHref(quote.number, version.version), 303);
}
