/**
 * /account/profile (customers): name, phone, address, language, market, how
 * to be reached, preferred dealership and consents, each consent with the
 * date it was given or withdrawn. Checkout pre-fills from here.
 */
import { getFormProps, getInputProps, getSelectProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requirePermission } from "~/.server/auth/auth.server";
import { getProfile, listDealershipChoices, saveProfile, type Profile } from "~/.server/customers/profile.server";
import { getPreferences, preferencesCookieHeader } from "~/.server/platform/preferences.server";
import { ErrorList } from "~/components/forms";
import { useLanguage } from "~/components/use-language";
import { LANGUAGES, MARKET_CODES } from "~/domain/catalog";
import { countryOptions } from "~/domain/countries";
import { profileFormSchema, type ProfileForm } from "~/domain/forms/profile";
import { CONSENT_KINDS, CONTACT_CHANNELS, type ConsentKind } from "~/domain/profile";
import type { CustomerTier } from "~/domain/roles";
import { TIER_BENEFITS } from "~/domain/tiers";
import { getDb } from "#db/client";
import { readFormData } from "~/utils/form-data.server";
import { title } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => title(matches, "profile.title");

function view(profile: Profile) {
  return {
    name: profile.name,
    email: profile.email,
    phone: profile.phone,
    address: profile.address,
    language: profile.language,
    market: profile.market,
    contactChannel: profile.contactChannel,
    preferredDealershipId: profile.preferredDealershipId,
    consents: Object.fromEntries(
      CONSENT_KINDS.map((kind) => [kind, { granted: profile.consents[kind].granted, since: profile.consents[kind].since?.toISOString() ?? null }]),
    ) as Record<ConsentKind, { granted: boolean; since: string | null }>,
  };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "profile.edit");
  const db = await getDb();
  const [profile, dealerships, { language }] = await Promise.all([getProfile(db, user.id), listDealershipChoices(db), getPreferences(request)]);
  if (!profile) throw new Response(null, { status: 404 });
  // Country names from the server: the browser's ICU may name some differently, and the page must hydrate as rendered.
  return { profile: view(profile), dealerships, language, tier: user.tier, countries: countryOptions(language) };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "profile.edit");
  const submission = parseWithZod(await readFormData(request), { schema: profileFormSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), saved: false }, { status: 400 });
  const saved = await saveProfile(await getDb(), user.id, submission.value);
  if (!saved.ok) {
    return data({ result: submission.reply({ fieldErrors: { preferredDealership: ["validation.invalid"] } }), saved: false }, { status: saved.problem.status });
  }
  const { language, market } = saved.value;
  if (!language && !market) return { result: submission.reply(), saved: true };
  // The site follows the profile's language and market at once, not only at the next sign-in.
  const current = await getPreferences(request);
  return data(
    { result: submission.reply(), saved: true },
    { headers: { "Set-Cookie": await preferencesCookieHeader({ language: language ?? current.language, market: market ?? current.market }) } },
  );
}

