/**
 * /admin/dealerships: every dealership with its staff count, and the form to
 * create one (code, name, market, address and contact, discount ceiling,
 * quote validity). Bad input answers 400 on its field, a taken code 409.
 */
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type LinksFunction, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { adminRefusal, invalidReply, postedFields, unknownIntent } from "~/.server/admin/admin-forms.server";
import { createDealership, listDealershipsForAdmin } from "~/.server/admin/dealerships.server";
import { requirePermission } from "~/.server/auth/auth.server";
import { getDb } from "#db/client";
import { errorsOf } from "~/components/admin";
import { DealershipForm } from "~/components/admin-dealership-form";
import { dealershipSchema } from "~/domain/forms/admin";
import peopleStyles from "~/styles/people.css?url";
import { title } from "~/utils/meta";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: peopleStyles }];

export const meta: MetaFunction = ({ matches }) => title(matches, "people.dealerships.title");

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "dealership.manage");
  return { dealerships: await listDealershipsForAdmin(await getDb()) };
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requirePermission(request, "dealership.manage");
  const fields = await postedFields(request);
  if (fields.intent !== "create") return unknownIntent();
  const parsed = dealershipSchema.safeParse(fields);
  if (!parsed.success) return invalidReply(parsed.error);
  const result = await createDealership(await getDb(), admin.id, parsed.data);
  if (!result.ok) return adminRefusal(result.problem);
  return redirect(`/admin/dealerships/${result.value.id}`);
}

export default function AdminDealerships() {
  const { t } = useTranslation();
  const { dealerships } = useLoaderData<typeof loader>();
  const errors = errorsOf(useActionData<typeof action>());
  const navigation = useNavigation();
  return (
    <section aria-labelledby="dealerships-title" className="people-page">
      <h1 id="dealerships-title">{t("people.dealerships.title")}</h1>
      <p className="muted">{t("people.dealerships.lead")}</p>
      {dealerships.length === 0 ? (
        <p className="muted">{t("people.dealerships.empty")}</p>
      ) : (
        <div className="people-scroll">
          <table className="people-table" data-testid="dealerships">
            <thead>
              <tr>
                <th scope="col">{t("people.dealerships.code")}</th>
                <th scope="col">{t("people.dealerships.name")}</th>
                <th scope="col">{t("people.dealerships.market")}</th>
                <th scope="col">{t("people.dealerships.city")}</th>
                <th scope="col">{t("people.dealerships.staffCount")}</th>
              </tr>
            </thead>
            <tbody>
              {dealerships.map((d) => (
                <tr key={d.id}>
                  <td>{d.code}</td>
                  <td>
                    <Link to={`/admin/dealerships/${d.id}`}>{d.name}</Link>
                  </td>
                  <td>{d.market}</td>
                  <td>{d.city}</td>
                  <td>{d.members}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <section aria-labelledby="new-dealership-title" className="card">
        <h2 id="new-dealership-title">{t("people.dealerships.new")}</h2>
        <DealershipForm errors={errors} intent="create" submit={t("people.dealerships.create")} busy={navigation.state === "submitting"} />
      </section>
    </section>
  );
}
