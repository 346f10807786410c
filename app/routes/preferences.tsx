/** POST-only: the language/market switch. Stores the cookie and goes back where the visitor was. */
import { type ActionFunctionArgs, redirect } from "@remix-run/node";
import { getPreferences, preferencesCookieHeader, preferencesFormSchema } from "~/.server/platform/preferences.server";
import { readFormData } from "~/utils/form-data.server";
import { safeRedirect } from "~/utils/safe-redirect";

export async function action({ request }: ActionFunctionArgs) {
  const form = Object.fromEntries(await readFormData(request));
  const parsed = preferencesFormSchema.safeParse(form);
  if (!parsed.success) throw new Response(null, { status: 400 });
  const current = await getPreferences(request);
  const next = { language: parsed.data.language ?? current.language, market: parsed.data.market ?? current.market };
  return redirect(safeRedirect(parsed.data.redirectTo, "/"), {
    headers: { "Set-Cookie": await preferencesCookieHeader(next) },
  });
}

export function loader() {
  return redirect("/");
}