export default function ProfilePage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const { profile, dealerships, tier, countries } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm<ProfileForm>({
    id: "profile",
    lastResult: answer?.result as SubmissionResult<string[]> | undefined,
    defaultValue: {
      name: profile.name,
      phone: profile.phone ?? "",
      street: profile.address?.street ?? "",
      postalCode: profile.address?.postalCode ?? "",
      city: profile.address?.city ?? "",
      country: profile.address?.country ?? "",
      language: profile.language ?? "",
      market: profile.market ?? "",
      contactChannel: profile.contactChannel,
      preferredDealership: profile.preferredDealershipId ?? "",
      consentRecommendations: profile.consents.recommendations.granted ? "on" : "",
      consentSavedConfigurationNews: profile.consents.saved_configuration_news.granted ? "on" : "",
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: profileFormSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const since = (iso: string | null) => (iso ? new Intl.DateTimeFormat(language, { dateStyle: "medium", timeZone: "UTC" }).format(new Date(iso)) : null);
  const text = (field: (typeof fields)["name"], label: string, type: "text" | "tel", autoComplete: string) => {
    const { key, ...props } = getInputProps(field, { type });
    return (
      <div className="field">
        <label htmlFor={field.id}>{label}</label>
        <input key={key} {...props} autoComplete={autoComplete} />
        <ErrorList id={field.errorId} errors={field.errors} />
      </div>
    );
  };

  return (
    <article className="profile" aria-labelledby="profile-title">
      <p className="breadcrumbs">
        <Link to="/account">{t("account.title")}</Link>
      </p>
      <h1 id="profile-title">{t("profile.title")}</h1>
      <p className="lead">{t("profile.lead", { email: profile.email })}</p>
      <p>
        <Link to="/account/privacy">{t("privacy.link")}</Link>
      </p>
      {answer?.saved ? (
        <p className="notice" role="status" data-testid="profile-saved">
          {t("profile.saved")}
        </p>
      ) : null}
      <Form method="post" className="form profile__form" {...getFormProps(form)}>
        <ErrorList id={form.errorId} errors={form.errors} className="form-error" />
        <fieldset>
          <legend>{t("profile.contact")}</legend>
          {text(fields.name, t("profile.field.name"), "text", "name")}
          {text(fields.phone, t("profile.field.phone"), "tel", "tel")}
        </fieldset>
        <fieldset>
          <legend>{t("profile.address")}</legend>
          <p className="field__hint">{t("profile.addressHint")}</p>
          {text(fields.street, t("profile.field.street"), "text", "street-address")}
          {text(fields.postalCode, t("profile.field.postalCode"), "text", "postal-code")}
          {text(fields.city, t("profile.field.city"), "text", "address-level2")}
          <div className="field">
            <label htmlFor={fields.country.id}>{t("profile.field.country")}</label>
            <select {...getSelectProps(fields.country)} key={fields.country.key} autoComplete="country">
              <option value="">{t("profile.none")}</option>
              {countries.map((c) => (
                <option key={c.code} value={c.code}>
                  {c.name}
                </option>
              ))}
            </select>
            <ErrorList id={fields.country.errorId} errors={fields.country.errors} />
          </div>
        </fieldset>
        <fieldset>
          <legend>{t("profile.preferences")}</legend>
          <div className="field">
            <label htmlFor={fields.language.id}>{t("profile.field.language")}</label>
            <select {...getSelectProps(fields.language)} key={fields.language.key}>
              <option value="">{t("profile.none")}</option>
              {LANGUAGES.map((code) => (
                <option key={code} value={code}>
                  {t(`languages.${code}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={fields.market.id}>{t("profile.field.market")}</label>
            <select {...getSelectProps(fields.market)} key={fields.market.key}>
              <option value="">{t("profile.none")}</option>
              {MARKET_CODES.map((code) => (
                <option key={code} value={code}>
                  {t(`markets.${code}`)}
                </option>
              ))}
            </select>
          </div>
          <fieldset className="field">
            <legend>{t("profile.field.contactChannel")}</legend>
            {CONTACT_CHANNELS.map((channel) => (
              <label key={channel} className="choice">
                <input type="radio" name={fields.contactChannel.name} value={channel} defaultChecked={profile.contactChannel === channel} />{" "}
                {t(`profile.channel.${channel}`)}
              </label>
            ))}
          </fieldset>
          <div className="field">
            <label htmlFor={fields.preferredDealership.id}>{t("profile.field.preferredDealership")}</label>
            <select {...getSelectProps(fields.preferredDealership)} key={fields.preferredDealership.key}>
              <option value="">{t("profile.none")}</option>
              {dealerships.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name}
                </option>
              ))}
            </select>
            <ErrorList id={fields.preferredDealership.errorId} errors={fields.preferredDealership.errors} />
          </div>
        </fieldset>
        <fieldset>
          <legend>{t("profile.consents")}</legend>
          {CONSENT_KINDS.map((kind) => {
            const field = kind === "recommendations" ? fields.consentRecommendations : fields.consentSavedConfigurationNews;
            const state = profile.consents[kind];
            const date = since(state.since);
            return (
              <div className="field field--checkbox" key={kind}>
                <label>
                  <input type="checkbox" name={field.name} defaultChecked={state.granted} data-testid={`consent-${kind}`} /> {t(`profile.consent.${kind}`)}
                </label>
                <p className="field__hint" data-testid={`consent-${kind}-since`}>
                  {date ? t(state.granted ? "profile.consentGiven" : "profile.consentWithdrawn", { date }) : t("profile.consentNever")}
                </p>
              </div>
            );
          })}
        </fieldset>
        <button type="submit" className="button" disabled={navigation.state === "submitting"}>
          {t("profile.save")}
        </button>
      </Form>
      <TierCard tier={tier} />
    </article>
  );
}

/** The customer's tier and what it gives them (the rule and its benefits: app/domain/tiers.ts). */
function TierCard({ tier }: { tier: CustomerTier }) {
  const { t } = useTranslation();
  return (
    <section className="card profile__tier" aria-labelledby="tier-title" data-testid="profile-tier">
      <h2 id="tier-title">{t("tiers.title")}</h2>
      <p>
        <strong data-tier={tier}>{t("tiers.yours", { tier: t(`customers.tiers.${tier}`) })}</strong>
      </p>
      <ul>
        {TIER_BENEFITS[tier].map((benefit) => (
          <li key={benefit}>{t(`tiers.benefits.${benefit}`)}</li>
        ))}
      </ul>
      <p className="muted">{t("tiers.rule")}</p>
    </section>
  );
}
