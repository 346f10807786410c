/**
 * /admin/catalog/<id>/edit: a draft catalog version edited through forms, one
 * product line at a time (?line=), no JSON to write (issue 13 §1). Each form
 * carries the draft's revision; the action applies one edit through
 * draft-edit.server.ts (re-validated, audited, refused with 409 on a stale
 * revision or a version that is no longer a draft) and the page shows the
 * catalog tests' results after every edit. A published version answers 409.
 */
import { type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction, data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { NotADraft } from "~/components/admin/NotADraft";
import { getDb } from "#db/client";
import { requirePermission } from "~/.server/auth/auth.server";
import { startAnalysis } from "~/.server/catalog/analysis.server";
import { editDraft, invalidDraft, loadVersionForEdit } from "~/.server/catalog/draft-edit.server";
import { getPreferences } from "~/.server/platform/preferences.server";
import { LANGUAGES, localize, MARKET_CODES, type Language, type Market, type ProductLine } from "~/domain/catalog";
import { runCatalogExamples, type ExampleOutcome } from "~/domain/catalog-examples";
import { parseCatalogEditForm } from "~/domain/forms/catalog-edit";
import { formatMoney } from "~/utils/money";
import { readFormData } from "~/utils/form-data.server";
import { title } from "~/utils/meta";
import stylesUrl from "~/styles/catalog-edit.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: stylesUrl }];

export const meta: MetaFunction = ({ matches }) => title(matches, "admin.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "catalog.publish");
  const { language } = await getPreferences(request);
  const version = await loadVersionForEdit(await getDb(), params.id ?? "").catch(invalidDraft);
  if (!version) throw data({ message: "no such catalog version" }, { status: 404 });
  if (version.status !== "draft")
    return data({ editable: false as const, id: version.id, label: version.label, status: version.status, language }, { status: 409 });
  const search = new URL(request.url).searchParams;
  const wanted = search.get("line");
  const saved = search.get("saved");
  const line = version.catalog.productLines.find((l) => l.code === wanted) ?? version.catalog.productLines[0]!;
  const tests = runCatalogExamples(version.catalog).map((r) => ({ ...r, example: version.catalog.examples![r.index]! }));
  return {
    editable: true as const,
    id: version.id,
    label: version.label,
    revision: version.revision,
    /** The revision an edit just saved (after the redirect), for the confirmation. */
    saved: saved && /^\d{1,9}$/.test(saved) ? saved : null,
    language,
    lines: version.catalog.productLines.map((l) => ({ code: l.code, name: localize(l.name, language) })),
    line: lineView(line, language),
    tests,
  };
}

/** What the page shows of a line: its features' values with names, prices and lead times, and its rules. */
function lineView(line: ProductLine, language: Language) {
  return {
    code: line.code,
    name: localize(line.name, language),
    basePrice: line.basePrice as Partial<Record<Market, number>>,
    features: line.features.map((f) => ({
      code: f.code,
      name: localize(f.name, language),
      values:
        f.kind === "text"
          ? []
          : f.values.map((v) => ({ code: v.code, name: localize(v.name, language), names: v.name as Record<string, string>, price: v.price, leadTimeDays: v.leadTimeDays })),
    })),
    rules: line.rules.map((r) => ({ id: r.id, kind: r.kind, ...(r.kind === "excludes" ? { values: r.values } : {}), ...(r.kind === "requires" && "value" in r.if && "value" in r.then ? { a: r.if.value, b: r.then.value } : {}) })),
  };
}

type ActionResult = { ok: false; op: string; field: string; key: string; detail: string; revision?: number };

const refused = (status: number, op: string, field: string, key: string, detail = "") => data({ ok: false, op, field, key, detail } satisfies ActionResult, { status });

const REFUSAL_KEYS: Record<string, string> = {
  stale: "catalogEdit.errors.stale",
  "not-draft": "catalogEdit.errors.notDraft",
  "not-found": "catalogEdit.errors.notFound",
  invalid: "catalogEdit.errors.invalid",
  "no-configuration": "catalogEdit.errors.noConfiguration",
  "in-use": "catalogEdit.errors.inUse",
  "last-value": "catalogEdit.errors.lastValue",
  duplicate: "catalogEdit.errors.duplicate",
  "unknown-line": "catalogEdit.errors.unknownLine",
  "unknown-target": "catalogEdit.errors.unknownTarget",
};

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "catalog.publish");
  const form = await readFormData(request);
  const op = typeof form.get("op") === "string" ? String(form.get("op")).slice(0, 20) : "";
  const parsed = parseCatalogEditForm(form);
  if (!parsed.ok) return refused(400, op, parsed.problem.field, "catalogEdit.errors.form", parsed.problem.message);
  const db = await getDb();
  const result = await editDraft(db, { versionId: params.id ?? "", revision: parsed.revision, edit: parsed.edit, actorId: user.id });
  if (!result.ok) {
    const { status, code, message, path } = result.problem;
    // Refusals of the whole draft (stale, no longer a draft) show above the forms.
    const field = code === "stale" || code === "not-draft" || code === "not-found" ? "revision" : (path ?? "op");
    return refused(status, op, field, REFUSAL_KEYS[code] ?? "catalogEdit.errors.form", message);
  }
  // The draft as it is now is analysed in the background (in its worker), so the publish checks are ready by the time the admin gets there.
  await startAnalysis(db, params.id ?? "", result.value.catalog);
  // Post, redirect, get: a reload doesn't send the edit again, and the page shows the new revision.
  const line = "line" in parsed.edit ? parsed.edit.line : parsed.edit.op === "add-example" ? parsed.edit.example.line : "";
  const search = new URLSearchParams({ ...(line ? { line } : {}), saved: String(result.value.revision) });
  return redirect(`/admin/catalog/${encodeURIComponent(params.id ?? "")}/edit?${search}`);
}

