import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { requireRole } from "~/.server/auth.server";
import { PlaceholderHome } from "~/components/placeholder-home";
import { title } from "~/utils/meta";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "dealer", "sales_manager");
  return null;
}

export const meta: MetaFunction = ({ matches }) => title(matches, "dealer.title");

export default function DealerHome() {
  return <PlaceholderHome section="dealer" />;
}
