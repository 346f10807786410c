/**
 * /customers/<id>: the customer file for the maker's staff (planners,
 * admins), reached from the planner's order page. What each reader sees is
 * the permission table's: planners the name, tier and its history, orders,
 * feedback and notes (no email, phone or address); admins also the contact
 * details and who opened the file. A dealership's staff are sent to their
 * own page (/dealer/customers/<id>), which checks the customer is their
 * dealership's. Each opening is logged. A customer the reader doesn't reach
 * (or an id that isn't one) is 404.
 */
import { type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requirePermission } from "~/.server/auth/auth.server";
import { customerFileAction, customerFilePage } from "~/.server/customers/customer-file-pages.server";
import type { FileReader } from "~/.server/customers/customer-file.server";
import { dealerContext } from "~/.server/quotes/quotes.server";
import { CustomerFileSections } from "~/components/customers/CustomerFile";
import dealerStyles from "~/components/dealer/dealer.css?url";
import { title } from "~/utils/meta";
import { getDb } from "#db/client";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: dealerStyles }];

export const meta: MetaFunction = ({ matches }) => title(matches, "customers.file");

const notFound = () => new Response("Not found", { status: 404 });

/** The signed-in reader as the maker's staff, or a redirect to the dealers' page for a dealership's staff. */
async function makerReader(request: Request, id: string): Promise<FileReader> {
  const user = await requirePermission(request, "customer-file.read");
  const db = await getDb();
  if (await dealerContext(db, user.id)) throw redirect(`/dealer/customers/${encodeURIComponent(id)}`);
  return { id: user.id, role: user.role, dealershipId: null };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = params.id ?? "";
  const reader = await makerReader(request, id);
  const page = await customerFilePage(await getDb(), reader, id);
  if (!page) throw notFound();
  return page;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const id = params.id ?? "";
  // Dealership staff post on their own page; a POST here is redirected there unread.
  const reader = await makerReader(request, id);
  return customerFileAction(request, await getDb(), reader, id, notFound);
}

export default function CustomerFilePage() {
  const { t } = useTranslation();
  const { file, canNote, canOverride } = useLoaderData<typeof loader>();
  return (
    <section className="dealer-page" aria-labelledby="file-title">
      <p className="muted">{t("customers.file")}</p>
      <h1 id="file-title">{file.name}</h1>
      <CustomerFileSections file={file} canNote={canNote} canOverride={canOverride} />
    </section>
  );
}
