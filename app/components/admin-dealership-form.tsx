/** The dealership's details form, for creating one and for editing it. */
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { MARKET_CODES } from "~/domain/catalog";
import { AdminInput, FieldErrors, type ReplyErrors } from "./admin";

export interface DealershipValues {
  code: string;
  name: string;
  market: string;
  street: string | null;
  postalCode: string | null;
  city: string | null;
  country: string | null;
  phone: string | null;
  email: string | null;
  discountCapBasisPoints: number;
  quoteValidityDays: number;
}

export function DealershipForm({
  values,
  errors,
  intent,
  submit,
  busy,
}: {
  values?: DealershipValues;
  errors: ReplyErrors;
  intent: string;
  submit: string;
  busy: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Form method="post" className="form" noValidate>
      <input type="hidden" name="intent" value={intent} />
      <AdminInput name="code" label={t("people.dealerships.code")} errors={errors} defaultValue={values?.code} />
      <AdminInput name="name" label={t("people.dealerships.name")} errors={errors} defaultValue={values?.name} />
      <div className="field">
        <label htmlFor="market">{t("people.dealerships.market")}</label>
        <select id="market" name="market" defaultValue={values?.market ?? "DE"}>
          {MARKET_CODES.map((m) => (
            <option key={m} value={m}>
              {t(`markets.${m}`)}
            </option>
          ))}
        </select>
        <FieldErrors errors={errors} name="market" />
      </div>
      <AdminInput name="street" label={t("people.dealerships.street")} errors={errors} defaultValue={values?.street} />
      <AdminInput name="postalCode" label={t("people.dealerships.postalCode")} errors={errors} defaultValue={values?.postalCode} />
      <AdminInput name="city" label={t("people.dealerships.city")} errors={errors} defaultValue={values?.city} />
      <AdminInput name="country" label={t("people.dealerships.country")} errors={errors} defaultValue={values?.country} />
      <AdminInput name="phone" label={t("people.dealerships.phone")} errors={errors} defaultValue={values?.phone} />
      <AdminInput name="email" label={t("people.dealerships.email")} type="email" errors={errors} defaultValue={values?.email} />
      <AdminInput
        name="discountCap"
        label={t("people.dealerships.discountCap")}
        errors={errors}
        defaultValue={values ? values.discountCapBasisPoints / 100 : 100}
        hint={t("people.dealerships.discountCapHint")}
      />
      <AdminInput name="quoteValidityDays" label={t("people.dealerships.quoteValidityDays")} errors={errors} defaultValue={values?.quoteValidityDays ?? 30} />
      <button type="submit" className="button" disabled={busy}>
        {submit}
      </button>
    </Form>
  );
}
