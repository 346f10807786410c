/** POST /logout ends the session on the server and clears the cookie. GET does nothing but go home. */
import { type ActionFunctionArgs, redirect } from "@remix-run/node";
import { clearSessionCookieHeader, signOut } from "~/.server/auth/auth.server";

export async function action({ request }: ActionFunctionArgs) {
  await signOut(request);
  return redirect("/", { headers: { "Set-Cookie": await clearSessionCookieHeader() } });
}

export function loader() {
  return redirect("/");
}