export default function EditDraft() {
  const loaded = useLoaderData<typeof loader>();
  if (!loaded.editable) return <NotADraft id={loaded.id} status={loaded.status} />;
  return <Editor {...loaded} />;
}

type Loaded = Extract<ReturnType<typeof useLoaderData<typeof loader>>, { editable: true }>;

function Editor({ id, label, revision, saved, language, lines, line, tests }: Loaded) {
  const { t } = useTranslation();
  const result = useActionData<typeof action>() as ActionResult | undefined;
  const busy = useNavigation().state !== "idle";
  const values = line.features.flatMap((f) => f.values.map((v) => ({ ...v, feature: f.name })));
  const money = (amount: number | undefined, market: Market) => (amount === undefined ? t("catalogEdit.noPrice") : formatMoney(amount, market, language));
  /** The refusal, beside the field it is about in the form that sent it. */
  const errorFor = (op: string, field: string) =>
    result && !result.ok && result.op === op && (result.field === field || (field === "*" && !FIELDS[op]?.includes(result.field))) ? (
      <p className="field__error" role="alert" id={`${op}-${field}-error`}>
        {t(result.key as "catalogEdit.errors.form", { detail: result.detail })}
      </p>
    ) : null;
  const hidden = (op: string) => (
    <>
      <input type="hidden" name="op" value={op} />
      <input type="hidden" name="revision" value={revision} />
      <input type="hidden" name="line" value={line.code} />
    </>
  );
  const valuePicker = (name: string, id: string, withBase = false) => (
    <select id={id} name={name}>
      {withBase ? <option value="base">{t("catalogEdit.basePrice")}</option> : null}
      {values.map((v) => (
        <option key={v.code} value={v.code}>
          {`${v.feature}: ${v.name} (${v.code})`}
        </option>
      ))}
    </select>
  );
  const marketPicker = (id: string, name = "market") => (
    <select id={id} name={name}>
      {MARKET_CODES.map((m) => (
        <option key={m} value={m}>
          {m}
        </option>
      ))}
    </select>
  );

  return (
    <section aria-labelledby="edit-title" className="catalog-edit">
      <h1 id="edit-title">{t("catalogEdit.title", { label })}</h1>
      <p className="lead">{t("catalogEdit.lead")}</p>
      <p>
        <span data-testid="revision">{t("catalogEdit.revision", { revision })}</span>
        {" · "}
        <a href={`/admin/catalog/${encodeURIComponent(id)}/download`} download>
          {t("catalogEdit.download")}
        </a>
        {" · "}
        <Link to={`/admin/catalog/${encodeURIComponent(id)}/impact`}>{t("catalogEdit.impact")}</Link>
      </p>
      {saved ? (
        <p role="status" className="planning__notice">
          {t("catalogEdit.saved", { revision: saved })}
        </p>
      ) : null}
      {result && !result.ok && result.field === "catalog" ? errorFor(result.op, "catalog") : null}
      {result && !result.ok && result.field === "revision" ? (
        <p className="form-error" role="alert" data-testid="stale">
          {t(result.key as "catalogEdit.errors.form", { detail: result.detail })}
        </p>
      ) : null}

      <Form method="get" className="inline-form">
        <label htmlFor="line-pick">{t("catalogEdit.line")}</label>
        <select id="line-pick" name="line" defaultValue={line.code}>
          {lines.map((l) => (
            <option key={l.code} value={l.code}>
              {l.name}
            </option>
          ))}
        </select>
        <button type="submit" className="button button--small button--secondary">
          {t("catalogEdit.show")}
        </button>
      </Form>

      <h2>{t("catalogEdit.overview")}</h2>
      <div className="table-scroll">
        <table className="data-table" data-testid="values">
          <thead>
            <tr>
              <th scope="col">{t("catalogEdit.feature")}</th>
              <th scope="col">{t("catalogEdit.value")}</th>
              <th scope="col">{t("catalogEdit.code")}</th>
              <th scope="col">{t("catalogEdit.names")}</th>
              {MARKET_CODES.map((m) => (
                <th key={m} scope="col" className="num">
                  {m}
                </th>
              ))}
              <th scope="col" className="num">
                {t("catalogEdit.leadTime")}
              </th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row" colSpan={4}>
                {t("catalogEdit.basePrice")}
              </th>
              {MARKET_CODES.map((m) => (
                <td key={m} className="num">
                  {money(line.basePrice[m], m)}
                </td>
              ))}
              <td />
            </tr>
            {values.map((v) => (
              <tr key={v.code} data-value={v.code}>
                <td>{v.feature}</td>
                <td>{v.name}</td>
                <td>
                  <code>{v.code}</code>
                </td>
                <td>
                  {/* Every language's name, so the name form's effect is visible; a missing one falls back to English. */}
                  <ul className="catalog-edit__names">
                    {LANGUAGES.map((l) => (
                      <li key={l} lang={l} data-language={l}>
                        {v.names[l] ?? t("catalogEdit.noPrice")}
                      </li>
                    ))}
                  </ul>
                </td>
                {MARKET_CODES.map((m) => (
                  <td key={m} className="num" data-market={m}>
                    {money(v.price[m], m)}
                  </td>
                ))}
                <td className="num">{v.leadTimeDays}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2>{t("catalogEdit.rules")}</h2>
      {line.rules.length === 0 ? <p>{t("catalogEdit.noRules")}</p> : null}
      <ul data-testid="rules">
        {line.rules.map((r) => (
          <li key={r.id} data-rule={r.id}>
            {r.a && r.b
              ? t("catalogEdit.ruleRequires", { a: r.a, b: r.b })
              : r.values
                ? t("catalogEdit.ruleExcludes", { values: r.values.join(", ") })
                : t("catalogEdit.ruleOther", { id: r.id, kind: r.kind })}
          </li>
        ))}
      </ul>

      <h2>{t("catalogEdit.forms")}</h2>
      <div className="catalog-edit__forms">
        <Form method="post" className="card" data-testid="form-price">
          <h3>{t("catalogEdit.priceForm")}</h3>
          {hidden("price")}
          <label htmlFor="price-target">{t("catalogEdit.priceTarget")}</label>
          {valuePicker("target", "price-target", true)}
          {errorFor("price", "target")}
          <label htmlFor="price-market">{t("catalogEdit.market")}</label>
          {marketPicker("price-market")}
          {errorFor("price", "market")}
          <label htmlFor="price-amount">{t("catalogEdit.amount")}</label>
          <input id="price-amount" name="amount" inputMode="decimal" />
          {errorFor("price", "amount")}
          {errorFor("price", "*")}
          <button type="submit" className="button" disabled={busy}>
            {t("catalogEdit.submit")}
          </button>
        </Form>

        <Form method="post" className="card" data-testid="form-name">
          <h3>{t("catalogEdit.nameForm")}</h3>
          {hidden("name")}
          <label htmlFor="name-target">{t("catalogEdit.nameTarget")}</label>
          <select id="name-target" name="target">
            <option value={line.code}>{line.name}</option>
            {line.features.map((f) => (
              <option key={f.code} value={f.code}>
                {f.name}
              </option>
            ))}
            {values.map((v) => (
              <option key={v.code} value={v.code}>
                {`${v.feature}: ${v.name} (${v.code})`}
              </option>
            ))}
          </select>
          {errorFor("name", "target")}
          <label htmlFor="name-language">{t("catalogEdit.language")}</label>
          <select id="name-language" name="language">
            {LANGUAGES.map((l) => (
              <option key={l} value={l}>
                {t(`languages.${l}`)}
              </option>
            ))}
          </select>
          <label htmlFor="name-text">{t("catalogEdit.text")}</label>
          <input id="name-text" name="text" maxLength={200} />
          {errorFor("name", "text")}
          {errorFor("name", "*")}
          <button type="submit" className="button" disabled={busy}>
            {t("catalogEdit.submit")}
          </button>
        </Form>

        <Form method="post" className="card" data-testid="form-lead-time">
          <h3>{t("catalogEdit.leadTimeForm")}</h3>
          {hidden("lead-time")}
          <label htmlFor="lead-value">{t("catalogEdit.value")}</label>
          {valuePicker("value", "lead-value")}
          <label htmlFor="lead-days">{t("catalogEdit.days")}</label>
          <input id="lead-days" name="days" type="number" min={0} max={365} />
          {errorFor("lead-time", "days")}
          {errorFor("lead-time", "*")}
          <button type="submit" className="button" disabled={busy}>
            {t("catalogEdit.submit")}
          </button>
        </Form>

        <Form method="post" className="card" data-testid="form-add-value">
          <h3>{t("catalogEdit.addValueForm")}</h3>
          {hidden("add-value")}
          <label htmlFor="add-feature">{t("catalogEdit.feature")}</label>
          <select id="add-feature" name="feature">
            {line.features
              .filter((f) => f.values.length > 0)
              .map((f) => (
                <option key={f.code} value={f.code}>
                  {f.name}
                </option>
              ))}
          </select>
          <label htmlFor="add-code">{t("catalogEdit.valueCode")}</label>
          <input id="add-code" name="code" maxLength={64} />
          {errorFor("add-value", "code")}
          <label htmlFor="add-name">{t("catalogEdit.valueName")}</label>
          <input id="add-name" name="name" maxLength={200} />
          {errorFor("add-value", "name")}
          {errorFor("add-value", "*")}
          <button type="submit" className="button" disabled={busy}>
            {t("catalogEdit.submit")}
          </button>
        </Form>

        <Form method="post" className="card" data-testid="form-retire-value">
          <h3>{t("catalogEdit.retireForm")}</h3>
          <p className="muted">{t("catalogEdit.retireHint")}</p>
          {hidden("retire-value")}
          <label htmlFor="retire-value">{t("catalogEdit.value")}</label>
          {valuePicker("value", "retire-value")}
          {errorFor("retire-value", "value")}
          {errorFor("retire-value", "*")}
          <button type="submit" className="button" disabled={busy}>
            {t("catalogEdit.submit")}
          </button>
        </Form>

        <Form method="post" className="card" data-testid="form-add-rule">
          <h3>{t("catalogEdit.ruleForm")}</h3>
          {hidden("add-rule")}
          <label htmlFor="rule-a">{t("catalogEdit.ruleA")}</label>
          {valuePicker("a", "rule-a")}
          {errorFor("add-rule", "a")}
          <label htmlFor="rule-kind">{t("catalogEdit.ruleKind")}</label>
          <select id="rule-kind" name="kind">
            <option value="requires">{t("catalogEdit.kindRequires")}</option>
            <option value="excludes">{t("catalogEdit.kindExcludes")}</option>
          </select>
          <label htmlFor="rule-b">{t("catalogEdit.ruleB")}</label>
          {valuePicker("b", "rule-b")}
          {errorFor("add-rule", "b")}
          {errorFor("add-rule", "*")}
          <button type="submit" className="button" disabled={busy}>
            {t("catalogEdit.submit")}
          </button>
        </Form>

        {line.rules.length > 0 ? (
          <Form method="post" className="card" data-testid="form-remove-rule">
            <h3>{t("catalogEdit.removeRuleForm")}</h3>
            {hidden("remove-rule")}
            <label htmlFor="remove-rule">{t("catalogEdit.rule")}</label>
            <select id="remove-rule" name="rule">
              {line.rules.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.id}
                </option>
              ))}
            </select>
            {errorFor("remove-rule", "rule")}
            {errorFor("remove-rule", "*")}
            <button type="submit" className="button" disabled={busy}>
              {t("catalogEdit.remove")}
            </button>
          </Form>
        ) : null}
      </div>

      <h2>{t("catalogEdit.tests")}</h2>
      <p className="muted">{t("catalogEdit.testsLead")}</p>
      {tests.length === 0 ? <p>{t("catalogEdit.noTests")}</p> : null}
      <ul data-testid="tests">
        {tests.map((test) => (
          <li key={test.index} data-pass={test.pass}>
            <strong>{test.pass ? t("catalogEdit.testPass") : t("catalogEdit.testFail")}</strong> {test.name}: <OutcomeText outcome={test.outcome} market={test.example.price?.market} language={language} />
            <Form method="post" className="inline-form">
              <input type="hidden" name="op" value="remove-example" />
              <input type="hidden" name="revision" value={revision} />
              <input type="hidden" name="index" value={test.index} />
              <button type="submit" className="button button--small button--secondary" disabled={busy}>
                {t("catalogEdit.remove")}
              </button>
            </Form>
          </li>
        ))}
      </ul>
      {errorFor("remove-example", "*")}
      <Form method="post" className="card" data-testid="form-add-example">
        <h3>{t("catalogEdit.addTestForm")}</h3>
        {hidden("add-example")}
        <label htmlFor="example-name">{t("catalogEdit.testName")}</label>
        <input id="example-name" name="name" maxLength={200} />
        {errorFor("add-example", "name")}
        <label htmlFor="example-choices">{t("catalogEdit.testChoices")}</label>
        <select id="example-choices" name="choices" multiple size={8}>
          {values.map((v) => (
            <option key={v.code} value={v.code}>
              {`${v.feature}: ${v.name} (${v.code})`}
            </option>
          ))}
        </select>
        {errorFor("add-example", "choices")}
        <label htmlFor="example-expect">{t("catalogEdit.testExpect")}</label>
        <select id="example-expect" name="expect">
          <option value="buildable">{t("catalogEdit.expectBuildable")}</option>
          <option value="refused">{t("catalogEdit.expectRefused")}</option>
        </select>
        <label htmlFor="example-market">{t("catalogEdit.market")}</label>
        {marketPicker("example-market")}
        <label htmlFor="example-total">{t("catalogEdit.testTotal")}</label>
        <input id="example-total" name="total" inputMode="decimal" />
        {errorFor("add-example", "total")}
        {errorFor("add-example", "*")}
        <button type="submit" className="button" disabled={busy}>
          {t("catalogEdit.submit")}
        </button>
      </Form>
    </section>
  );
}

