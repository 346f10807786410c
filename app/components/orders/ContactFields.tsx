/**
 * The checkout's contact and delivery inputs, wired to conform (labels,
 * aria-invalid, each field's messages).
 */
import { getInputProps, getSelectProps, type FieldMetadata } from "@conform-to/react";
import { useTranslation } from "react-i18next";
import { ErrorList } from "~/components/forms";

type ContactField = "name" | "email" | "phone" | "street" | "postalCode" | "city" | "country";

const INPUTS: { name: Exclude<ContactField, "country">; type: "text" | "email" | "tel"; autoComplete: string; maxLength: number }[] = [
  { name: "name", type: "text", autoComplete: "name", maxLength: 100 },
  { name: "email", type: "email", autoComplete: "email", maxLength: 254 },
  { name: "phone", type: "tel", autoComplete: "tel", maxLength: 40 },
  { name: "street", type: "text", autoComplete: "street-address", maxLength: 200 },
  { name: "postalCode", type: "text", autoComplete: "postal-code", maxLength: 20 },
  { name: "city", type: "text", autoComplete: "address-level2", maxLength: 100 },
];

/** `countries` come from the loader (countryOptions on the server), so the page hydrates with the names it was rendered with. */
export function ContactFields({ fields, countries }: { fields: Record<ContactField, FieldMetadata<string>>; countries: readonly { code: string; name: string }[] }) {
  const { t } = useTranslation();
  const country = fields.country;
  return (
    <div className="contact-fields">
      {INPUTS.map(({ name, type, autoComplete, maxLength }) => {
        const field = fields[name];
        const { key, ...props } = getInputProps(field, { type });
        return (
          <div className={`field field--${name}`} key={name}>
            <label htmlFor={field.id}>{t(`checkout.field.${name}`)}</label>
            <input key={key} {...props} autoComplete={autoComplete} maxLength={maxLength} />
            <ErrorList id={field.errorId} errors={field.errors} />
          </div>
        );
      })}
      <div className="field field--country">
        <label htmlFor={country.id}>{t("checkout.field.country")}</label>
        <select {...getSelectProps(country)} key={country.key} autoComplete="country">
          {countries.map((c) => (
            <option key={c.code} value={c.code}>
              {c.name}
            </option>
          ))}
        </select>
        <ErrorList id={country.errorId} errors={country.errors} />
      </div>
    </div>
  );
}
