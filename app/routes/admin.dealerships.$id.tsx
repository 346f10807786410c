/**
 * /admin/dealerships/<id>: edit a dealership's details (its quotes and the
 * customers' dealer choice read them from here), and its staff: add a dealer
 * or sales manager, change a member's role or own discount cap, remove them.
 * An unknown or malformed id is 404; bad input 400 on its field; a rule the
 * change would break (a last membership, a taken code) 409.
 */
import { type ActionFunctionArgs, type LoaderFunctionArgs, type LinksFunction, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { adminRefusal, invalidReply, postedFields, unknownIntent } from "~/.server/admin/admin-forms.server";
import { getDealershipForAdmin, memberCandidates, removeMember, saveMember, updateDealership } from "~/.server/admin/dealerships.server";
import { requirePermission } from "~/.server/auth/auth.server";
import { getDb } from "#db/client";
import { errorsOf, FieldErrors } from "~/components/admin";
import { DealershipForm } from "~/components/admin-dealership-form";
import { ErrorList } from "~/components/forms";
import { dealershipSchema, memberSchema, userIdSchema } from "~/domain/forms/admin";
import { DEALERSHIP_ROLES } from "~/domain/roles";
import peopleStyles from "~/styles/people.css?url";
import { title } from "~/utils/meta";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: peopleStyles }];

export const meta: MetaFunction = ({ matches }) => title(matches, "people.dealerships.title");

const notFound = () => new Response("Not found", { status: 404 });

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "dealership.manage");
  const db = await getDb();
  const found = await getDealershipForAdmin(db, params.id ?? "");
  if (!found) throw notFound();
  const { createdAt: _c, updatedAt: _u, ...dealership } = found.dealership;
  return { dealership, members: found.members, candidates: await memberCandidates(db, dealership.id) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requirePermission(request, "dealership.manage");
  const db = await getDb();
  const id = params.id ?? "";
  if (!z.string().uuid().safeParse(id).success) throw notFound();
  const fields = await postedFields(request);
  if (fields.intent === "update") {
    const parsed = dealershipSchema.safeParse(fields);
    if (!parsed.success) return invalidReply(parsed.error);
    const result = await updateDealership(db, admin.id, id, parsed.data);
    return result.ok ? { ok: true as const, done: "saved" } : adminRefusal(result.problem);
  }
  if (fields.intent === "add-member" || fields.intent === "update-member") {
    const parsed = memberSchema.safeParse(fields);
    if (!parsed.success) return invalidReply(parsed.error);
    const result = await saveMember(db, admin.id, id, parsed.data, fields.intent === "add-member" ? "add" : "update");
    return result.ok ? { ok: true as const, done: "saved" } : adminRefusal(result.problem);
  }
  if (fields.intent === "remove-member") {
    const parsed = userIdSchema.safeParse(fields);
    if (!parsed.success) return invalidReply(parsed.error);
    const result = await removeMember(db, admin.id, id, parsed.data.userId);
    return result.ok ? { ok: true as const, done: "saved" } : adminRefusal(result.problem);
  }
  return unknownIntent();
}

export default function AdminDealership() {
  const { t } = useTranslation();
  const { dealership, members, candidates } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = errorsOf(actionData);
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const saved = actionData && "ok" in actionData;
  return (
    <section aria-labelledby="dealership-title" className="people-page">
      <p>
        <Link to="/admin/dealerships">{t("people.dealerships.back")}</Link>
      </p>
      <h1 id="dealership-title">
        {dealership.name} <span className="muted">{dealership.code}</span>
      </h1>
      {saved ? (
        <p role="status" className="notice">
          {t("people.dealerships.saved")}
        </p>
      ) : null}
      {errors?.userId ? <ErrorList errors={errors.userId} className="form-error" /> : null}
      <div className="people-columns">
        <section className="card" aria-labelledby="details-title">
          <h2 id="details-title">{t("people.dealerships.details")}</h2>
          <DealershipForm key={dealership.id} values={dealership} errors={errors} intent="update" submit={t("people.dealerships.save")} busy={busy} />
        </section>
        <section className="card" aria-labelledby="staff-title">
          <h2 id="staff-title">{t("people.dealerships.members")}</h2>
          {members.length === 0 ? <p className="muted">{t("people.dealerships.membersEmpty")}</p> : null}
          <ul className="people-list" data-testid="members">
            {members.map((m) => (
              <li key={m.userId}>
                <Form method="post" className="form form--inline">
                  <input type="hidden" name="userId" value={m.userId} />
                  <span>
                    {m.name} <span className="muted">{m.email}</span>
                    {m.active ? null : <span className="muted"> ({t("people.dealerships.inactive")})</span>}
                  </span>
                  <label className="visually-hidden" htmlFor={`role-${m.userId}`}>
                    {t("people.dealerships.role")}
                  </label>
                  <select id={`role-${m.userId}`} name="role" defaultValue={m.role}>
                    {DEALERSHIP_ROLES.map((role) => (
                      <option key={role} value={role}>
                        {t(`roles.${role}`)}
                      </option>
                    ))}
                  </select>
                  <label htmlFor={`cap-${m.userId}`}>{t("people.dealerships.cap")}</label>
                  <input id={`cap-${m.userId}`} name="discountCap" defaultValue={m.discountCapBasisPoints / 100} size={5} />
                  <button type="submit" name="intent" value="update-member" className="button button--secondary" disabled={busy}>
                    {t("people.dealerships.update")}
                  </button>
                  <button type="submit" name="intent" value="remove-member" className="button button--danger" disabled={busy}>
                    {t("people.dealerships.remove")}
                  </button>
                </Form>
              </li>
            ))}
          </ul>
          {candidates.length > 0 ? (
            <Form method="post" className="form" noValidate>
              <input type="hidden" name="intent" value="add-member" />
              <div className="field">
                <label htmlFor="new-member">{t("people.dealerships.person")}</label>
                <select id="new-member" name="userId">
                  {candidates.map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.name} ({c.email})
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor="new-member-role">{t("people.dealerships.role")}</label>
                <select id="new-member-role" name="role">
                  {DEALERSHIP_ROLES.map((role) => (
                    <option key={role} value={role}>
                      {t(`roles.${role}`)}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor="new-member-cap">{t("people.dealerships.cap")}</label>
                <input id="new-member-cap" name="discountCap" defaultValue="0" />
                <FieldErrors errors={errors} name="discountCap" />
              </div>
              <button type="submit" className="button" disabled={busy}>
                {t("people.dealerships.addMember")}
              </button>
            </Form>
          ) : null}
        </section>
      </div>
    </section>
  );
}