/** The fields each form shows its own messages beside; anything else shows at the form's end. */
const FIELDS: Record<string, string[]> = {
  price: ["target", "market", "amount", "revision", "catalog"],
  name: ["target", "text", "revision", "catalog"],
  "lead-time": ["days", "revision", "catalog"],
  "add-value": ["code", "name", "revision", "catalog"],
  "retire-value": ["value", "revision", "catalog"],
  "add-rule": ["a", "b", "revision", "catalog"],
  "remove-rule": ["rule", "revision", "catalog"],
  "add-example": ["name", "choices", "total", "revision", "catalog"],
  "remove-example": ["revision", "catalog"],
};

function OutcomeText({ outcome, market, language }: { outcome: ExampleOutcome; market: Market | undefined; language: Language }) {
  const { t } = useTranslation();
  const money = (amount: number, m: Market | undefined) => (m ? formatMoney(amount, m, language) : String(amount));
  switch (outcome.code) {
    case "buildable":
      return <>{outcome.total === undefined ? t("catalogEdit.outcome.buildable") : t("catalogEdit.outcome.buildablePrice", { total: money(outcome.total, market) })}</>;
    case "refused":
      return <>{t("catalogEdit.outcome.refused")}</>;
    case "not-buildable":
      return <>{t("catalogEdit.outcome.notBuildable", { conflicts: outcome.conflicts.join(", ") })}</>;
    case "not-refused":
      return <>{t("catalogEdit.outcome.notRefused")}</>;
    case "price-differs":
      return <>{t("catalogEdit.outcome.priceDiffers", { expected: money(outcome.expected, outcome.market), actual: money(outcome.actual, outcome.market) })}</>;
    case "unknown-line":
      return <>{t("catalogEdit.outcome.unknownLine", { line: outcome.line })}</>;
    case "unknown-code":
      return <>{t("catalogEdit.outcome.unknownCode", { codes: outcome.codes.join(", ") })}</>;
  }
}
