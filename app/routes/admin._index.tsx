import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { requirePermission } from "~/.server/auth/auth.server";
import { PlaceholderHome } from "~/components/placeholder-home";
import { title } from "~/utils/meta";

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "catalog.publish");
  return null;
}

export const meta: MetaFunction = ({ matches }) => title(matches, "admin.title");

export default function AdminHome() {
  return <PlaceholderHome section="admin" />;
}
